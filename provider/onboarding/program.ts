/**
 * The generated program's declarations, from a snapshot of the account: each object as it is live,
 * under the resources' input names (kit/twilioFields.ts `liveConfiguration` with each resource's
 * spec), adopted with `{ import: SID }`; and `index.ts` written from them. Pure.
 */
import { hookNeedsComposableRecordings, uncomposableBecause } from "../resources/compositionHook/composability";
import { compositionHookSpec } from "../resources/compositionHook/schema";
import { awsCredentialSpec, publicKeySpec } from "../resources/credentials/schema";
import type { ResourceSpec } from "../resources/kit/fields";
import { liveConfiguration } from "../resources/kit/twilioFields";
import { compositionSettingsSpec, recordingSettingsSpec } from "../resources/videoSettings/schema";
import type { VideoSettings } from "../twilio";
import { Code, objectLiteral, stringLiteral, type Property } from "./literal";
import { Namer, byCreation, type ProgramName } from "./names";
import type { AccountSnapshot } from "./snapshot";

export type Kind = "AwsCredential" | "PublicKey" | "RecordingSettings" | "CompositionSettings" | "CompositionHook";

export interface Declaration {
  kind: Kind;
  name: ProgramName;
  /** The object's SID (a settings singleton's: the account SID). */
  importId: string;
  friendlyName: string | null;
  properties: Property[];
}

/** A value the program reads from stack config because Twilio never returns it. */
export interface ConfigValue {
  key: string;
  secret: boolean;
  /** What it is, for the README: `the access key id of AWS credential "s3-writer" (CR...)`. */
  what: string;
  /** The `pulumi config set` line that sets it. */
  command: string;
}

export interface Section {
  /** Comment lines above the section. */
  comments: string[];
  declarations: Declaration[];
}

export interface ProgramPlan {
  accountSid: string;
  sections: Section[];
  declarations: Declaration[];
  configValues: ConfigValue[];
  /** What the program could not declare as it is live, one sentence each (for the README). */
  notes: string[];
}

const GUARD_COMMENT =
  "Twilio cannot compose recordings stored in S3 or encrypted, as this account's are: kept enabled, as it is configured today.";

