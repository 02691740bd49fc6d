/** The composition guard's rule (provider/resources/compositionHook/composability.ts), case by case. */
import { strict as assert } from "assert";
import {
  hookNeedsComposableRecordings,
  liveRefusal,
  programRefusal,
  uncomposableBecause,
} from "../../provider/resources/compositionHook/composability";

describe("composability: Twilio composes only recordings in its cloud, unencrypted", () => {
  it("recordings in S3 or encrypted cannot be composed; anything else can", () => {
    assert.equal(uncomposableBecause({}), undefined);
    assert.equal(uncomposableBecause({ awsStorageEnabled: false, encryptionEnabled: false }), undefined);
    assert.match(uncomposableBecause({ awsStorageEnabled: true })!, /^stores recordings in external S3 \(awsStorageEnabled\)$/);
    assert.match(uncomposableBecause({ encryptionEnabled: true })!, /^encrypts recordings \(encryptionEnabled\)$/);
    assert.match(
      uncomposableBecause({ awsStorageEnabled: true, encryptionEnabled: true })!,
      /S3 \(awsStorageEnabled\) and encrypts them \(encryptionEnabled\)/,
    );
  });

  it("a hook is checked when enabled (the default) and not opted out", () => {
    assert.equal(hookNeedsComposableRecordings({}), true);
    assert.equal(hookNeedsComposableRecordings({ enabled: true }), true);
    assert.equal(hookNeedsComposableRecordings({ enabled: false }), false);
    assert.equal(hookNeedsComposableRecordings({ enabled: true, allowUncomposableRecordings: true }), false);
    assert.equal(hookNeedsComposableRecordings({ allowUncomposableRecordings: false }), true);
  });

  it("the refusals name the resources, both working patterns and the opt-out", () => {
    const program = programRefusal("every-room", "recordings", "stores recordings in external S3 (awsStorageEnabled)");
    const live = liveRefusal("compose all", "AC00000000000000000000000000000001", "encrypts recordings (encryptionEnabled)");
    assert.match(program, /^CompositionHook "every-room" is enabled while RecordingSettings "recordings" stores recordings in external S3/);
    assert.match(live, /CompositionHook "compose all" was not saved: account AC0{31}1's recording settings .* encrypts recordings/);
    for (const message of [program, live]) {
      assert.match(message, /\(a\) recordings stay in Twilio's cloud, unencrypted .* compositions go to S3 through CompositionSettings/);
      assert.match(message, /\(b\) recordings go to S3, optionally encrypted .* with no enabled CompositionHook/);
      assert.match(message, /allowUncomposableRecordings: true/);
    }
  });
});
