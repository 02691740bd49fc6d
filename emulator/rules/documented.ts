/**
 * The one table of Twilio facts the emulator models that Twilio's OpenAPI documents (../spec) do
 * not state: each entry names its source by the key below, and says where a value is our
 * assumption (docs/twilio-behaviour.md lists them all). Written from Twilio's own material, never
 * from `provider/`: a double that shares the rules of the code under test cannot catch a wrong rule.
 *
 * Sources, by key:
 * - [layouts]  https://www.twilio.com/docs/video/api/compositions-resource#specifying-video-layouts
 * - [snippets] TwilioDevEd/api-snippets video/rest/compositionhooks/{complex-layout-hook,
 *              grid-mixing-hook,update-hook,list-hooks}/output/*.json (Twilio's captured answers)
 * - [70106]    https://www.twilio.com/docs/api/errors/70106
 * - [7010x]    https://www.twilio.com/docs/api/errors/70101 .. 70104
 * - [s3guide]  https://www.twilio.com/docs/video/tutorials/storing-aws-s3 and
 *              https://www.twilio.com/docs/video/api/external-s3-recordings
 * - [s3naming] https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
 * - [rfc3986]  RFC 3986 section 3.3 (the AwsS3Url description: "only URI-valid characters")
 * - [accounts] https://www.twilio.com/docs/iam/api/account ("To create, update, or list subaccounts, use
 *              a Main API key. Standard API keys can't perform those actions")
 * - [subaccts] https://www.twilio.com/docs/iam/api/subaccounts (Billing, Authentication, the
 *              1000-subaccount limit)
 * - [statusguide] Twilio's subaccount status guide as mirrored at
 *              https://twilio-iam-remake.readme.io/reference/subaccount-status ("You must use your main
 *              account's authentication credentials to suspend a subaccount. Also, you cannot suspend
 *              your main account"; "you cannot reopen a closed account")
 * - [keytypes] https://www.twilio.com/docs/usage/api/keys (REST API: Key Resource v2010; key types: Standard keys
 *              reach "all Twilio API resources, except for API key and Account resources"; Main keys
 *              are made only in the Console)
 * - [20003]    https://www.twilio.com/docs/api/errors/20003 (possible causes)
 * - [2xxxx]    https://www.twilio.com/docs/api/errors/21101, 21475, 21477, 21479, 21480
 * - [sdkthreads] twilio/twilio-python issue "API Keys not working as expected" (an API key fetching an
 *              Account gets 20003; a maintainer: "you can't use a Key Secret to get an Account") and
 *              twilio/twilio-cli issue "As a user, I should be prompted for my auth token when it is
 *              required" (keys:create with a profile's Standard key gets 20003; the maintainers:
 *              Standard keys "are not permitted to manage Accounts (e.g., create Subaccounts) and
 *              other API Keys")
 * - [answers]  Twilio answers quoted in public code and notes: a twilio-node `accounts.create()` answer
 *              `friendlyName: 'SubAccount Created at 2019-07-03 00:46 AM'` for `dateCreated:
 *              2019-07-03T07:46:06.000Z` with a 32-hex `authToken`; `GET /2010-04-01/Accounts.json`
 *              answers that list the calling main account itself (streaak/keyhacks's Twilio
 *              example), named "My first Twilio account" in several
 * - [rooms]    https://www.twilio.com/docs/video/api/rooms-resource and the Video limits page
 * - [regions]  https://www.twilio.com/docs/video/ip-addresses#group-rooms-media-servers
 * - [rrec]     Twilio's Room Recording resource reference (codecs, containers, statuses)
 * - [rules]    https://www.twilio.com/docs/video/api/recording-rules and TwilioDevEd/api-snippets
 *              video/rest/rooms/recording-rules-*, participants/*-subscribe-rules
 * - [media]    Twilio Media v1 OpenAPI (twilio-oai 1.52.0) descriptions, twilio-python
 *              tests/integration/media/v1/** (generated answers), and
 *              https://www.twilio.com/docs/live/api/playerstreamers (ended reasons table)
 */
import type { Schema } from "./openApi";

/** A region key's schema, with the sentence a refused value gets where the schema alone would not say it well. */
export type RegionKeySchema = Schema & { nullable?: boolean; rule?: string };

/**
 * [layouts] The keys of a VideoLayout region, as schemas. Key names and `reuse` values are
 * Twilio's; the numeric ranges are our assumption (Twilio documents no bounds): positions on a
 * canvas of at most 1280 pixels, z_pos -99..99, sizes 16..1280, grids of at most 1000 cells a side.
 * The four keys Twilio itself answers as null ([snippets]) take null, so an echo can be sent back.
 * `default` is what Twilio answers for a key that was not sent ([snippets]; `video_sources` was
 * sent in every captured request, so its [] is our assumption).
 */
