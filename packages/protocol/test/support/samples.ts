/**
 * Builds a valid sample and an invalid one for any schema of the bundled spec, so the test can
 * run every generated validator without a hand-written fixture per operation.
 */
import openapi from "../../src/generated/openapi.json" with { type: "json" };

type Schema = Record<string, unknown> & { $ref?: string };

const documents: Record<string, unknown> = { "openapi.json": openapi };

export function registerDocument(id: string, doc: unknown): void {
  documents[id] = doc;
}

/** Resolves `doc.json#/pointer` (or a local `#/pointer` within `base`). */
export function resolveRef(ref: string, base = "openapi.json"): { schema: Schema; base: string } {
  const [docId = "", pointer = ""] = ref.split("#");
  const id = docId || base;
  const node = pointer
    .split("/")
    .filter(Boolean)
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce<unknown>((acc, key) => (acc as Record<string, unknown>)?.[key], documents[id]);
  if (!node) throw new Error(`Cannot resolve ${ref}`);
  return { schema: node as Schema, base: id };
}

function deref(schema: Schema, base: string): { schema: Schema; base: string } {
  let current = { schema, base };
  while (typeof current.schema.$ref === "string") current = resolveRef(current.schema.$ref, current.base);
  return current;
}

function sidFromPattern(pattern: string): string | undefined {
  const m = /^\^([A-Za-z]{2})\[0-9a-fA-F\]\{32\}\$$/.exec(pattern);
  if (m) return `${m[1]}${"0123456789abcdef".repeat(2)}`;
  if (pattern === "^[a-zA-Z]{2}[0-9a-fA-F]{32}$") return `XX${"0123456789abcdef".repeat(2)}`;
  return undefined;
}

/** A string the pattern accepts, found among simple candidates (runs of one character). */
function stringForPattern(pattern: string): string | undefined {
  const re = new RegExp(pattern, "u");
  for (const unit of ["a", "A", "1", "a1"]) {
    for (let n = 1; n <= 64; n++) {
      const candidate = unit.repeat(n);
      if (re.test(candidate)) return candidate;
    }
  }
  return undefined;
}

const FORMAT_SAMPLES: Record<string, string> = {
  "date-time": "2020-01-02T03:04:05Z",
  date: "2020-01-02",
  uri: "http://127.0.0.1:4000/v1/x",
  json: '{"a":1}',
  duration: "PT5M",
};

/** A value that satisfies the schema. */
export function validSample(input: Schema, base = "openapi.json", depth = 0): unknown {
  const { schema, base: b } = deref(input, base);
  if (depth > 12) return null;
  if ("const" in schema) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum.find((v) => v !== null) ?? schema.enum[0];
  const variants = (schema.oneOf ?? schema.anyOf) as Schema[] | undefined;
  if (variants) {
    const nonNull = variants.find((v) => deref(v, b).schema.type !== "null") ?? variants[0];
    return validSample(nonNull as Schema, b, depth + 1);
  }
  if (Array.isArray(schema.allOf)) {
    return Object.assign({}, ...schema.allOf.map((s) => validSample(s as Schema, b, depth + 1) as object));
  }
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  const type = types.find((t) => t && t !== "null") ?? (schema.properties ? "object" : types[0]);
  switch (type) {
    case "string": {
      if (typeof schema.pattern === "string") {
        const sid = sidFromPattern(schema.pattern);
        if (sid) return sid;
        const fitting = stringForPattern(schema.pattern);
        if (fitting !== undefined) return fitting;
      }
      if (typeof schema.format === "string" && FORMAT_SAMPLES[schema.format]) return FORMAT_SAMPLES[schema.format];
      return "x".repeat(Math.max(1, Number(schema.minLength ?? 1)));
    }
    case "integer":
    case "number":
      return typeof schema.minimum === "number" ? schema.minimum : 1;
    case "boolean":
      return true;
    case "array":
      return Array.from({ length: Math.max(1, Number(schema.minItems ?? 1)) }, () =>
        validSample((schema.items ?? {}) as Schema, b, depth + 1),
      );
    case "null":
      return null;
    case "object":
    case undefined: {
      const out: Record<string, unknown> = {};
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      // A `not` (e.g. "body and error never together") may forbid some combination of optional
      // properties; the required ones alone are then the safe valid sample.
      const required = new Set((schema.required ?? []) as string[]);
      for (const [name, prop] of Object.entries(properties)) {
        if (schema.not && !required.has(name)) continue;
        out[name] = validSample(prop, b, depth + 1);
      }
      return out;
    }
    default:
      return null;
  }
}

/**
 * A value the schema must reject, and why: a required property left out, or a property given a
 * value of a kind no coercion can turn into the right one; else a non-object.
 */
export function invalidSample(input: Schema, base = "openapi.json"): { value: unknown; why: string } {
  const { schema, base: b } = deref(input, base);
  const good = validSample(schema, b);
  const required = (schema.required ?? []) as string[];
  if (good && typeof good === "object" && !Array.isArray(good)) {
    if (required.length > 0) {
      const name = required[0] as string;
      const { [name]: _dropped, ...rest } = good as Record<string, unknown>;
      return { value: rest, why: `without required ${name}` };
    }
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    for (const [name, prop] of Object.entries(properties)) {
      const resolved = deref(prop, b).schema;
      const types = Array.isArray(resolved.type) ? resolved.type : [resolved.type];
      if (types.includes("object") || resolved.oneOf || resolved.anyOf || !resolved.type) continue;
      return { value: { ...(good as object), [name]: { not: "this" } }, why: `${name} given an object` };
    }
  }
  if (schema.type === "object" || schema.properties) return { value: "not an object", why: "a string for an object" };
  return { value: { not: "this" }, why: "an object for a scalar" };
}
