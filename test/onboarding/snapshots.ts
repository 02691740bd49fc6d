// Account snapshots for the importer's render tests, in the client's types (as readSnapshot returns
// them from Twilio's JSON), and the checks every generated program must pass: Prettier with the
// repository's settings, and TypeScript against the package's own types.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as prettier from "prettier";
import * as ts from "typescript";
import type { AccountSnapshot } from "../../provider/onboarding/snapshot";
import { renderProgramFolder, type RenderedProgram } from "../../provider/onboarding/render";
import type { CompositionHook, Credential, VideoSettings } from "../../provider/twilio";

export const ACCOUNT = "AC0123456789abcdef0123456789abcdef";
const REPO_ROOT = path.resolve(__dirname, "..", "..");

export const sid = (prefix: string, n: number) => `${prefix}${n.toString(16).padStart(32, "0")}`;
const day = (n: number) => `2024-01-${String(n).padStart(2, "0")}T10:00:00Z`;

export function hook(n: number, fields: Partial<CompositionHook> = {}): CompositionHook {
  return {
    sid: sid("HK", n),
    accountSid: ACCOUNT,
    friendlyName: `hook ${n}`,
    enabled: true,
    dateCreated: day(n),
    dateUpdated: null,
    audioSources: ["*"],
    audioSourcesExcluded: [],
    videoLayout: {},
    resolution: "640x480",
    format: "webm",
    trim: true,
    statusCallback: null,
    statusCallbackMethod: "POST",
    url: `https://video.twilio.com/v1/CompositionHooks/${sid("HK", n)}`,
    ...fields,
  };
}

export function credential(prefix: "AWS" | "PublicKeys", n: number, friendlyName: string | null): Credential {
  return {
    sid: sid("CR", n),
    accountSid: ACCOUNT,
    friendlyName,
    dateCreated: day(n),
    dateUpdated: null,
    url: `https://accounts.twilio.com/v1/Credentials/${prefix}/${sid("CR", n)}`,
  };
}

/** Settings as Twilio answers them before anyone saved them: no name, storage and encryption off. */
export function settings(fields: Partial<VideoSettings> = {}): VideoSettings {
  return {
    accountSid: ACCOUNT,
    friendlyName: "",
    awsCredentialsSid: null,
    awsS3Url: null,
    awsStorageEnabled: false,
    encryptionKeySid: null,
    encryptionEnabled: false,
    url: "https://video.twilio.com/v1/RecordingSettings/Default",
    ...fields,
  };
}

export function snapshot(fields: Partial<AccountSnapshot> = {}): AccountSnapshot {
  return {
    accountSid: ACCOUNT,
    compositionHooks: [],
    recordingSettings: settings(),
    compositionSettings: settings(),
    awsCredentials: [],
    publicKeys: [],
    ...fields,
  };
}

export function render(s: AccountSnapshot, connection: { apiKey?: string; endpoint?: string } = {}): RenderedProgram {
  return renderProgramFolder(s, {
    projectName: "imported",
    connection: { accountSid: s.accountSid, ...connection },
    versions: { package: "1.2.3", pulumi: "^3.248.0", typescript: "~5.9.3", typesNode: "^20.19.0" },
  });
}

/** Whether `code` is exactly what Prettier makes of it with the repository's .prettierrc.json. */
export async function prettierClean(code: string): Promise<boolean> {
  const options = await prettier.resolveConfig(path.join(REPO_ROOT, "index.ts"));
  return prettier.check(code, { ...options, parser: "typescript" });
}

/**
 * TypeScript's errors for each generated index.ts, compiled strict as the generated tsconfig.json
 * says, with `pulumi-twilio-video` mapped to the package's source (provider/index.ts). One program
 * for all of them: loading the package's types is the slow part.
 */
export function typeErrors(codes: string[]): string[][] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "twilio-video-import-"));
  try {
    const files = codes.map((code, i) => {
      const file = path.join(dir, `program${i}`, "index.ts");
      fs.mkdirSync(path.dirname(file));
      fs.writeFileSync(file, code);
      return file;
    });
    const program = ts.createProgram(files, {
      strict: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      lib: ["lib.es2022.d.ts"],
      types: ["node"],
      typeRoots: [path.join(REPO_ROOT, "node_modules", "@types")],
      esModuleInterop: true,
      skipLibCheck: true,
      noEmit: true,
      baseUrl: dir,
      paths: {
        "pulumi-twilio-video": [path.join(REPO_ROOT, "provider", "index.ts")],
        "@pulumi/pulumi": [path.join(REPO_ROOT, "node_modules", "@pulumi", "pulumi")],
      },
    });
    return files.map((file) =>
      ts
        .getPreEmitDiagnostics(program, program.getSourceFile(file))
        .map((d) => `${d.start ?? 0}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`),
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
