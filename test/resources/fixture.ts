// Shared setup for resource tests over the real dynamic-provider host: an in-process emulator, a
// program folder holding this package, a host started in that folder and configured like a stack.
import { strict as assert } from "assert";
import { DEFAULT_ACCOUNT, startEmulator, type Emulator } from "../../emulator";
import { shimProvider } from "../../provider/resources/kit/shim";
import { makeProgramDir } from "../helpers/programDir";
import { dynamicUrn, startProviderHost, type ProviderHost, type PropertyBag } from "../helpers/providerHost";
import { serializeProvider } from "../helpers/serializeProvider";

export { withoutProvider } from "../helpers/serializeProvider";

export interface Fixture {
  emulator: Emulator;
  host: ProviderHost;
  dir: string;
  /** The auth token the host was configured with (to assert it never leaks). */
  token: string;
  /** The `__provider` text of each kind, exactly as a program would store it. */
  providerText(kind: string): Promise<string>;
  urn(kind: string, name: string): string;
  /** Inputs as the engine sends them: the given props plus `__provider`. */
  withProvider(kind: string, props: PropertyBag): Promise<PropertyBag>;
  /**
   * Direct, out-of-band call to the emulator as the default account (what a console user does).
   * The answer's JSON is taken to be a T (test/helpers/twilioConsole.ts has the shapes); undefined if empty.
   */
  twilio<T = unknown>(method: string, path: string, form?: Record<string, string | string[]>): Promise<{ status: number; body: T }>;
  /**
   * Another provider process configured like the first: what the engine starts for each CLI run
   * (e.g. the `pulumi destroy` after an `up`). The caller closes it.
   */
  newHost(): Promise<ProviderHost>;
  /** The Twilio calls logged since the last reset, as "METHOD /path". */
  calls(): string[];
  close(): Promise<void>;
}

export const ACCOUNT = DEFAULT_ACCOUNT;

export function stackConfig(emulatorUrl: string, account = DEFAULT_ACCOUNT): Record<string, string> {
  return {
    "twilio:accountSid": account.accountSid,
    "twilio:authToken": account.authToken,
    "twilio:endpoint": emulatorUrl,
  };
}

export async function startFixture(opts: { s3Endpoint?: string } = {}): Promise<Fixture> {
  const emulator = await startEmulator({ s3Endpoint: opts.s3Endpoint });
  const program = makeProgramDir();
  const newHost = async () => {
    const started = await startProviderHost({ cwd: program.dir });
    await started.configure(stackConfig(emulator.url));
    return started;
  };
  const host = await newHost();
  const texts = new Map<string, string>();
  const providerText = async (kind: string) => {
    if (!texts.has(kind)) texts.set(kind, await serializeProvider(shimProvider(kind)));
    return texts.get(kind)!;
  };
  const auth = "Basic " + Buffer.from(`${ACCOUNT.accountSid}:${ACCOUNT.authToken}`).toString("base64");
  return {
    emulator,
    host,
    dir: program.dir,
    token: ACCOUNT.authToken,
    providerText,
    urn: (kind, name) => dynamicUrn("test", "ptv", `twilio-video:${kind}`, name),
    withProvider: async (kind, props) => ({ ...props, __provider: await providerText(kind) }),
    async twilio<T>(method: string, path: string, form?: Record<string, string | string[]>) {
      const body = new URLSearchParams();
      for (const [k, v] of Object.entries(form ?? {})) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
      const res = await fetch(emulator.url + path, {
        method,
        headers: { authorization: auth, ...(form ? { "content-type": "application/x-www-form-urlencoded" } : {}) },
        body: form ? body.toString() : undefined,
      });
      const text = await res.text();
      const parsed: unknown = text ? JSON.parse(text) : undefined;
      return { status: res.status, body: parsed as T };
    },
    newHost,
    calls: () => emulator.log.entries().map((e) => `${e.method} ${e.path}`),
    async close() {
      await host.close();
      await emulator.close();
      program.cleanup();
    },
  };
}

/**
 * Mocha hooks for a suite sharing one fixture: started before it, closed after it, with a clean
 * emulator (objects, faults, log) before each test. `use` receives the fixture once it is up.
 */
export function useFixture(use: (fx: Fixture) => void, opts: { s3Endpoint?: string } = {}): void {
  let fx: Fixture | undefined;
  before(async () => {
    fx = await startFixture(opts);
    use(fx);
  });
  after(async () => {
    await fx?.close();
  });
  beforeEach(() => fx?.emulator.reset());
}

/**
 * check and create of one resource the way the engine sends them (inputs carry `__provider`):
 * `checked` and `create` fail the test if check reports any failure.
 */
export function resourceOps(fx: Fixture, kind: string, opts: { name?: string; host?: ProviderHost } = {}) {
  const urn = fx.urn(kind, opts.name ?? kind.toLowerCase());
  const host = () => opts.host ?? fx.host;
  const check = async (news: PropertyBag) => host().check(urn, {}, await fx.withProvider(kind, news));
  const checked = async (news: PropertyBag) => {
    const res = await check(news);
    assert.deepEqual(res.failures, []);
    return res.inputs;
  };
  const create = async (news: PropertyBag) => {
    const inputs = await checked(news);
    return { inputs, created: await host().create(urn, inputs) };
  };
  return { urn, check, checked, create };
}
