/**
 * Twilio's published OpenAPI documents, as checked into ../spec (see its README): the emulator
 * reads required parameters, enums, SID patterns, bounds and the limits the descriptions state
 * from them, stripe-mock style, instead of keeping its own copies. A fact the emulator relies on
 * that a document does not state throws when the module loads, so a spec update cannot silently
 * change a rule.
 */
import accountsV1 from "../spec/twilio_accounts_v1.json";
import api2010 from "../spec/twilio_api_v2010.json";
import mediaV1 from "../spec/twilio_media_v1.json";
import videoV1 from "../spec/twilio_video_v1.json";

export interface Schema {
  type?: string;
  format?: string;
  enum?: string[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  items?: Schema;
  $ref?: string;
  description?: string;
}

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema: Schema;
  description?: string;
}

interface OperationObject {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: { required?: string[]; properties: Record<string, Schema> } }> };
  responses?: Record<string, { content?: Record<string, { examples?: Record<string, { value: unknown }> }> }>;
}

interface Document {
  info: { title: string };
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, Schema> };
}

/** The four documents the emulator serves: Video v1, Accounts v1, Media v1, API v2010 (Accounts and Keys). */
export const DOCUMENTS = {
  video: videoV1 as unknown as Document,
  accounts: accountsV1 as unknown as Document,
  media: mediaV1 as unknown as Document,
  api2010: api2010 as unknown as Document,
};
export type ApiName = keyof typeof DOCUMENTS;

/** One operation of a document: its path, query and form parameters, with `$ref`s resolved. */
export class Operation {
  private readonly params = new Map<string, { schema: Schema; required: boolean; description: string }>();

  constructor(
    private readonly doc: Document,
    readonly id: string,
    operation: OperationObject,
  ) {
    for (const p of operation.parameters ?? []) {
      this.params.set(p.name, { schema: this.resolve(p.schema), required: p.required === true, description: p.description ?? "" });
    }
    const form = operation.requestBody?.content["application/x-www-form-urlencoded"]?.schema;
    for (const [name, schema] of Object.entries(form?.properties ?? {})) {
      this.params.set(name, {
        schema: this.resolve(schema),
        required: form?.required?.includes(name) ?? false,
        description: schema.description ?? "",
      });
    }
  }

  private resolve(schema: Schema): Schema {
    const resolved = schema.$ref ? { ...this.doc.components.schemas[schema.$ref.replace("#/components/schemas/", "")], ...schema } : schema;
    return resolved.items ? { ...resolved, items: this.resolve(resolved.items) } : resolved;
  }

  private param(name: string) {
    const found = this.params.get(name);
    if (!found) throw new Error(`${this.id} has no parameter ${name} in ${this.doc.info.title}`);
    return found;
  }

  schema(name: string): Schema {
    return this.param(name).schema;
  }

  /** Every parameter's name (path, query and form), in the spec's order. */
  names(): string[] {
    return [...this.params.keys()];
  }

  /** The parameters the spec marks required (path parameters included). */
  required(): string[] {
    return [...this.params].filter(([, p]) => p.required).map(([name]) => name);
  }

  /** A parameter's enum (an array's item enum). */
  enum<T extends string = string>(name: string): readonly T[] {
    const schema = this.schema(name);
    const values = schema.enum ?? schema.items?.enum;
    if (!values) throw new Error(`${this.id}.${name} has no enum`);
    return values as T[];
  }

  /** A parameter's `pattern` (an array's item pattern), e.g. ^CR[0-9a-fA-F]{32}$. */
  pattern(name: string): RegExp {
    const schema = this.schema(name);
    const source = schema.pattern ?? schema.items?.pattern;
    if (!source) throw new Error(`${this.id}.${name} has no pattern`);
    return new RegExp(source);
  }

  /** The description of a parameter, where Twilio states limits in prose. */
  description(name: string): string {
    return this.param(name).description;
  }

  /**
   * Numbers the description states, read with `phrase` (its capture groups are the numbers,
   * thousands separators allowed): e.g. /up to\s+(\d+) characters/ -> [100].
   */
  stated(name: string, phrase: RegExp): number[] {
    const match = phrase.exec(this.description(name));
    if (!match) throw new Error(`${this.id}.${name}: the description no longer says ${phrase}`);
    return match.slice(1).map((n) => Number(n.replace(/,/g, "")));
  }
}

const METHODS = ["get", "post", "delete"];

function findOperation(api: ApiName, operationId: string): OperationObject {
  for (const item of Object.values(DOCUMENTS[api].paths)) {
    for (const method of METHODS) {
      const op = item[method] as OperationObject | undefined;
      if (op?.operationId === operationId) return op;
    }
  }
  throw new Error(`${DOCUMENTS[api].info.title} has no operation ${operationId}`);
}

/** The operation with this operationId (e.g. CreateCompositionHook) in a document. */
export function operation(api: ApiName, operationId: string): Operation {
  return new Operation(DOCUMENTS[api], operationId, findOperation(api, operationId));
}

/** The first example answer of an operation's `status` response (Twilio's illustration of its shape). */
export function responseExample(api: ApiName, operationId: string, status: string): Record<string, unknown> {
  const content = findOperation(api, operationId).responses?.[status]?.content?.["application/json"];
  const example = Object.values(content?.examples ?? {})[0]?.value;
  if (typeof example !== "object" || example === null) throw new Error(`${operationId} has no ${status} example`);
  return example as Record<string, unknown>;
}

/** The values of a named enum schema, e.g. room_enum_room_status. */
export function enumSchema<T extends string = string>(api: ApiName, name: string): readonly T[] {
  const values = DOCUMENTS[api].components.schemas[name]?.enum;
  if (!values) throw new Error(`${DOCUMENTS[api].info.title} has no enum schema ${name}`);
  return values as T[];
}

/** A resource schema's property, e.g. (api.v2010.account, friendly_name). */
export function propertySchema(api: ApiName, schema: string, property: string): Schema {
  const found = (DOCUMENTS[api].components.schemas[schema] as { properties?: Record<string, Schema> } | undefined)?.properties?.[property];
  if (!found) throw new Error(`${DOCUMENTS[api].info.title} has no property ${schema}.${property}`);
  return found;
}

/** The pattern of a resource schema's property, e.g. (video.v1.room.room_participant, sid). */
export function propertyPattern(api: ApiName, schema: string, property: string): RegExp {
  const source = propertySchema(api, schema, property).pattern;
  if (!source) throw new Error(`${DOCUMENTS[api].info.title} ${schema}.${property} has no pattern`);
  return new RegExp(source);
}