export const LAYOUT_REGION: Readonly<Record<string, { schema: RegionKeySchema; default: unknown }>> = {
  x_pos: { schema: { type: "integer", minimum: 0, maximum: 1280 }, default: 0 },
  y_pos: { schema: { type: "integer", minimum: 0, maximum: 1280 }, default: 0 },
  z_pos: { schema: { type: "integer", minimum: -99, maximum: 99 }, default: 0 },
  width: { schema: { type: "integer", minimum: 16, maximum: 1280, nullable: true }, default: null },
  height: { schema: { type: "integer", minimum: 16, maximum: 1280, nullable: true }, default: null },
  max_columns: { schema: { type: "integer", minimum: 1, maximum: 1000, nullable: true }, default: null },
  max_rows: { schema: { type: "integer", minimum: 1, maximum: 1000, nullable: true }, default: null },
  cells_excluded: {
    schema: { type: "array", items: { type: "integer", minimum: 0 }, rule: "must be an array of cell indexes (integers >= 0)" },
    default: [],
  },
  reuse: { schema: { type: "string", enum: ["none", "show_oldest", "show_newest"] }, default: "show_oldest" },
  video_sources: {
    schema: { type: "array", items: { type: "string", minLength: 1 }, rule: "must be an array of track names" },
    default: [],
  },
  video_sources_excluded: {
    schema: { type: "array", items: { type: "string", minLength: 1 }, rule: "must be an array of track names" },
    default: [],
  },
};

/** The hook's `Enabled` default (the spec's description states none): a new hook is active ([snippets]). */
export const HOOK_ENABLED_DEFAULT = true;

/**
 * [s3guide] The AwsS3Url forms in Twilio's material, all virtual-hosted https; the first is the one
 * the guide recommends, the last is us-east-1's. The spec's own example
 * `https://documentation-example-twilio-bucket/compositions` has no S3 host at all: we read it as
 * "bucket, then folder path", not a fourth form.
 */
export const S3_URL_FORMS = [
  "https://{bucket}.s3-{region}.amazonaws.com/{prefix}",
  "https://{bucket}.s3.{region}.amazonaws.com/{prefix}",
  "https://{bucket}.s3.amazonaws.com/{prefix}",
] as const;
/** [s3guide] An AWS region name as the URL forms carry it (e.g. us-east-1, ap-southeast-2); us-east-1 when the form has none. */
export const S3_REGION = { pattern: "[a-z]{2}(?:-[a-z]+)+-\\d", absent: "us-east-1" };
/** [rfc3986] The characters a URI path may hold: unreserved, sub-delims, ":", "@", "/" and %-escapes. */
export const URI_PATH_CHARACTERS = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-Fa-f]{2})*$/;

/** [s3naming] Amazon S3's rules for general purpose bucket names, in order: the first a name breaks is reported. */
export const BUCKET_NAME_RULES: readonly { breaks: (name: string) => boolean; rule: string }[] = [
  { breaks: (name) => name.length < 3 || name.length > 63, rule: "must be 3 to 63 characters long" },
  { breaks: (name) => /[^a-z0-9.-]/.test(name), rule: "may contain only lowercase letters, digits, dots and hyphens" },
  { breaks: (name) => /^[^a-z0-9]|[^a-z0-9]$/.test(name), rule: "must begin and end with a letter or digit" },
  { breaks: (name) => name.includes(".."), rule: "must not contain two adjacent dots" },
  { breaks: (name) => /^\d{1,3}(\.\d{1,3}){3}$/.test(name), rule: "must not be formatted as an IP address" },
];

/** [70106] The two halves of `Credentials=KEY:SECRET` Twilio checks a stored AWS credential against. */
export const AWS_CREDENTIAL_PARTS = [
  { part: "accessKeyId", pattern: /^[A-Z0-9]{20}$/, rule: "the AWS access key id must match [A-Z0-9]{20}" },
  { part: "secretAccessKey", pattern: /^[A-Za-z0-9/+=]{40}$/, rule: "the AWS secret access key must match [A-Za-z0-9/+=]{40}" },
] as const;

/**
 * [7010x] Twilio stores only RSA public keys of 2048 bits with exponent 65537, given as an X.509
 * (SubjectPublicKeyInfo) PEM whose BEGIN/END lines are optional. Checked in the order the error
 * pages describe: parse (70104), then each property below.
 */
export const PUBLIC_KEY_PARSE = { code: 70104, rule: "must be an X.509 PEM public key (-----BEGIN PUBLIC KEY-----) that parses" } as const;
export const PUBLIC_KEY_PROPERTIES = [
  { code: 70101, property: "asymmetricKeyType", expected: "rsa", rule: (got: unknown) => `must be an RSA key (got ${got})` },
  { code: 70102, property: "modulusLength", expected: 2048, rule: (got: unknown) => `must be a 2048-bit key (got ${got} bits)` },
  { code: 70103, property: "publicExponent", expected: 65537n, rule: (got: unknown) => `must have the public exponent 65537 (got ${got})` },
] as const;

