/** For each resource: a valid input and, per field, the ways to make it invalid. */
import fc from "fast-check";
import { SID } from "../../provider/twilio/rules";
import { EC_P256, RSA_1024, RSA_2048, RSA_2048_EXPONENT_3, RSA_2048_PKCS1 } from "../fixtures/publicKeys";
import {
  badSid,
  dropField,
  jsonNumber,
  nonArray,
  nonBoolean,
  nonString,
  requiredField,
  setField,
  tooLong,
  upperAlnum,
  type Corruption,
  type Inputs,
} from "./invalidInputs";

/** A key Twilio stores (RSA, 2048 bits, exponent 65537, X.509 PEM). */
export const PEM = RSA_2048;

export interface ResourceFuzzSpec {
  valid: Inputs;
  slots: Record<string, fc.Arbitrary<Corruption>>;
}

const notOneOf = (allowed: string[]) => fc.string({ maxLength: 10 }).filter((s) => !allowed.includes(s));

const trackNames = fc.oneof(
  nonArray,
  fc.tuple(fc.array(fc.string({ minLength: 1, maxLength: 6 }), { maxLength: 3 }), fc.nat(3)).map(([names, at]) => {
    const out = [...names];
    out.splice(Math.min(at, out.length), 0, "");
    return out;
  }),
  fc
    .tuple(fc.array(fc.string({ minLength: 1, maxLength: 6 }), { maxLength: 3 }), fc.oneof(jsonNumber, fc.boolean(), fc.constant(null)))
    .map(([names, bad]) => [...names, bad]),
);

// WIDTHxHEIGHT with a side outside 16..1280, or both inside but more than 921,600 pixels (960x960).
const side = fc.oneof(fc.integer({ min: 0, max: 15 }), fc.integer({ min: 1281, max: 99999 }));
const badResolution = fc.oneof(
  nonString,
  fc.tuple(side, fc.integer({ min: 0, max: 99999 })).map(([w, h]) => `${w}x${h}`),
  fc.tuple(fc.integer({ min: 16, max: 1280 }), side).map(([w, h]) => `${w}x${h}`),
  fc.tuple(fc.integer({ min: 961, max: 1280 }), fc.integer({ min: 961, max: 1280 })).map(([w, h]) => `${w}x${h}`),
  fc.string({ maxLength: 12 }).filter((s) => !/^\d{1,5}x\d{1,5}$/.test(s)),
  fc.constantFrom("640X480", "640*480", " 640x480", "640x480 ", "-640x480", "640.0x480", "0640x0480x1"),
);

