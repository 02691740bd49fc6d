/**
 * Many accounts in one program: N accounts x 3 hooks, one `Provider` per account, beside the same
 * N x 3 hooks in the stack's one account. Through the real CLI on a program folder
 * (bench/accounts/) against the in-process emulator: `up` wall time, and the peak resident memory
 * of the whole process tree (CLI, language host, program, provider hosts), with how many provider
 * hosts ran. Each explicit provider is a provider host process of its own.
 */
import * as fs from "fs";
import * as path from "path";
import { startEmulator, type Emulator } from "../emulator";
import { makeProgramFolder, type ProgramFolder } from "../test/helpers/programFolder";
import { NEWEST_PULUMI_CLI_VERSION } from "../test/helpers/pulumiCli";
import { markdownTable, round, section } from "./markdown";
import type { BenchSection } from "./options";

const PROGRAM = path.join(__dirname, "accounts");
const ACCOUNTS = 25;
const PER_ACCOUNT = 3;
const PAGE_BYTES = 4096;

/** The bench's emulator accounts: test values. */
const accounts = Array.from({ length: ACCOUNTS }, (_, a) => ({
  accountSid: `AC${"b".repeat(24)}${String(a + 1).padStart(8, "0")}`,
  authToken: `bench-account-token-${a}`,
}));

interface TreeSample {
  rssBytes: number;
  providerHosts: number;
  /** At the peak: resident MiB and count per program name. */
  byProgram: Record<string, { count: number; mib: number }>;
}

/** A process's program for the breakdown: the executable, or node's script. */
function programOf(cmd: string): string {
  const words = cmd.trim().split(" ");
  const exe = path.basename(words[0] ?? "");
  if (exe !== "node") return exe;
  const script = words.slice(1).find((w) => !w.startsWith("-"));
  return script ? `node ${script.split("/").slice(-3).join("/")}` : "node";
}

/** The processes under `root` (itself included), from /proc, with their resident bytes and command lines. */
function processTree(root: number): { pid: number; rss: number; cmd: string }[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone already
    }
  }
  const out: { pid: number; rss: number; cmd: string }[] = [];
  const visit = (pid: number) => {
    try {
      const rss = Number(fs.readFileSync(`/proc/${pid}/statm`, "utf8").split(" ")[1]) * PAGE_BYTES;
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
      out.push({ pid, rss, cmd });
    } catch {
      return;
    }
    for (const child of children.get(pid) ?? []) visit(child);
  };
  visit(root);
  return out;
}

/** `pulumi up` of a fresh stack, sampling the process tree every 100 ms. */
async function upMeasured(folder: ProgramFolder): Promise<{ ms: number; peak: TreeSample }> {
  const spawned = folder.spawn(["up", "--yes", "--skip-preview"], { stack: "bench" });
  const peak: TreeSample = { rssBytes: 0, providerHosts: 0, byProgram: {} };
  const timer = setInterval(() => {
    const tree = processTree(spawned.pid);
    const rss = tree.reduce((sum, p) => sum + p.rss, 0);
    peak.providerHosts = Math.max(peak.providerHosts, tree.filter((p) => p.cmd.includes("dynamic-provider/index.js")).length);
    if (rss <= peak.rssBytes) return;
    peak.rssBytes = rss;
    peak.byProgram = {};
    for (const p of tree) {
      const entry = (peak.byProgram[programOf(p.cmd)] ??= { count: 0, mib: 0 });
      entry.count += 1;
      entry.mib += p.rss / 2 ** 20;
    }
  }, 100);
  try {
    const run = await spawned.result;
    if (run.code !== 0) throw new Error(`pulumi up failed:\n${run.stderr.slice(-2000)}`);
    return { ms: run.ms, peak };
  } finally {
    clearInterval(timer);
  }
}

async function measure(emulator: Emulator, mode: "providers" | "single") {
  emulator.reset();
  const folder = makeProgramFolder({
    source: PROGRAM,
    cliVersion: NEWEST_PULUMI_CLI_VERSION,
    env: { PULUMI_NODEJS_TRANSPILE_ONLY: "true" },
  });
  try {
    await folder.pulumi(["stack", "init", "bench"]);
    await folder.setConfig("bench", "twilio:accountSid", accounts[0].accountSid);
    await folder.setConfig("bench", "twilio:authToken", accounts[0].authToken, { secret: true });
    await folder.setConfig("bench", "twilio:endpoint", emulator.url);
    await folder.setConfig("bench", "accounts:mode", mode);
    // "single" lists the stack's own account once and puts every hook there.
    const list = mode === "providers" ? accounts : accounts.slice(0, 1);
    await folder.setConfig("bench", "accounts:perAccount", String(mode === "providers" ? PER_ACCOUNT : ACCOUNTS * PER_ACCOUNT));
    await folder.setConfig("bench", "accounts:list", JSON.stringify(list));
    const result = await upMeasured(folder);
    const hooks = emulator.log.entries().filter((e) => e.method === "POST" && e.path === "/v1/CompositionHooks" && e.status === 201).length;
    return { ...result, hooks };
  } finally {
    await folder.cleanup();
  }
}

export const accountsSection: BenchSection = {
  name: "accounts",
  async run() {
    const emulator = await startEmulator({ accounts });
    try {
      const providers = await measure(emulator, "providers");
      const single = await measure(emulator, "single");
      const mib = (b: number) => round(b / 2 ** 20);
      const rows = [
        [
          `${ACCOUNTS} accounts x ${PER_ACCOUNT} hooks, a Provider each`,
          providers.hooks,
          providers.ms,
          mib(providers.peak.rssBytes),
          providers.peak.providerHosts,
        ],
        [`${ACCOUNTS * PER_ACCOUNT} hooks in one account`, single.hooks, single.ms, mib(single.peak.rssBytes), single.peak.providerHosts],
      ];
      // The dynamic-provider host processes' mean resident size at the peak.
      const hosts = Object.entries(providers.peak.byProgram).find(([name]) => name.includes("dynamic-provider"))?.[1];
      const perHost = hosts ? hosts.mib / hosts.count : 0;
      const breakdown = (t: TreeSample) =>
        Object.entries(t.byProgram)
          .sort(([, x], [, y]) => y.mib - x.mib)
          .map(([name, e]) => [name, e.count, round(e.mib)]);
      return section(
        "Many accounts in one program",
        `CLI ${NEWEST_PULUMI_CLI_VERSION}, a program folder (bench/accounts), one \`up\` of a new stack each, default --parallel. ` +
          `Peak memory: the resident memory of the CLI's whole process tree, sampled every 100 ms. ` +
          `Each provider host (a node process per Provider) holds about ${round(perHost)} MiB resident.`,
        markdownTable(["program", "hooks created", "up ms", "peak MiB (all processes)", "provider hosts at peak"], rows),
        markdownTable(["at the peak, a Provider each: process", "count", "resident MiB"], breakdown(providers.peak)),
        markdownTable(["at the peak, one account: process", "count", "resident MiB"], breakdown(single.peak)),
      );
    } finally {
      await emulator.close();
    }
  },
};
