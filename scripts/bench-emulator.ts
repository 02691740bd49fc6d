/**
 * Emulator throughput benchmark: fetch and create of composition hooks over loopback, keep-alive,
 * 16 requests in flight, a bounded few seconds each. The emulator runs in its own process (as in
 * CI) so client and server do not share one event loop.
 *
 *   npx ts-node --transpile-only scripts/bench-emulator.ts [--seconds 3] [--concurrency 16]
 */
import { spawn } from "child_process";
import { Agent, request } from "http";
import { join } from "path";
import { createInterface } from "readline";
import { DEFAULT_ACCOUNT } from "../emulator";

const argValue = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const SECONDS = argValue("seconds", 3);
const CONCURRENCY = argValue("concurrency", 16);
const AUTH = "Basic " + Buffer.from(`${DEFAULT_ACCOUNT.accountSid}:${DEFAULT_ACCOUNT.authToken}`).toString("base64");

interface Call {
  method: string;
  path: string;
  body?: string;
}

function send(agent: Agent, base: URL, call: Call): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { Authorization: AUTH };
    if (call.body) {
      headers["Content-Type"] = "application/x-www-form-urlencoded";
      headers["Content-Length"] = Buffer.byteLength(call.body);
    }
    const req = request({ agent, host: base.hostname, port: base.port, method: call.method, path: call.path, headers }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    req.end(call.body);
  });
}

async function measure(agent: Agent, base: URL, next: () => Call, expectStatus: number) {
  const latencies: number[] = [];
  let failures = 0;
  const deadline = Date.now() + SECONDS * 1000;
  const started = process.hrtime.bigint();
  const worker = async () => {
    while (Date.now() < deadline) {
      const t0 = process.hrtime.bigint();
      const status = await send(agent, base, next());
      latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      if (status !== expectStatus) failures++;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
  return { requests: latencies.length, rps: latencies.length / elapsed, p50: pct(50), p99: pct(99), failures };
}

async function main(): Promise<void> {
  const child = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", join(__dirname, "../emulator/bin.ts")], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  try {
    const url = await new Promise<string>((resolve) => createInterface({ input: child.stdout }).once("line", resolve));
    const base = new URL(url);
    const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const seedStatus = await send(agent, base, { method: "POST", path: "/v1/CompositionHooks", body: "FriendlyName=bench-seed&AudioSources=*" });
    if (seedStatus !== 201) throw new TypeError(`seeding failed with HTTP ${seedStatus}`);
    const list = await new Promise<string>((resolve) => {
      request({ agent, host: base.hostname, port: base.port, path: "/v1/CompositionHooks", headers: { Authorization: AUTH } }, (res) => {
        let text = "";
        res.on("data", (c) => (text += c));
        res.on("end", () => resolve(text));
      }).end();
    });
    const sid = (JSON.parse(list) as { composition_hooks: { sid: string }[] }).composition_hooks[0].sid;
    let n = 0;
    const rows = [
      ["fetch hook", await measure(agent, base, () => ({ method: "GET", path: `/v1/CompositionHooks/${sid}` }), 200)],
      [
        "create hook",
        await measure(agent, base, () => ({ method: "POST", path: "/v1/CompositionHooks", body: `FriendlyName=bench-${n++}&AudioSources=*&Resolution=1280x720` }), 201),
      ],
    ] as const;
    agent.destroy();
    console.log(`emulator benchmark: ${SECONDS}s per operation, ${CONCURRENCY} in flight, keep-alive, ${url}`);
    console.log("| operation   | requests | req/s   | p50 ms | p99 ms | unexpected status |");
    console.log("|-------------|----------|---------|--------|--------|-------------------|");
    for (const [name, r] of rows) {
      console.log(
        `| ${name.padEnd(11)} | ${String(r.requests).padStart(8)} | ${r.rps.toFixed(0).padStart(7)} | ${r.p50.toFixed(2).padStart(6)} | ${r.p99.toFixed(2).padStart(6)} | ${String(r.failures).padStart(17)} |`,
      );
    }
  } finally {
    child.kill("SIGTERM");
  }
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
