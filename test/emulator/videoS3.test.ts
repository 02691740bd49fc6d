/**
 * The simulation storing media in a real local S3 server (s3rver behind SigV4 verification,
 * test/helpers/localS3.ts): hook compositions land at `<prefix>/<CompositionSid>.<format>`, signed
 * with the stored credential; a credential gone by the time media completes fails the composition.
 */
import { strict as assert } from "assert";
import { existsSync, readFileSync, readdirSync } from "fs";
import { join } from "path";
import { type VideoSimulationClient } from "../../emulator";
import { LOCAL_S3_ACCESS_KEY_ID as KEY_ID, LOCAL_S3_SECRET_ACCESS_KEY as SECRET, startLocalS3, type LocalS3 } from "../helpers/localS3";
import { useVideoEmulator, type TwilioClient } from "./helpers";
import { useCallbackReceiver, type CallbackReceiver } from "./callbackReceiver";

const S3_URL = "https://media-bucket.s3.us-east-1.amazonaws.com/video/compositions";

describe("emulator: Video media in a local S3 server", () => {
  let s3: LocalS3;
  let client: TwilioClient;
  let sim: VideoSimulationClient;
  let receiver: CallbackReceiver;
  before(async () => {
    s3 = await startLocalS3({ buckets: ["media-bucket"] });
  });
  useVideoEmulator(
    (video) => ({ client, sim } = video),
    () => ({ s3Endpoint: s3.endpoint }),
  );
  useCallbackReceiver((started) => (receiver = started));
  after(() => s3.close());

  async function composeToS3(): Promise<{ credentialSid: string; roomSid: string }> {
    const credential = await client.accounts.v1.credentials.aws.create({ credentials: `${KEY_ID}:${SECRET}` });
    await client.video.v1
      .compositionSettings()
      .create({ friendlyName: "s3", awsCredentialsSid: credential.sid, awsS3Url: S3_URL, awsStorageEnabled: true });
    await client.video.v1.compositionHooks.create({
      friendlyName: "to s3",
      audioSources: ["*"],
      format: "mp4",
      statusCallback: `${receiver.url}/hook`,
    });
    const room = await client.video.v1.rooms.create({ recordParticipantsOnConnect: true });
    const alice = await sim.connect(room.sid, "alice");
    await sim.publish(room.sid, alice.sid, { kind: "audio" });
    await sim.advance(8_000);
    return { credentialSid: credential.sid, roomSid: room.sid };
  }

  it("writes a hook's composition to <prefix>/<sid>.mp4 while recordings stay in Twilio's cloud", async () => {
    const { roomSid } = await composeToS3();
    await client.video.v1.rooms(roomSid).update({ status: "completed" });
    await sim.advance(5_000);
    const [composition] = await client.video.v1.compositions.list();
    assert.equal(composition.status, "completed");
    assert.equal(composition.mediaExternalLocation, `${S3_URL}/${composition.sid}.mp4`);
    const file = join(s3.directory, "media-bucket", "video", "compositions", `${composition.sid}.mp4._S3rver_object`);
    assert.ok(existsSync(file), `no object at video/compositions/${composition.sid}.mp4`);
    const bytes = readFileSync(file);
    assert.equal(bytes.subarray(4, 8).toString("latin1"), "ftyp");
    assert.equal(bytes.length, composition.size);
    const [recording] = await client.video.v1.recordings.list();
    assert.equal(recording.mediaExternalLocation, null);
    const available = receiver.received.find((c) => c.params.StatusCallbackEvent === "composition-available");
    assert.equal(available?.params.MediaExternalLocation, composition.mediaExternalLocation);
  });

  it("fails the composition with the storage error when the credential is gone by the time it completes", async () => {
    const { credentialSid, roomSid } = await composeToS3();
    await client.accounts.v1.credentials.aws(credentialSid).remove();
    await client.video.v1.rooms(roomSid).update({ status: "completed" });
    await sim.advance(5_000);
    const [composition] = await client.video.v1.compositions.list();
    assert.equal(composition.status, "failed");
    const failed = receiver.received.find((c) => c.params.StatusCallbackEvent === "composition-failed");
    assert.equal(failed?.params.ErrorCode, "53620");
    assert.deepEqual(
      readdirSync(join(s3.directory, "media-bucket", "video", "compositions")).filter((f) => f.startsWith(composition.sid)),
      [],
    );
  });
});
