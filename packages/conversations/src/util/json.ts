/** A JSON value, as attributes are. */
export type JSONValue = null | string | number | boolean | JSONObject | JSONArray;
/** A JSON object. */
export type JSONObject = { [x: string]: JSONValue };
/** A JSON array. */
export type JSONArray = JSONValue[];

/**
 * Attributes travel as JSON strings; Twilio's SDK parses them and turns a malformed string into
 * `{}` (with a warning) rather than failing the whole object.
 */
export function parseAttributes(raw: string | null | undefined, what: string): JSONValue {
  if (raw === null || raw === undefined || raw === "") return {};
  try {
    return JSON.parse(raw) as JSONValue;
  } catch {
    console.warn(`Retrieved malformed attributes from the server for ${what}: ${raw}`);
    return {};
  }
}

/** Whether a value survives JSON.stringify as itself (what `attributes` arguments must be). */
export function isJsonValue(value: unknown): value is JSONValue {
  if (value === null) return true;
  switch (typeof value) {
    case "string":
    case "boolean":
      return true;
    case "number":
      return Number.isFinite(value);
    case "object":
      if (Array.isArray(value)) return value.every(isJsonValue);
      if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return false;
      return Object.values(value as object).every(isJsonValue);
    default:
      return false;
  }
}

/** Deep equality of two JSON values, to tell whether attributes really changed. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
