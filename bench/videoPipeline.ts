/**
 * A video pipeline at scale: N simulated rooms (default 100) of 4 participants, each publishing
 * audio and video, from connect to the hook's compositions in S3 (encrypted, as the CLI test's
 * "composable" configuration: recordings in Twilio's cloud). The emulator runs in its own process
 * (`twilio-video-emulator --s3-endpoint`) on the manual clock; the local S3 server (s3rver) runs in
 * this process. Phases: configure; create rooms, connect and publish; one minute of talk; complete
 * every room by REST; the clock moves 30 s, recordings are placed and every composition is
 * encrypted and written to S3. Prints wall time per phase and requests per second.
 *
 *   npx ts-node --transpile-only bench/videoPipeline.ts [--rooms 100] [--concurrency 16]
 */
import { spawn } from "child_process";
import { generateKeyPairSync } from "crypto";
import { Agent, request } from "http";
import { join } from "path";
import { createInterface } from "readline";
import { DEFAULT_ACCOUNT } from "../emulator";
import { awsKeyPair } from "../test/fixtures/awsKeys";
import { startLocalS3 } from "../test/helpers/localS3";
import { listObjects } from "../test/helpers/s3Client";
import { markdownTable, round, section } from "./markdown";
import { parseOptions, type BenchSection } from "./options";

const AUTH = "Basic " + Buffer.from(`${DEFAULT_ACCOUNT.accountSid}:${DEFAULT_ACCOUNT.authToken}`).toString("base64");
const BUCKET = "bench-media";
const PARTICIPANTS = ["alice", "bob", "carol", "dave"];

interface Answer {
  status: number;
  body: unknown;
}

/** What the pipeline reads of a created resource (credential, key, room, participant). */
interface Created {
  sid: string;
}

/** What the pipeline reads of a page of compositions. */
interface CompositionPage {
  compositions: unknown[];
}

/** One call: a form body for the REST API, JSON for the admin routes (`/__emulator/...`). */
function send(agent: Agent, base: URL, method: string, path: string, body?: Record<string, string | number | boolean>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const admin = path.startsWith("/__emulator/");
    const text =
      body === undefined
        ? undefined
        : admin
          ? JSON.stringify(body)
          : new URLSearchParams(Object.entries(body).map(([k, v]): [string, string] => [k, String(v)])).toString();
    const headers: Record<string, string | number> = admin ? {} : { Authorization: AUTH };
    if (text !== undefined) {
      headers["Content-Type"] = admin ? "application/json" : "application/x-www-form-urlencoded";
      headers["Content-Length"] = Buffer.byteLength(text);
    }
    const req = request({ agent, host: base.hostname, port: base.port, method, path, headers }, (res) => {
      let data = "";
      res.setEncoding("utf8").on("data", (chunk: string) => (data += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: data ? JSON.parse(data) : undefined }));
    });
    req.on("error", reject);
    req.end(text);
  });
}

/** Runs `work` for 0..n-1 with at most `limit` in flight. */
async function pool(n: number, limit: number, work: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, n) }, async () => {
      while (next < n) await work(next++);
    }),
  );
}

