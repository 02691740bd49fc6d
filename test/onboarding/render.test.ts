// twilio-video-import's rendering (pure: a snapshot of the account -> the program's files): names
// from friendly names, unique and stable; every live field under the resources' input names;
// references to imported credentials; the composition guard's opt-out where the live account needs
// it; and output that Prettier leaves alone and TypeScript accepts against the package's types.
import { strict as assert } from "assert";
import fc from "fast-check";
import { camelCase, kebabCase } from "../../provider/onboarding/names";
import { ACCOUNT, credential, hook, prettierClean, render, settings, sid, snapshot, typeErrors } from "./snapshots";

/** The declaration of resource `name` in index.ts, from `const` (or `new`) to its closing `);`. */
function declaration(code: string, name: string): string {
  const start = code.search(new RegExp(`^(const \\w+ = )?new twilio\\.\\w+\\(\\n  "${name}",`, "m"));
  assert.ok(start >= 0, `no declaration of "${name}" in:\n${code}`);
  return code.slice(start, code.indexOf("\n);\n", start) + 3);
}

const S3_RECORDINGS = {
  friendlyName: "console recordings",
  awsCredentialsSid: sid("CR", 1),
  awsS3Url: "https://media.s3.us-east-1.amazonaws.com/recordings",
  awsStorageEnabled: true,
};