/**
 * Accounts and Keys (API v2010) facts the v2010 spec does not state; the handlers in ../accounts2010
 * apply them, and docs/twilio-behaviour.md lists each with its source.
 * - Reach [subaccts]: main-account credentials reach the main account and its subaccounts; "you can not
 *   use a subaccount's credentials to access the resources of your main Twilio account or any other
 *   subaccounts". Twilio's answer is 20003 (401), whose causes list "Using subaccount credentials to
 *   access master account" [20003]; an account the caller may not reach answers the same whether or
 *   not it exists (our reading).
 * - Inactive accounts [20003]: "Account is suspended or closed" and "Attempted API Key has been
 *   deleted" are causes of 20003, so a suspended or closed account's auth token and keys, and a
 *   deleted key, authenticate no more; "if your main Twilio account is ever suspended, your
 *   subaccounts will also be suspended" [subaccts], so a subaccount of an inactive parent neither.
 * - API keys [accounts][keytypes][sdkthreads]: Standard keys (the only kind the API creates; the
 *   emulator's seeded keys are Standard too) may not use the Accounts and Keys resources: 20003.
 * - Status [statusguide][2xxxx]: only a subaccount's status changes ("you cannot suspend your main
 *   account": 21477), with the parent's credentials ("you must use your main account's
 *   authentication credentials": our answer to a subaccount changing its own status is 20003, an
 *   assumption); a value off the enum is 21475; a closed account takes no Status update (21479,
 *   "closed and can not be re-opened", our reading: closing it again too).
 * - Nesting [2xxxx]: "A subaccount cannot contain nested subaccounts" (21101).
 */
export const ACCOUNT_FACTS = {
  /** [subaccts] "A main account can only have up to 1000 subaccounts by default" (21480 past it; closed ones count, our assumption). */
  maxSubaccounts: 1000,
  /** Every account the emulator holds answers `type: "Full"` (upgraded; the enum is Trial|Full, our choice). */
  type: "Full",
  /** [answers] The name Twilio's console gives a new main account: the emulator's seeded main accounts carry it. */
  mainAccountFriendlyName: "My first Twilio account",
  /**
   * [answers] How Twilio fills the spec's default-name pattern `{YYYY-MM-DD HH:MM meridian}`: 07:46Z
   * became "00:46 AM", so US Pacific time, a 24-hour hour and an upper-case meridian.
   */
  defaultNameClock: { timeZone: "America/Los_Angeles", upperCaseMeridian: true },
} as const;

/**
 * [rooms] Room facts the Video spec leaves to its prose pages: 170 concurrent published tracks is
 * the limits page; the
 * 600 s minimum of MaxParticipantDuration and 128 characters of UniqueName are our assumption.
 * Timeouts default to 5 minutes ("Both ... are 5 minutes by default", status-callbacks page).
 */
export const ROOM_FACTS = {
  type: "group",
  enableTurn: true,
  maxConcurrentPublishedTracks: 170,
  minParticipantDuration: 600,
  uniqueNameMax: 128,
  emptyRoomTimeout: 5,
  unusedRoomTimeout: 5,
  videoCodecs: ["VP8"],
} as const;
/** [regions] Group room media regions; us1 when none is given. */
export const MEDIA_REGIONS = ["us1", "us2", "au1", "br1", "ie1", "jp1", "sg1", "in1", "de1", "gll"];
export const DEFAULT_MEDIA_REGION = "us1";

/** [rrec] Which codec goes in which container: audio OPUS/PCMU in .mka, video VP8/H264 in .mkv. */
export const RECORDING_FORMATS = {
  audio: { codecs: ["OPUS", "PCMU"], container: "mka" },
  video: { codecs: ["VP8", "H264"], container: "mkv" },
} as const;

/**
 * [rules] A recording/subscribe rule: `type` include|exclude and at least one filter (`all: true`,
 * `kind`, `publisher`, `track`); subscribe rules may carry `priority`. `all` together with another
 * filter is refused (our assumption: the docs show it alone).
 */
export const TRACK_RULE = {
  types: ["include", "exclude"],
  filters: ["all", "kind", "publisher", "track"],
  kinds: ["audio", "video", "data"],
  keys: { recording: ["type", "all", "kind", "publisher", "track"], subscribe: ["type", "all", "kind", "publisher", "track", "priority"] },
} as const;

/**
 * [media] Media v1 facts its spec does not state. MaxDuration and Ttl: the spec's descriptions give
 * the defaults and maxima, the minimum 1 is ours. Which status each
 * MediaProcessor ended_reason goes with is our assumption (the spec lists them without it); the
 * PlayerStreamer ones follow the ended reasons table.
 */
export const MEDIA_V1_FACTS = {
  secondsMinimum: 1,
  processorEndedReasons: {
    ended: ["ended-via-api", "max-duration-exceeded"],
    failed: ["error-loading-extension", "error-streaming-media", "internal-service-error"],
  },
  streamerEndedReasons: {
    ended: ["ended-via-api", "max-duration-exceeded", "stream-disconnected-by-source"],
    failed: ["unexpected-failure"],
  },
  /** Bytes per second of a completed MediaRecording (our assumption: 1 Mbit/s; no media is served). */
  recordingBytesPerSecond: 125_000,
} as const;