const regionKeyViolation: fc.Arbitrary<[string, unknown]> = fc.oneof(
  fc.tuple(fc.constantFrom("x_pos", "y_pos"), fc.oneof(fc.integer({ max: -1 }), fc.integer({ min: 1281 }), fc.constant(1.5), fc.string())),
  fc.tuple(fc.constant("z_pos"), fc.oneof(fc.integer({ max: -100 }), fc.integer({ min: 100 }))),
  fc.tuple(fc.constantFrom("width", "height"), fc.oneof(fc.integer({ max: 15 }), fc.integer({ min: 1281 }))),
  fc.tuple(fc.constantFrom("max_columns", "max_rows"), fc.oneof(fc.integer({ max: 0 }), fc.integer({ min: 1001 }))),
  fc.tuple(fc.constant("cells_excluded"), fc.oneof(fc.constant([-1]), fc.constant("1,2"), fc.constant([0.5]))),
  fc.tuple(fc.constant("reuse"), notOneOf(["none", "show_oldest", "show_newest"])),
  fc.tuple(fc.constantFrom("video_sources", "video_sources_excluded"), fc.oneof(fc.constant("cam"), fc.constant([""]), fc.constant([1]))),
  fc.tuple(fc.constantFrom("colour", "x", "padding", "zPos"), fc.jsonValue({ maxDepth: 1 })),
);
const badLayoutObject = fc.oneof(
  fc.tuple(fc.string({ minLength: 1, maxLength: 6 }), regionKeyViolation).map(([region, [key, value]]) => ({
    [region]: { video_sources: ["*"], [key]: value },
  })),
  fc
    .tuple(fc.string({ minLength: 1, maxLength: 6 }), fc.oneof(jsonNumber, fc.string(), fc.boolean(), jsonArrayOfNumbers()))
    .map(([region, value]) => ({ [region]: value })),
);
function jsonArrayOfNumbers() {
  return fc.array(fc.integer(), { maxLength: 3 });
}
const badLayout = fc.oneof(
  fc.oneof(jsonNumber, fc.boolean(), fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 })),
  badLayoutObject,
  badLayoutObject.map((layout) => JSON.stringify(layout)),
  fc.constantFrom("{", "[1,2]", "42", '"text"', "null", "{main:1}", "{'main':{}}", "true"),
  fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim() !== "" && !isJsonObjectText(s)),
);
function isJsonObjectText(text: string): boolean {
  try {
    const value = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

const badUrl = fc.oneof(
  nonString,
  fc.constantFrom(
    "",
    "not a url",
    "ftp://example.com/cb",
    "http://",
    "https://exa mple.com/cb",
    "/relative/path",
    "mailto:a@b.c",
    "example.com/cb",
    "file:///etc/passwd",
  ),
  fc.string({ maxLength: 12 }).filter((s) => !/^https?:\/\/[^\s/]/.test(s)),
);

const badS3Url = fc.oneof(
  nonString,
  fc.constantFrom(
    "",
    "http://bucket.s3.amazonaws.com/rec",
    "https://Bad_Bucket.s3.amazonaws.com/rec",
    "https://ab.s3.amazonaws.com/rec",
    "https://example.com/rec",
    "https://b..c.s3.amazonaws.com/rec",
    "https://bucket.s3.us-east-1.amazonaws.com/a b",
    "https://bucket.s3.amazonaws.com/a//b",
    "https://xn--abc.s3.amazonaws.com/rec",
    "https://192.168.1.1.s3.amazonaws.com/rec",
    "https://bucket.s3.amazonaws.com/rec?x=1",
    "https://bucket-.s3.amazonaws.com/rec",
    "s3://bucket/rec",
    // path-style and other hosts: not forms Twilio's material shows
    "https://s3.amazonaws.com/bucket/rec",
    "https://s3.us-west-2.amazonaws.com/bucket/rec",
    "https://s3-us-west-2.amazonaws.com/bucket/rec",
    "https://bucket.s3-accelerate.amazonaws.com/rec",
    "https://bucket.s3.us-west-2.amazonaws.com.evil.example/rec",
  ),
  fc.string({ maxLength: 16 }).filter((s) => !s.startsWith("https://")),
);

const hookFriendlyName = fc.oneof(nonString, fc.constant(""), tooLong(100));

export const FUZZ_SPECS: Record<string, ResourceFuzzSpec> = {
  CompositionHook: {
    valid: { friendlyName: "fuzz-hook", audioSources: ["*"] },
    slots: {
      friendlyName: requiredField("friendlyName", hookFriendlyName),
      enabled: setField("enabled", nonBoolean),
      trim: setField("trim", nonBoolean),
      videoLayout: setField("videoLayout", badLayout),
      // An empty list is valid on its own, but then nothing is composed: the cross-field rule.
      audioSources: fc.oneof(
        setField("audioSources", trackNames),
        setField("audioSources", fc.constant([])).map((c) => ({
          ...c,
          expect: (n: Inputs) => (n.videoLayout === undefined ? ["audioSources"] : []),
        })),
      ),
      audioSourcesExcluded: setField("audioSourcesExcluded", trackNames),
      resolution: setField("resolution", badResolution),
      format: setField("format", fc.oneof(nonString, notOneOf(["mp4", "webm"]), fc.constantFrom("MP4", "Webm", "mkv"))),
      statusCallback: setField("statusCallback", badUrl),
      statusCallbackMethod: setField("statusCallbackMethod", fc.oneof(nonString, notOneOf(["GET", "POST"]), fc.constantFrom("get", "PUT"))),
      adoptSid: setField("adoptSid", fc.oneof(nonString, badSid("HK", SID.hook))),
    },
  },
  AwsCredential: {
    valid: { accessKeyId: "AKIAFUZZ000000000001", secretAccessKey: "fuzz/secret+Key0".padEnd(40, "0"), friendlyName: "fuzz" },
    slots: {
      accessKeyId: requiredField(
        "accessKeyId",
        fc.oneof(
          // Twilio's 70106: exactly 20 of [A-Z0-9]
          nonString,
          upperAlnum(0, 19),
          upperAlnum(21, 40),
          fc.tuple(upperAlnum(19, 19), fc.constantFrom("a", "-", " ", ":", "é", "_")).map(([id, bad]) => id + bad),
        ),
      ),
      secretAccessKey: requiredField(
        "secretAccessKey",
        fc.oneof(
          // Twilio's 70106: exactly 40 of [A-Za-z0-9/+=]
          nonString,
          fc.constant(""),
          fc.string({ unit: fc.constantFrom(..."aZ09/+=".split("")), minLength: 0, maxLength: 39 }),
          fc.string({ unit: fc.constantFrom(..."aZ09/+=".split("")), minLength: 41, maxLength: 60 }),
          fc
            .tuple(fc.string({ maxLength: 8 }), fc.constantFrom(":", " ", "\t", "\n", "-", "_"), fc.string({ maxLength: 8 }))
            .map((p) => p.join("")),
        ),
      ),
      friendlyName: setField("friendlyName", fc.oneof(nonString, tooLong(64))),
      adoptSid: setField("adoptSid", fc.oneof(nonString, badSid("CR", SID.credential))),
    },
  },
  PublicKey: {
    valid: { publicKey: PEM, friendlyName: "fuzz" },
    slots: {
      publicKey: requiredField(
        "publicKey",
        fc.oneof(
          nonString,
          fc.constantFrom(
            "",
            "ssh-rsa AAAAB3NzaC1yc2E fuzz@host",
            PEM.replace(/PUBLIC/g, "PRIVATE"),
            PEM.slice(0, 200),
            PEM.replace("MIIB", "MI!B"),
            "-----BEGIN PUBLIC KEY----------END PUBLIC KEY-----",
            PEM.replace(/-----/g, "----"),
            // parse, but Twilio refuses them: 70101 (not RSA), 70102 (not 2048-bit), 70103 (exponent), 70104 (PKCS#1)
            EC_P256,
            RSA_1024,
            RSA_2048_EXPONENT_3,
            RSA_2048_PKCS1,
          ),
          fc.string({ maxLength: 30 }),
        ),
      ),
      friendlyName: setField("friendlyName", fc.oneof(nonString, tooLong(64))),
      adoptSid: setField("adoptSid", fc.oneof(nonString, badSid("CR", SID.credential))),
    },
  },
};

/** Both settings singletons share one shape (and so one set of corruptions). */
function settingsFuzzSpec(): ResourceFuzzSpec {
  const storageOn = (n: Inputs) => n.awsStorageEnabled === true;
  const encryptionOn = (n: Inputs) => n.encryptionEnabled === true;
  return {
    valid: {
      friendlyName: "fuzz-settings",
      awsCredentialsSid: `CR${"a".repeat(32)}`,
      awsS3Url: "https://fuzz-bucket.s3.us-east-1.amazonaws.com/rec",
      awsStorageEnabled: true,
      encryptionKeySid: `CR${"b".repeat(32)}`,
      encryptionEnabled: true,
    },
    slots: {
      friendlyName: requiredField("friendlyName", fc.oneof(nonString, fc.constant(""), tooLong(255))),
      awsCredentialsSid: fc.oneof(
        setField("awsCredentialsSid", fc.oneof(nonString, badSid("CR", SID.credential))),
        dropField("awsCredentialsSid", storageOn),
      ),
      awsS3Url: fc.oneof(setField("awsS3Url", badS3Url), dropField("awsS3Url", storageOn)),
      awsStorageEnabled: setField("awsStorageEnabled", nonBoolean),
      encryptionKeySid: fc.oneof(
        setField("encryptionKeySid", fc.oneof(nonString, badSid("CR", SID.credential))),
        dropField("encryptionKeySid", encryptionOn),
      ),
      encryptionEnabled: setField("encryptionEnabled", nonBoolean),
      adoptExisting: setField("adoptExisting", nonBoolean),
    },
  };
}
FUZZ_SPECS.CompositionSettings = settingsFuzzSpec();
FUZZ_SPECS.RecordingSettings = settingsFuzzSpec();
FUZZ_SPECS.Subaccount = {
  valid: { friendlyName: "fuzz-subaccount" },
  slots: {
    friendlyName: requiredField("friendlyName", fc.oneof(nonString, fc.constant(""), tooLong(64))),
    closeOnDelete: setField("closeOnDelete", nonBoolean),
    adoptSid: setField("adoptSid", fc.oneof(nonString, badSid("AC", SID.account))),
  },
};
FUZZ_SPECS.ApiKey = {
  valid: { friendlyName: "fuzz-key" },
  slots: {
    friendlyName: setField("friendlyName", fc.oneof(nonString, fc.constant(""), tooLong(64))),
    keyRotation: setField("keyRotation", nonString),
  },
};