export const videoPipelineSection: BenchSection = {
  name: "video",
  async run({ rooms, emulatorConcurrency: concurrency }) {
    const keys = awsKeyPair("bench-video-pipeline");
    const s3 = await startLocalS3({ buckets: [BUCKET], keyPairs: { [keys.accessKeyId]: keys.secretAccessKey } });
    const child = spawn(
      process.execPath,
      ["-r", "ts-node/register/transpile-only", join(__dirname, "../emulator/bin.ts"), "--s3-endpoint", s3.endpoint],
      {
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
    let requests = 0;
    // T: what the caller reads of the answer's JSON (the emulator's own, so it is not validated here).
    const call = async <T = unknown>(
      method: string,
      path: string,
      body: Record<string, string | number | boolean> | undefined,
      expect: number,
    ) => {
      requests++;
      const answer = await send(agent, base, method, path, body);
      if (answer.status !== expect) throw new Error(`${method} ${path}: HTTP ${answer.status} ${JSON.stringify(answer.body)}`);
      return answer.body as T;
    };
    let base: URL;
    try {
      base = new URL(await new Promise<string>((resolve) => createInterface({ input: child.stdout }).once("line", resolve)));
      const phases: [string, number, number][] = [];
      const phase = async (name: string, work: () => Promise<void>) => {
        const before = requests;
        const t0 = process.hrtime.bigint();
        await work();
        phases.push([name, Number(process.hrtime.bigint() - t0) / 1e6, requests - before]);
      };

      const { publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048, publicExponent: 65537 });
      await phase("configure (clock, credential, key, settings, hook)", async () => {
        await call("POST", "/__emulator/video/clock", { mode: "manual" }, 200);
        const credential = await call<Created>(
          "POST",
          "/v1/Credentials/AWS",
          { Credentials: `${keys.accessKeyId}:${keys.secretAccessKey}` },
          201,
        );
        const key = await call<Created>(
          "POST",
          "/v1/Credentials/PublicKeys",
          { PublicKey: publicKey.export({ type: "spki", format: "pem" }).toString() },
          201,
        );
        await call(
          "POST",
          "/v1/CompositionSettings/Default",
          {
            FriendlyName: "bench",
            AwsCredentialsSid: credential.sid,
            AwsS3Url: `https://${BUCKET}.s3.us-east-1.amazonaws.com/compositions`,
            AwsStorageEnabled: true,
            EncryptionKeySid: key.sid,
            EncryptionEnabled: true,
          },
          200,
        );
        await call(
          "POST",
          "/v1/CompositionHooks",
          {
            FriendlyName: "bench: every room",
            AudioSources: "*",
            VideoLayout: JSON.stringify({ grid: { video_sources: ["*"] } }),
            Format: "mp4",
          },
          201,
        );
      });

      const roomSids: string[] = [];
      await phase(`${rooms} rooms: create, 4 participants connect, publish audio + video`, () =>
        pool(rooms, concurrency, async (i) => {
          const room = await call<Created>(
            "POST",
            "/v1/Rooms",
            { UniqueName: `bench-room-${i}`, Type: "group", RecordParticipantsOnConnect: true },
            201,
          );
          roomSids[i] = room.sid;
          for (const identity of PARTICIPANTS) {
            const participant = await call<Created>("POST", `/__emulator/video/rooms/${room.sid}/participants`, { identity }, 201);
            await call(
              "POST",
              `/__emulator/video/rooms/${room.sid}/participants/${participant.sid}/tracks`,
              { kind: "audio", name: "mic" },
              201,
            );
            await call(
              "POST",
              `/__emulator/video/rooms/${room.sid}/participants/${participant.sid}/tracks`,
              { kind: "video", name: "camera" },
              201,
            );
          }
        }),
      );
      await phase("one minute of talk (clock)", async () => {
        await call("POST", "/__emulator/video/clock/advance", { ms: 60_000 }, 200);
      });
      await phase(`complete ${rooms} rooms by REST (Status=completed)`, () =>
        pool(rooms, concurrency, async (i) => {
          await call("POST", `/v1/Rooms/${roomSids[i]}`, { Status: "completed" }, 200);
        }),
      );
      await phase(`compose: clock +30 s, ${rooms} compositions encrypted into S3`, async () => {
        await call("POST", "/__emulator/video/clock/advance", { ms: 30_000 }, 200);
        await call("POST", "/__emulator/video/settle", {}, 204);
      });

      const compositions = await call<CompositionPage>("GET", `/v1/Compositions?Status=completed&PageSize=1000`, undefined, 200);
      const objects = await listObjects({ endpoint: s3.endpoint, ...keys }, BUCKET, "compositions/CJ");
      if (compositions.compositions.length !== rooms || objects.length !== rooms) {
        throw new Error(
          `expected ${rooms} completed compositions in S3, found ${compositions.compositions.length} completed and ${objects.length} objects`,
        );
      }
      const totalMs = phases.reduce((sum, [, ms]) => sum + ms, 0);
      const recordings = rooms * PARTICIPANTS.length * 2;
      return section(
        "Video pipeline",
        `${rooms} rooms x 4 participants (audio + video): ${recordings} recordings in Twilio's cloud, ${rooms} compositions ` +
          `encrypted into S3 (s3rver). Emulator in its own process, manual clock, ${concurrency} requests in flight, keep-alive.`,
        markdownTable(
          ["phase", "wall ms", "requests", "req/s"],
          [
            ...phases.map(([name, ms, n]) => [name, round(ms), n, n > 1 ? round((n * 1000) / ms) : "-"]),
            ["total: connect to compositions in S3", round(totalMs), requests, round((requests * 1000) / totalMs)],
          ],
        ),
        markdownTable(
          ["result", "count"],
          [
            ["completed compositions", compositions.compositions.length],
            ["composition objects in S3", objects.length],
            ["S3 bytes", objects.reduce((s, o) => s + o.size, 0)],
          ],
        ),
      );
    } finally {
      agent.destroy();
      child.kill("SIGTERM");
      await s3.close();
    }
  },
};

if (require.main === module) {
  videoPipelineSection.run(parseOptions(process.argv.slice(2))).then(
    (text) => console.log(text),
    (error: Error) => {
      console.error(error.message);
      process.exit(1);
    },
  );
}