describe("twilio-video-import rendering", () => {
  describe("names", () => {
    it("come from friendly names: kebab-case resources, camelCase variables", () => {
      assert.equal(kebabCase("Main grid"), "main-grid");
      assert.equal(kebabCase("  Ünïcode — Grid (EU) #2 "), "unicode-grid-eu-2");
      assert.equal(kebabCase("S3Writer"), "s3-writer");
      assert.equal(camelCase("main-grid-2"), "mainGrid2");
      const { code } = render(snapshot({ compositionHooks: [hook(1, { friendlyName: "Main grid" })] }));
      // A variable only where another resource refers to it (lint refuses unused ones).
      assert.match(code, /^new twilio\.CompositionHook\(\n {2}"main-grid",\n/m);
    });

    it("are unique: a second object of the same name gets -2, across kinds", () => {
      const { code } = render(
        snapshot({
          awsCredentials: [credential("AWS", 1, "Main grid")],
          compositionHooks: [hook(2, { friendlyName: "Main grid" }), hook(3, { friendlyName: "main-grid" })],
        }),
      );
      assert.match(declaration(code, "main-grid"), /^new twilio\.AwsCredential\(/);
      assert.match(declaration(code, "main-grid"), /config\.require\("mainGridAccessKeyId"\)/);
      assert.match(declaration(code, "main-grid-2"), /^new twilio\.CompositionHook\(/);
      assert.match(declaration(code, "main-grid-3"), /^new twilio\.CompositionHook\(/);
    });

    it("fall back to the kind and the SID's end without a usable friendly name; reserved words are avoided", () => {
      const { code } = render(
        snapshot({
          awsCredentials: [credential("AWS", 0xabc123, null)],
          publicKeys: [credential("PublicKeys", 0xdef456, "!!!")],
          compositionHooks: [
            hook(7, { friendlyName: "new" }),
            hook(8, { friendlyName: "2024 archive" }),
            hook(9, { friendlyName: "config" }),
          ],
        }),
      );
      assert.match(declaration(code, "aws-credential-abc123"), /config\.require\("awsCredentialAbc123AccessKeyId"\)/);
      assert.match(declaration(code, "public-key-def456"), /config\.require\("publicKeyDef456PublicKey"\)/);
      // Names whose variable would be a reserved word or the program's own `config` are moved aside.
      assert.ok(declaration(code, "new-2"));
      assert.ok(declaration(code, "2024-archive"));
      assert.ok(declaration(code, "config-2"));
    });

    it("are the same for the same account, whatever order Twilio lists it in (by creation time, then SID)", () => {
      const hooks = [
        hook(3, { friendlyName: "grid" }),
        hook(1, { friendlyName: "grid" }),
        hook(2, { friendlyName: "grid", dateCreated: "2024-01-03T10:00:00Z" }),
      ];
      const first = render(snapshot({ compositionHooks: hooks }));
      const second = render(snapshot({ compositionHooks: [...hooks].reverse() }));
      assert.equal(first.code, second.code);
      assert.match(declaration(first.code, "grid"), new RegExp(sid("HK", 1)));
      // hooks 2 and 3 were made in the same second: the SID decides.
      assert.match(declaration(first.code, "grid-2"), new RegExp(sid("HK", 2)));
      assert.match(declaration(first.code, "grid-3"), new RegExp(sid("HK", 3)));
    });
  });

  describe("declarations", () => {
    it("write every live field of a hook, its layout regions without the keys Twilio fills in", () => {
      const layout = {
        main: {
          video_sources: ["screen*"],
          x_pos: 0,
          y_pos: 0,
          z_pos: 1,
          width: 960,
          height: 720,
          reuse: "show_oldest",
          cells_excluded: [],
          video_sources_excluded: [],
          max_columns: null,
          max_rows: null,
        },
        side: { video_sources: ["cam-*", "guest-*"], x_pos: 960, y_pos: 0, z_pos: 0, width: 320, height: 720, reuse: "show_newest" },
      };
      const live = hook(1, {
        friendlyName: "Main grid",
        videoLayout: layout,
        audioSources: ["mic-*"],
        audioSourcesExcluded: ["music"],
        resolution: "1280x720",
        format: "mp4",
        trim: false,
        statusCallback: "https://example.com/compositions",
        statusCallbackMethod: "GET",
      });
      const expected = [
        `new twilio.CompositionHook(`,
        `  "main-grid",`,
        `  {`,
        `    friendlyName: "Main grid",`,
        `    enabled: true,`,
        `    videoLayout: {`,
        `      main: {`,
        `        video_sources: ["screen*"],`,
        `        z_pos: 1,`,
        `        width: 960,`,
        `        height: 720,`,
        `      },`,
        `      side: {`,
        `        video_sources: ["cam-*", "guest-*"],`,
        `        x_pos: 960,`,
        `        width: 320,`,
        `        height: 720,`,
        `        reuse: "show_newest",`,
        `      },`,
        `    },`,
        `    audioSources: ["mic-*"],`,
        `    audioSourcesExcluded: ["music"],`,
        `    resolution: "1280x720",`,
        `    format: "mp4",`,
        `    trim: false,`,
        `    statusCallback: "https://example.com/compositions",`,
        `    statusCallbackMethod: "GET",`,
        `  },`,
        `  { import: "${sid("HK", 1)}", protect: true },`,
        `);`,
      ].join("\n");
      assert.equal(declaration(render(snapshot({ compositionHooks: [live] })).code, "main-grid"), expected);
    });

    it("read what Twilio never returns from stack config, and list the config lines", () => {
      const r = render(
        snapshot({ awsCredentials: [credential("AWS", 1, "S3 writer")], publicKeys: [credential("PublicKeys", 2, "Main key")] }),
        { endpoint: "http://127.0.0.1:4010" },
      );
      assert.match(
        declaration(r.code, "s3-writer"),
        /friendlyName: "S3 writer",\n {4}accessKeyId: config\.require\("s3WriterAccessKeyId"\),\n {4}secretAccessKey: config\.requireSecret\("s3WriterSecretAccessKey"\),/,
      );
      assert.match(declaration(r.code, "main-key"), /publicKey: config\.require\("mainKeyPublicKey"\),/);
      assert.deepEqual(
        r.configLines.map((l) => l.replace(/ +#.*/, "")),
        [
          `pulumi config set twilio:accountSid ${ACCOUNT}`,
          "pulumi config set --secret twilio:authToken",
          "pulumi config set twilio:endpoint http://127.0.0.1:4010",
          "pulumi config set s3WriterAccessKeyId AKIA...",
          "pulumi config set --secret s3WriterSecretAccessKey",
          `pulumi config set mainKeyPublicKey -- "$(cat main-key.pem)"`,
        ],
      );
      for (const line of r.configLines) assert.ok(r.files["README.md"].includes(line), `README.md lacks: ${line}`);
      const apiKey = render(snapshot(), { apiKey: sid("SK", 5) }).configLines.map((l) => l.replace(/ +#.*/, ""));
      assert.deepEqual(apiKey, [
        `pulumi config set twilio:accountSid ${ACCOUNT}`,
        `pulumi config set twilio:apiKey ${sid("SK", 5)}`,
        "pulumi config set --secret twilio:apiSecret",
      ]);
    });

    it("reference imported credentials by variable, and others by SID with a comment", () => {
      const r = render(
        snapshot({
          awsCredentials: [credential("AWS", 1, "S3 writer")],
          recordingSettings: settings({ ...S3_RECORDINGS, encryptionKeySid: sid("CR", 9), encryptionEnabled: true }),
          compositionSettings: settings({
            friendlyName: "compositions",
            awsCredentialsSid: sid("CR", 1),
            awsS3Url: S3_RECORDINGS.awsS3Url,
          }),
        }),
      );
      const recordings = declaration(r.code, "recording-settings");
      assert.match(recordings, /awsCredentialsSid: s3Writer\.sid,/);
      assert.match(
        recordings,
        new RegExp(
          `// ${sid("CR", 9)} is not among this account's public keys \\(so not imported here\\)\\.\\n {4}encryptionKeySid: "${sid("CR", 9)}",`,
        ),
      );
      assert.match(recordings, new RegExp(`\\{ import: "${ACCOUNT}", protect: true \\}`));
      assert.match(
        declaration(r.code, "composition-settings"),
        /awsCredentialsSid: s3Writer\.sid,\n {4}awsS3Url: "https:.*",\n {4}awsStorageEnabled: false,/,
      );
      assert.match(r.files["README.md"], new RegExp(`encryptionKeySid ${sid("CR", 9)} is not among this account's public keys`));
    });

    it("leave out settings never configured, with a comment", () => {
      const r = render(snapshot({ recordingSettings: settings({ friendlyName: "recordings" }) }));
      assert.match(r.code, /\/\/ Composition settings: never configured in this account \(Twilio's defaults apply\), so not declared\./);
      assert.doesNotMatch(r.code, /CompositionSettings\(/);
      assert.match(r.code, /new twilio\.RecordingSettings\(/);
      assert.equal(r.summary, "0 composition hooks, 0 AWS credentials, 0 public keys, recording settings");
      assert.equal(r.resources, 1);
    });
  });

  describe("the composition guard", () => {
    const hooks = [hook(1, { friendlyName: "on" }), hook(2, { friendlyName: "off", enabled: false })];
    const flagged = (code: string, name: string) => /allowUncomposableRecordings: true,/.test(declaration(code, name));

    for (const [what, fields] of [
      ["stores recordings in S3", S3_RECORDINGS],
      ["encrypts recordings", { friendlyName: "encrypted", encryptionKeySid: sid("CR", 2), encryptionEnabled: true }],
    ] as const) {
      it(`opts each enabled hook out, with a comment, when the account ${what}`, () => {
        const { code } = render(snapshot({ compositionHooks: hooks, recordingSettings: settings(fields) }));
        assert.ok(flagged(code, "on"));
        assert.match(
          declaration(code, "on"),
          /enabled: true,\n {4}\/\/ Twilio cannot compose recordings stored in S3 or encrypted.*\n {4}allowUncomposableRecordings/,
        );
        assert.ok(!flagged(code, "off"), "a disabled hook needs no opt-out");
      });
    }

    it("leaves hooks alone when recordings stay in Twilio's cloud, unencrypted", () => {
      const cloud = settings({ friendlyName: "cloud", awsCredentialsSid: sid("CR", 1), awsS3Url: S3_RECORDINGS.awsS3Url });
      const { code } = render(snapshot({ compositionHooks: hooks, recordingSettings: cloud }));
      assert.ok(!flagged(code, "on"));
    });
  });

  describe("the program", () => {
    const full = snapshot({
      awsCredentials: [credential("AWS", 1, "S3 writer")],
      publicKeys: [credential("PublicKeys", 2, "Main key")],
      recordingSettings: settings({ ...S3_RECORDINGS, encryptionKeySid: sid("CR", 2), encryptionEnabled: true }),
      compositionSettings: settings({ friendlyName: "compositions", awsCredentialsSid: sid("CR", 1), awsS3Url: S3_RECORDINGS.awsS3Url }),
      compositionHooks: [
        hook(3, {
          friendlyName: `Quote "grid" for O'Brien`,
          videoLayout: { "main-area": { video_sources: Array.from({ length: 14 }, (_, i) => `presenter-camera-${i}`), width: 1280 } },
        }),
        hook(4, { friendlyName: "audio only", enabled: false, statusCallback: "https://example.com/x" }),
      ],
    });

    it("is a complete folder: Pulumi.yaml, package.json with this package's version, tsconfig.json, index.ts, README.md", () => {
      const r = render(full);
      assert.deepEqual(Object.keys(r.files).sort(), ["Pulumi.yaml", "README.md", "index.ts", "package.json", "tsconfig.json"]);
      assert.equal(
        r.files["Pulumi.yaml"],
        `name: imported\ndescription: "The Twilio Video configuration of account ${ACCOUNT}, imported by twilio-video-import"\n` +
          "runtime:\n  name: nodejs\n  options:\n    typescript: true\n",
      );
      const pkg = JSON.parse(r.files["package.json"]);
      assert.deepEqual(pkg.dependencies, { "@pulumi/pulumi": "^3.248.0", "pulumi-twilio-video": "^1.2.3" });
      assert.deepEqual(pkg.devDependencies, { "@types/node": "^20.19.0", typescript: "~5.9.3" });
      assert.equal(pkg.main, "index.ts");
      assert.equal(JSON.parse(r.files["tsconfig.json"]).compilerOptions.strict, true);
      assert.match(r.files["README.md"], /pulumi preview +# expect 7 to create \(6 objects and the stack\)/);
      assert.match(r.files["README.md"], /\| `CompositionHook` \| `quote-grid-for-o-brien` \| `HK0{31}3` \| Quote "grid" for O'Brien \|/);
      assert.equal(r.summary, "2 composition hooks, 1 AWS credential, 1 public key, recording and composition settings");
    });

    it("starts with the imports and the config, in the order credentials, keys, settings, hooks", () => {
      const { code } = render(full);
      assert.match(
        code,
        /^(\/\/ .*\n)+import \* as pulumi from "@pulumi\/pulumi";\nimport \* as twilio from "pulumi-twilio-video";\n\nconst config = new pulumi\.Config\(\);\n/,
      );
      const order = [...code.matchAll(/new twilio\.(\w+)\(/g)].map((m) => m[1]);
      assert.deepEqual(order, [
        "AwsCredential",
        "PublicKey",
        "RecordingSettings",
        "CompositionSettings",
        "CompositionHook",
        "CompositionHook",
      ]);
    });

    it("is left alone by Prettier with the repository's settings, lines within 140 columns", async () => {
      const { code } = render(full);
      assert.ok(await prettierClean(code), `Prettier would change:\n${code}`);
      assert.match(code, /friendlyName: 'Quote "grid" for O\\'Brien',/);
      assert.match(code, /"main-area": \{\n {8}video_sources: \[\n {10}"presenter-camera-0",/);
      for (const line of code.split("\n")) assert.ok(line.length <= 140, `longer than 140: ${line}`);
    });

    it("stays Prettier-clean for any friendly names and region names", async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.string({ maxLength: 40 }), { minLength: 1, maxLength: 4 }),
          fc.string({ minLength: 1 }),
          async (names, region) => {
            const { code } = render(
              snapshot({
                awsCredentials: names.map((n, i) => credential("AWS", i + 1, n)),
                compositionHooks: [hook(9, { friendlyName: names[0] || "x", videoLayout: { [region]: { video_sources: [region] } } })],
              }),
            );
            return prettierClean(code);
          },
        ),
        { numRuns: 40 },
      );
    });

    it("type-checks (strict) against the package's own resource types", () => {
      const { code } = render(full);
      // The check can fail: a misspelt input is an error.
      const [errors, misspelt] = typeErrors([code, code.replace("audioSources:", "audioSourcez:")]);
      assert.deepEqual(errors, []);
      assert.equal(misspelt.length, 1);
      assert.match(misspelt[0], /'audioSourcez' does not exist/);
    });
  });
});