export function planProgram(snapshot: AccountSnapshot): ProgramPlan {
  const namer = new Namer();
  const settingsNames = { recordings: namer.reserve("recording-settings"), compositions: namer.reserve("composition-settings") };
  const configValues: ConfigValue[] = [];
  const notes: string[] = [];

  const credentials = byCreation(snapshot.awsCredentials).map((c): Declaration => {
    const name = namer.name(c.friendlyName, "aws-credential", c.sid);
    const accessKeyId = `${name.variable}AccessKeyId`;
    const secretAccessKey = `${name.variable}SecretAccessKey`;
    const label = `AWS credential "${name.resource}" (${c.sid})`;
    configValues.push(
      { key: accessKeyId, secret: false, what: `the access key id of ${label}`, command: `pulumi config set ${accessKeyId} AKIA...` },
      {
        key: secretAccessKey,
        secret: true,
        what: `the secret access key of ${label}`,
        command: `pulumi config set --secret ${secretAccessKey}`,
      },
    );
    const properties = [
      ...liveProperties(awsCredentialSpec, c),
      { key: "accessKeyId", value: new Code(`config.require(${stringLiteral(accessKeyId)})`) },
      { key: "secretAccessKey", value: new Code(`config.requireSecret(${stringLiteral(secretAccessKey)})`) },
    ];
    return { kind: "AwsCredential", name, importId: c.sid, friendlyName: c.friendlyName, properties };
  });

  const keys = byCreation(snapshot.publicKeys).map((k): Declaration => {
    const name = namer.name(k.friendlyName, "public-key", k.sid);
    const publicKey = `${name.variable}PublicKey`;
    configValues.push({
      key: publicKey,
      secret: false,
      what: `the PEM of public key "${name.resource}" (${k.sid})`,
      command: `pulumi config set ${publicKey} -- "$(cat ${name.resource}.pem)"`,
    });
    const properties = [
      ...liveProperties(publicKeySpec, k),
      { key: "publicKey", value: new Code(`config.require(${stringLiteral(publicKey)})`) },
    ];
    return { kind: "PublicKey", name, importId: k.sid, friendlyName: k.friendlyName, properties };
  });

  const refs = {
    awsCredentialsSid: { kind: "AWS credential", declared: credentials },
    encryptionKeySid: { kind: "public key", declared: keys },
  };
  const settings = (kind: "RecordingSettings" | "CompositionSettings", live: VideoSettings, name: ProgramName): Section => {
    const what = kind === "RecordingSettings" ? "Recording settings" : "Composition settings";
    // Twilio answers settings never saved with no friendly name (and storage and encryption off).
    if (live.friendlyName === "") {
      notes.push(`${what}: never configured in this account, so not declared (Twilio's defaults: its cloud, unencrypted).`);
      return { comments: [`${what}: never configured in this account (Twilio's defaults apply), so not declared.`], declarations: [] };
    }
    const spec = kind === "RecordingSettings" ? recordingSettingsSpec : compositionSettingsSpec;
    const properties = liveProperties(spec, live).map((p): Property => {
      const ref = refs[p.key as keyof typeof refs];
      if (!ref) return p;
      const target = ref.declared.find((d) => d.importId === p.value);
      if (target) return { key: p.key, value: new Code(`${target.name.variable}.sid`) };
      notes.push(`${what}: ${p.key} ${String(p.value)} is not among this account's ${ref.kind}s, so it is written as its SID.`);
      return { ...p, comments: [`${String(p.value)} is not among this account's ${ref.kind}s (so not imported here).`] };
    });
    const declaration = { kind, name, importId: live.accountSid, friendlyName: live.friendlyName, properties };
    return { comments: [`${what}: one per account, imported by the account SID.`], declarations: [declaration] };
  };
  const recordings = settings("RecordingSettings", snapshot.recordingSettings, settingsNames.recordings);
  const compositions = settings("CompositionSettings", snapshot.compositionSettings, settingsNames.compositions);

  // The package's composition guard fails a preview with an enabled hook beside recordings stored in
  // S3 or encrypted; the live account is that way, so each such hook says it is meant.
  const uncomposable = uncomposableBecause(snapshot.recordingSettings) !== undefined;
  const hooks = byCreation(snapshot.compositionHooks).map((h): Declaration => {
    const name = namer.name(h.friendlyName, "hook", h.sid);
    const properties = liveProperties(compositionHookSpec, h);
    if (uncomposable && hookNeedsComposableRecordings({ enabled: h.enabled })) {
      const at = properties.findIndex((p) => p.key === "enabled") + 1;
      properties.splice(at, 0, { key: "allowUncomposableRecordings", value: true, comments: [GUARD_COMMENT] });
    }
    return { kind: "CompositionHook", name, importId: h.sid, friendlyName: h.friendlyName, properties };
  });
  if (uncomposable && hooks.some((h) => h.properties.some((p) => p.key === "allowUncomposableRecordings"))) {
    notes.push(
      "Recordings are stored in S3 or encrypted, which Twilio cannot compose: each enabled composition hook is declared with " +
        "allowUncomposableRecordings: true (the package's composition guard refuses the pair otherwise). No composition is made today either.",
    );
  }

  const sections: Section[] = [
    section(credentials, "AWS credentials", "Twilio never returns an access key or its secret: both come from stack config."),
    section(keys, "Public keys", "Twilio never returns the PEM: it comes from stack config (a public key is not a secret)."),
    recordings,
    compositions,
    section(hooks, "Composition hooks", ""),
  ];
  return {
    accountSid: snapshot.accountSid,
    sections,
    declarations: sections.flatMap((s) => s.declarations),
    configValues,
    notes,
  };
}

function section(declarations: Declaration[], title: string, why: string): Section {
  if (declarations.length === 0) return { comments: [`${title}: none in this account.`], declarations };
  return { comments: [why ? `${title}. ${why}` : `${title}.`], declarations };
}

function liveProperties(spec: ResourceSpec, object: object): Property[] {
  return Object.entries(liveConfiguration(spec, object)).map(([key, value]) => ({ key, value }));
}

/** The program's `index.ts`. */
export function renderIndex(plan: ProgramPlan): string {
  const lines = [
    `// The Twilio Video configuration of account ${plan.accountSid}, as it was live when twilio-video-import read it.`,
    "// Each resource adopts its object ({ import }): while the program matches Twilio, `pulumi up` writes nothing there.",
    "// Each is protected, as `pulumi import` writes it: `pulumi destroy` deletes nothing until you remove `protect: true`.",
    "// What Twilio never returns (AWS key pairs, public key PEMs) is read from stack config.",
    'import * as pulumi from "@pulumi/pulumi";',
    'import * as twilio from "pulumi-twilio-video";',
    "",
    "const config = new pulumi.Config();",
  ];
  // A variable only for a resource another one refers to, as a person writes it (and as lint wants).
  const referenced = new Set(
    plan.sections
      .flatMap((s) => s.declarations.flatMap((d) => d.properties.map((p) => p.value)))
      .filter((v): v is Code => v instanceof Code)
      .map((v) => v.text.split(".")[0]),
  );
  for (const s of plan.sections) {
    lines.push("", ...s.comments.map((c) => `// ${c}`));
    s.declarations.forEach((d, i) => {
      if (i > 0) lines.push("");
      lines.push(
        `${referenced.has(d.name.variable) ? `const ${d.name.variable} = ` : ""}new twilio.${d.kind}(`,
        `  ${stringLiteral(d.name.resource)},`,
        `  ${objectLiteral(d.properties, 1)},`,
        `  { import: ${stringLiteral(d.importId)}, protect: true },`,
        ");",
      );
    });
  }
  return lines.join("\n") + "\n";
}
