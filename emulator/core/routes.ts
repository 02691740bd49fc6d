/**
 * The URL tables. Every route, API or admin, is a path template such as
 * `/v1/CompositionHooks/{Sid}`, compiled once when its part registers it; a `{Name}` is one path
 * segment, percent-decoded. Parts register their routes with the core (see ../core/server.ts).
 */
import type { Handler } from "./context";
import { EmulatorError, ERROR_CODES } from "./errors";

export type Method = "GET" | "POST" | "DELETE";
export type Methods<H> = Partial<Record<Method, H>>;

interface CompiledRoute<H> {
  template: string;
  pattern: RegExp;
  methods: Methods<H>;
}

export interface RouteMatch<H> {
  template: string;
  methods: Methods<H>;
  /** The `{...}` segments of the template, in order, decoded. */
  pathParams: string[];
}

/**
 * `/v1/Rooms/{RoomSid}/Participants` -> /^\/v1\/Rooms\/([^/]+)\/Participants$/. A `{Name}` matches
 * one path segment, or `segments[Name]` (a regex source) where given.
 */
export function compileTemplate(template: string, segments: Record<string, string> = {}): RegExp {
  const source = template
    .split(/(\{\w+\})/)
    .map((part) => {
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      return name ? `(${segments[name] ?? "[^/]+"})` : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    })
    .join("");
  return new RegExp(`^${source}$`);
}

export class RouteTable<H> {
  private readonly routes: CompiledRoute<H>[] = [];

  add(template: string, methods: Methods<H>): this {
    if (this.routes.some((r) => r.template === template)) throw new Error(`route ${template} is registered twice`);
    this.routes.push({ template, pattern: compileTemplate(template), methods });
    return this;
  }

  /** The route whose template matches `path`, or undefined. A segment that is not valid percent-encoding names nothing: 404. */
  match(path: string): RouteMatch<H> | undefined {
    for (const route of this.routes) {
      const captures = route.pattern.exec(path);
      if (captures)
        return { template: route.template, methods: route.methods, pathParams: captures.slice(1).map((s) => decodeSegment(s, path)) };
    }
    return undefined;
  }
}

function decodeSegment(segment: string, path: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw EmulatorError.notFound(path);
  }
}

/** The REST API's table: 404 for an unknown path, 405 (with Allow) for a known path and another method. */
export class ApiRoutes extends RouteTable<Handler> {
  route(method: string, path: string): { handler: Handler; pathParams: string[] } {
    const found = this.match(path);
    if (!found) throw EmulatorError.notFound(path);
    const handler = found.methods[method as Method];
    if (!handler) {
      throw new EmulatorError(405, ERROR_CODES.methodNotAllowed, `Method ${method} is not allowed on ${path}`, {
        Allow: Object.keys(found.methods).join(", "),
      });
    }
    return { handler, pathParams: found.pathParams };
  }
}
