import type * as pulumi from "@pulumi/pulumi";

/** The package entry the shim loads at run time; see provider/runtime.ts for its contract. */
export const RUNTIME_MODULE = "pulumi-twilio-video/runtime";

/**
 * The provider that `pulumi.dynamic.Resource` serializes into state. It captures two strings and
 * nothing else (no zod, no client, no config, no secret): every method requires the installed
 * package from the program's directory and delegates, so the stored text keeps working in a fresh
 * process, from another checkout, and after the package is upgraded.
 */
export function shimProvider(kind: string): pulumi.dynamic.ResourceProvider {
  const M = RUNTIME_MODULE;
  const load = () => {
    try {
      return require(M);
    } catch (e) {
      const err = e as { code?: string; message?: string };
      if (err.code === "MODULE_NOT_FOUND" && String(err.message).includes(M)) {
        throw new Error(`${M} cannot be loaded from ${process.cwd()}: run 'npm install pulumi-twilio-video' in the program's directory`);
      }
      throw e;
    }
  };
  return {
    configure: (req) => load().configure(kind, req),
    check: (olds, news) => load().invoke(kind, "check", [olds, news]),
    diff: (id, olds, news) => load().invoke(kind, "diff", [id, olds, news]),
    create: (inputs) => load().invoke(kind, "create", [inputs]),
    read: (id, props) => load().invoke(kind, "read", [id, props]),
    update: (id, olds, news) => load().invoke(kind, "update", [id, olds, news]),
    delete: (id, props) => load().invoke(kind, "delete", [id, props]),
  };
}
