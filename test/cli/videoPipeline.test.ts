/**
 * A video pipeline end to end through the real `pulumi` CLI: a program folder
 * (test/fixtures/videoPipelineProgram) applies the Twilio side of "recordings in Twilio's cloud,
 * compositions to S3, encrypted" to the emulator, whose S3 endpoint is a local S3 server holding
 * the pipeline's bucket (the AWS side, made here: the AWS provider plugin is not available). Then a
 * simulated room of 4 participants with audio and video completes, the test drives the clock, and
 * checks what the user's pipeline would see: the objects in S3 (keys, sizes, the encryption
 * envelope, opened with the private key), the hook's status callbacks at a local receiver (signed,
 * checked with twilio-node's validateRequest) and the compositions twilio-node lists. Then the
 * configuration Twilio cannot compose (recordings to S3 beside a hook, applied with
 * `allowUncomposableRecordings: true`) and the composition failing as Twilio documents it.
 */
import { strict as assert } from "assert";
import { generateKeyPairSync } from "crypto";
import { createServer, type Server } from "http";
import { AddressInfo } from "net";
import fetch from "node-fetch";
import * as path from "path";
import twilio from "twilio";
import { DEFAULT_ACCOUNT, startEmulator, videoSimulation, type Emulator, type VideoSimulationClient } from "../../emulator";
import { twilioClient, type TwilioClient } from "../emulator/helpers";
import { awsKeyPair } from "../fixtures/awsKeys";
import { startLocalS3, type LocalS3 } from "../helpers/localS3";
import { decryptEnvelope } from "../helpers/mediaEnvelope";
import { ensureBuilt, REPO_ROOT } from "../helpers/programDir";
import { makeProgramFolder, type ProgramFolder } from "../helpers/programFolder";
import { getObject, listObjects, type S3Reader } from "../helpers/s3Client";
import { assertNoSecrets, stackOutputs, stringOutput, twilioStackConfig } from "./cliStack";

const PROGRAM = path.join(REPO_ROOT, "test", "fixtures", "videoPipelineProgram");
const BUCKET = "pipeline-media";
const BUCKET_URL = `https://${BUCKET}.s3.us-east-1.amazonaws.com`;
const TRANSPILE_ONLY = { PULUMI_NODEJS_TRANSPILE_ONLY: "true" };
const SID = (prefix: string) => new RegExp(`^${prefix}[0-9a-f]{32}$`);

interface ReceivedCallback {
  path: string;
  signature: string;
  params: Record<string, string>;
}

/** The user's status-callback endpoint: records every POST and answers 200. */
async function startReceiver(): Promise<{ url: string; received: ReceivedCallback[]; server: Server }> {
  const received: ReceivedCallback[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      received.push({
        path: req.url ?? "",
        signature: String(req.headers["x-twilio-signature"] ?? ""),
        params: Object.fromEntries(new URLSearchParams(body)),
      });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received, server };
}

