/**
 * Emulator throughput: fetch and create of composition hooks over loopback, keep-alive, a fixed
 * number of requests in flight, a bounded few seconds each. The emulator runs in its own process
 * (as in CI) so client and server do not share one event loop.
 *
 *   npx ts-node --transpile-only bench/emulator.ts [--seconds 3] [--concurrency 16]
 */
import { spawn } from "child_process";
import { Agent, request } from "http";
import { join } from "path";
import { createInterface } from "readline";
import { DEFAULT_ACCOUNT } from "../emulator";
import { markdownTable, round, section } from "./markdown";
import { parseOptions, type BenchSection } from "./options";

const AUTH = "Basic " + Buffer.from(`${DEFAULT_ACCOUNT.accountSid}:${DEFAULT_ACCOUNT.authToken}`).toString("base64");

interface Call {
  method: string;
  path: string;
  body?: string;
}

/** Sends one call and resolves with its status and body text. */
function send(agent: Agent, base: URL, call: Call): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { Authorization: AUTH };
    if (call.body) {
      headers["Content-Type"] = "application/x-www-form-urlencoded";
      headers["Content-Length"] = Buffer.byteLength(call.body);
    }
    const req = request({ agent, host: base.hostname, port: base.port, method: call.method, path: call.path, headers }, (res) => {
      let text = "";
      res.setEncoding("utf8").on("data", (chunk: string) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on("error", reject);
    req.end(call.body);
  });
}

async function measure(agent: Agent, base: URL, seconds: number, concurrency: number, next: () => Call, expectStatus: number) {
  const latencies: number[] = [];
  let failures = 0;
  const deadline = Date.now() + seconds * 1000;
  const started = process.hrtime.bigint();
  const worker = async () => {
    while (Date.now() < deadline) {
      const t0 = process.hrtime.bigint();
      const { status } = await send(agent, base, next());
      latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      if (status !== expectStatus) failures++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
  return { requests: latencies.length, rps: latencies.length / elapsed, p50: pct(50), p99: pct(99), failures };
}

export const emulatorSection: BenchSection = {
  name: "emulator",
  async run({ emulatorSeconds: seconds, emulatorConcurrency: concurrency }) {
    const child = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", join(__dirname, "../emulator/bin.ts")], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
    try {
      const url = await new Promise<string>((resolve) => createInterface({ input: child.stdout }).once("line", resolve));
      const base = new URL(url);
      const seed = await send(agent, base, {
        method: "POST",
        path: "/v1/CompositionHooks",
        body: "FriendlyName=bench-seed&AudioSources=*",
      });
      if (seed.status !== 201) throw new TypeError(`seeding failed with HTTP ${seed.status}`);
      const sid = (JSON.parse(seed.text) as { sid: string }).sid;
      let n = 0;
      const results = [
        [
          "fetch hook",
          await measure(agent, base, seconds, concurrency, () => ({ method: "GET", path: `/v1/CompositionHooks/${sid}` }), 200),
        ],
        [
          "create hook",
          await measure(
            agent,
            base,
            seconds,
            concurrency,
            () => ({ method: "POST", path: "/v1/CompositionHooks", body: `FriendlyName=bench-${n++}&AudioSources=*&Resolution=1280x720` }),
            201,
          ),
        ],
      ] as const;
      return section(
        "Emulator throughput",
        `Raw HTTP against the emulator in its own process: ${seconds}s per operation, ${concurrency} in flight, keep-alive.`,
        markdownTable(
          ["operation", "requests", "req/s", "p50 ms", "p99 ms", "unexpected status"],
          results.map(([name, r]) => [name, r.requests, round(r.rps), round(r.p50, 2), round(r.p99, 2), r.failures]),
        ),
      );
    } finally {
      agent.destroy();
      child.kill("SIGTERM");
    }
  },
};

if (require.main === module) {
  emulatorSection.run(parseOptions(process.argv.slice(2))).then(
    (text) => console.log(text),
    (error: Error) => {
      console.error(error.message);
      process.exit(1);
    },
  );
}
