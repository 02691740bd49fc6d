// JS values <-> google.protobuf.Struct, the wire form of every property bag the engine and a
// provider exchange. Written by hand (not Struct.fromJavaScript) so that `undefined` is dropped the
// way the engine drops absent properties instead of failing with "Unexpected struct type.".
import { ListValue, NullValue, Struct, Value } from "google-protobuf/google/protobuf/struct_pb";

/** A property bag could not be put on the wire (a function, symbol, bigint, class instance...). */
export class StructConversionError extends Error {
  constructor(
    readonly path: string,
    readonly kind: string,
  ) {
    super(`cannot send ${kind} at ${path || "<root>"} as a google.protobuf.Value`);
    this.name = "StructConversionError";
  }
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function toValue(value: unknown, path: string): Value {
  const out = new Value();
  if (value === null) return out.setNullValue(NullValue.NULL_VALUE);
  switch (typeof value) {
    case "string":
      return out.setStringValue(value);
    case "number":
      return out.setNumberValue(value);
    case "boolean":
      return out.setBoolValue(value);
    case "object":
      if (Array.isArray(value)) return out.setListValue(toListValue(value, path));
      if (isPlainObject(value)) return out.setStructValue(toStruct(value, path));
      throw new StructConversionError(path, `an instance of ${value.constructor?.name ?? "?"}`);
    default:
      throw new StructConversionError(path, typeof value);
  }
}

function toListValue(values: unknown[], path: string): ListValue {
  // Like JSON.stringify, an undefined array slot becomes null so indexes do not shift.
  return new ListValue().setValuesList(values.map((v, i) => toValue(v === undefined ? null : v, `${path}[${i}]`)));
}

/** Converts a plain object to a Struct; keys whose value is `undefined` are left out. */
export function toStruct(bag: Record<string, unknown>, path = ""): Struct {
  const struct = new Struct();
  const fields = struct.getFieldsMap();
  for (const [key, value] of Object.entries(bag)) {
    if (value === undefined) continue;
    fields.set(key, toValue(value, path ? `${path}.${key}` : key));
  }
  return struct;
}

function fromValue(value: Value): unknown {
  switch (value.getKindCase()) {
    case Value.KindCase.NULL_VALUE:
      return null;
    case Value.KindCase.NUMBER_VALUE:
      return value.getNumberValue();
    case Value.KindCase.STRING_VALUE:
      return value.getStringValue();
    case Value.KindCase.BOOL_VALUE:
      return value.getBoolValue();
    case Value.KindCase.STRUCT_VALUE:
      return fromStruct(value.getStructValue());
    case Value.KindCase.LIST_VALUE:
      return (value.getListValue()?.getValuesList() ?? []).map(fromValue);
    default:
      // KIND_NOT_SET: protobuf's own toJavaScript also maps it to null.
      return null;
  }
}

/** Converts a Struct (or its absence) back to a plain object. */
export function fromStruct(struct: Struct | undefined): Record<string, unknown> {
  const bag: Record<string, unknown> = {};
  if (!struct) return bag;
  struct.getFieldsMap().forEach((value, key) => {
    bag[key] = fromValue(value);
  });
  return bag;
}