describe("a video pipeline through the pulumi CLI, the emulator and a local S3 server", function () {
  this.timeout(600_000);
  const keys = awsKeyPair("video-pipeline");
  const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048, publicExponent: 65537 });
  let s3: LocalS3;
  let reader: S3Reader;
  let emulator: Emulator;
  let sim: VideoSimulationClient;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let folder: ProgramFolder;
  let client: TwilioClient;
  const outputs: string[] = [];
  const hookUrl = () => `${receiver.url}/hook-status`;

  const up = async () => {
    const run = await folder.pulumi(["up", "--yes"], { stack: "dev" });
    outputs.push(run.stdout, run.stderr);
    return run;
  };

  /** 4 participants publish audio and video in a room that records, talk for a minute, then it ends. */
  async function runRoom(uniqueName: string): Promise<string> {
    const room = await client.video.v1.rooms.create({ uniqueName, type: "group", recordParticipantsOnConnect: true });
    for (const identity of ["alice", "bob", "carol", "dave"]) {
      const participant = await sim.connect(room.sid, identity);
      await sim.publish(room.sid, participant.sid, { kind: "audio", name: `${identity}-mic` });
      await sim.publish(room.sid, participant.sid, { kind: "video", name: `${identity}-camera` });
    }
    await sim.advance(60_000);
    await client.video.v1.rooms(room.sid).update({ status: "completed" });
    // Recordings complete with their tracks; the hook's composition queues, processes and finishes.
    await sim.advance(30_000);
    await sim.settle();
    return room.sid;
  }

  before(async () => {
    ensureBuilt();
    s3 = await startLocalS3({ buckets: [BUCKET], keyPairs: { [keys.accessKeyId]: keys.secretAccessKey } });
    reader = { endpoint: s3.endpoint, ...keys };
    emulator = await startEmulator({ s3Endpoint: s3.endpoint, videoClock: "manual" });
    sim = videoSimulation(emulator);
    receiver = await startReceiver();
    client = twilioClient(emulator);

    folder = makeProgramFolder({ source: PROGRAM, env: TRANSPILE_ONLY });
    await folder.pulumi(["stack", "init", "dev"]);
    await twilioStackConfig(folder, "dev", emulator.url, DEFAULT_ACCOUNT);
    await folder.setConfig("dev", "pipeline:bucketUrl", BUCKET_URL);
    await folder.setConfig("dev", "pipeline:accessKeyId", keys.accessKeyId);
    await folder.setConfig("dev", "pipeline:secretAccessKey", keys.secretAccessKey, { secret: true });
    // Twilio takes the key with or without its BEGIN/END lines; one line keeps it a plain config value.
    await folder.setConfig("dev", "pipeline:publicKey", publicKey.export({ type: "spki", format: "der" }).toString("base64"));
    await folder.setConfig("dev", "pipeline:statusCallback", hookUrl());
  });
  after(async () => {
    await folder?.cleanup();
    await emulator?.close();
    await s3?.close();
    await new Promise((resolve) => receiver?.server.close(resolve));
  });

  describe("recordings in Twilio's cloud, compositions to S3 encrypted", () => {
    let roomSid: string;

    it("pulumi up applies the credential, the public key, both settings and the hook", async () => {
      const run = await up();
      assert.match(run.stdout, /\+ 6 created/); // the stack and 5 resources
      const out = await stackOutputs(folder, "dev");
      assert.match(stringOutput(out, "hookSid"), SID("HK"));
      const compositionSettings = await client.video.v1.compositionSettings().fetch();
      assert.deepEqual(
        [
          compositionSettings.awsStorageEnabled,
          compositionSettings.awsS3Url,
          compositionSettings.encryptionEnabled,
          compositionSettings.encryptionKeySid,
        ],
        [true, `${BUCKET_URL}/compositions`, true, out.publicKeySid],
      );
      const recordingSettings = await client.video.v1.recordingSettings().fetch();
      assert.deepEqual([recordingSettings.awsStorageEnabled, recordingSettings.encryptionEnabled], [false, false]);
    });

    it("a room of 4 participants with audio and video records 8 tracks, kept in Twilio's cloud", async () => {
      roomSid = await runRoom("pipeline-standup");
      const recordings = await client.video.v1.rooms(roomSid).recordings.list();
      assert.equal(recordings.length, 8);
      assert.deepEqual(recordings.map((r) => `${r.type}:${r.containerFormat}:${r.status}`).sort(), [
        ...Array(4).fill("audio:mka:completed"),
        ...Array(4).fill("video:mkv:completed"),
      ]);
      assert.deepEqual(await listObjects(reader, BUCKET, "recordings/"), [], "no recording in the bucket");
      // Twilio's cloud: /Media redirects to a short-lived URL of the plain (unencrypted) Matroska file.
      const auth = "Basic " + Buffer.from(`${DEFAULT_ACCOUNT.accountSid}:${DEFAULT_ACCOUNT.authToken}`).toString("base64");
      const media = await fetch(`${emulator.url}/v1/Recordings/${recordings[0].sid}/Media`, {
        headers: { authorization: auth },
        redirect: "manual",
      });
      assert.equal(media.status, 302);
      const file = await fetch((await media.json()).redirect_to);
      const bytes = Buffer.from(await file.arrayBuffer());
      assert.equal(bytes.readUInt32BE(0), 0x1a45dfa3, "EBML magic");
      assert.equal(bytes.length, recordings[0].size);
      assert.equal(file.headers.get("x-amz-meta-x-amz-key"), null);
    });

    it("the hook's composition is in S3 at compositions/<CJ sid>.mp4, encrypted, and the private key opens it", async () => {
      const compositions = await client.video.v1.compositions.list({ roomSid });
      assert.equal(compositions.length, 1);
      const [composition] = compositions;
      assert.match(composition.sid, SID("CJ"));
      assert.deepEqual([composition.status, composition.format], ["completed", "mp4"]);
      const key = `compositions/${composition.sid}.mp4`;
      assert.equal(composition.mediaExternalLocation, `${BUCKET_URL}/${key}`);

      const objects = (await listObjects(reader, BUCKET, "compositions/")).filter((o) => !o.key.includes("twilio-storage-check"));
      assert.deepEqual(objects, [{ key, size: composition.size }]);
      const object = await getObject(reader, BUCKET, key);
      assert.equal(object.headers["content-type"], "video/mp4");
      assert.notEqual(object.body.toString("latin1", 4, 8), "ftyp", "stored in the clear");
      const plain = decryptEnvelope(privateKey, object.body, object.headers);
      assert.equal(plain.length, Number(object.headers["x-amz-meta-x-amz-unencrypted-content-length"]));
      assert.equal(plain.toString("latin1", 4, 8), "ftyp");
      assert.ok(plain.includes("avc1") && plain.includes("mp4a"), "an H.264 video track and an AAC audio track");
    });

    it("the hook's StatusCallback received the composition's events, signed with the auth token", async () => {
      const [composition] = await client.video.v1.compositions.list({ roomSid });
      const events = receiver.received.filter((c) => c.params.CompositionSid === composition.sid);
      const names = events.map((c) => c.params.StatusCallbackEvent);
      assert.deepEqual(
        names.filter((n) => n !== "composition-progress"),
        ["composition-enqueued", "composition-started", "composition-available"],
      );
      for (const event of events) {
        assert.equal(event.path, "/hook-status");
        assert.equal(event.params.RoomSid, roomSid);
        assert.equal(event.params.AccountSid, DEFAULT_ACCOUNT.accountSid);
        assert.ok(
          twilio.validateRequest(DEFAULT_ACCOUNT.authToken, event.signature, hookUrl(), event.params),
          `bad signature on ${event.params.StatusCallbackEvent}`,
        );
      }
      const available = events.find((c) => c.params.StatusCallbackEvent === "composition-available")!;
      assert.equal(available.params.Size, String(composition.size));
      assert.equal(available.params.MediaUri, `/v1/Compositions/${composition.sid}/Media`);
    });
  });

  describe("recordings to S3 beside a hook: what Twilio cannot compose", () => {
    let roomSid: string;

    it("pulumi up refuses it: the package's guard says Twilio would never compose those recordings", async () => {
      await folder.setConfig("dev", "pipeline:mode", "recordings-to-s3");
      const run = await folder.run(["up", "--yes"], { stack: "dev" });
      outputs.push(run.stdout, run.stderr);
      assert.notEqual(run.code, 0, "up applied recordings to S3 beside an enabled hook");
      assert.match(
        run.stdout + run.stderr,
        /Twilio cannot compose recordings stored in external S3[\s\S]*set allowUncomposableRecordings: true/,
      );
      assert.equal((await client.video.v1.recordingSettings().fetch()).awsStorageEnabled, false);
    });

    it("pulumi up applies it once the hook opts out of the guard (allowUncomposableRecordings)", async () => {
      await folder.setConfig("dev", "pipeline:allowUncomposable", "true");
      const run = await up();
      assert.match(run.stdout, /~ \d+ updated/);
      const recordingSettings = await client.video.v1.recordingSettings().fetch();
      assert.deepEqual([recordingSettings.awsStorageEnabled, recordingSettings.awsS3Url], [true, `${BUCKET_URL}/recordings`]);
    });

    it("the recordings land in S3 at recordings/<RT sid>.<mka|mkv>, not in Twilio's cloud", async () => {
      receiver.received.length = 0;
      roomSid = await runRoom("pipeline-retro");
      const recordings = await client.video.v1.rooms(roomSid).recordings.list();
      assert.equal(recordings.length, 8);
      const expected = recordings
        .map((r) => ({ key: `recordings/${r.sid}.${r.containerFormat}`, size: r.size }))
        .sort((a, b) => a.key.localeCompare(b.key));
      const stored = (await listObjects(reader, BUCKET, "recordings/")).filter((o) => SID("RT").test(path.basename(o.key).split(".")[0]));
      assert.deepEqual(stored, expected);
      for (const r of recordings) assert.equal(r.mediaExternalLocation, `${BUCKET_URL}/recordings/${r.sid}.${r.containerFormat}`);
    });

    it("the hook's composition fails (composition-failed to the StatusCallback) and nothing new lands in S3", async () => {
      const compositions = await client.video.v1.compositions.list({ roomSid });
      assert.equal(compositions.length, 1);
      const [composition] = compositions;
      assert.equal(composition.status, "failed");
      assert.equal(composition.mediaExternalLocation, null);
      const events = receiver.received.filter((c) => c.params.CompositionSid === composition.sid);
      assert.deepEqual(
        events.map((c) => c.params.StatusCallbackEvent),
        ["composition-enqueued", "composition-started", "composition-failed"],
      );
      const failed = events[2].params;
      assert.match(failed.ErrorMessage, /stored in external S3/);
      assert.ok(twilio.validateRequest(DEFAULT_ACCOUNT.authToken, events[2].signature, hookUrl(), failed));
      const keys = (await listObjects(reader, BUCKET, "compositions/")).map((o) => o.key);
      assert.ok(!keys.includes(`compositions/${composition.sid}.mp4`));
    });

    it("no CLI output carried the auth token or the AWS secret key", () => {
      assertNoSecrets(outputs, [DEFAULT_ACCOUNT.authToken, keys.secretAccessKey]);
    });
  });
});
