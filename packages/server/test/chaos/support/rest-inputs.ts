/**
 * fast-check arbitraries of REST inputs, generated from Confab's OpenAPI document and operation
 * table: for every operation, values its parameters and form fields accept (real SIDs from a pool
 * where a resource is named), and mutations of them: wrong types, huge strings, any unicode,
 * missing required fields, unknown, dotted and repeated keys, bad SIDs, bad JSON attributes,
 * bodies that are not forms at all.
 */
import { operations } from "@confab/protocol";
import fc from "fast-check";
import { formSchemaOf, parametersOf, type Schema } from "../../support/openapi-schemas.js";
import { SID_PREFIX_OF_PARAMETER, sidPrefixFor } from "../../support/sids.js";

export type OperationId = keyof typeof operations;
export const operationIds = Object.keys(operations) as OperationId[];

/** Real SIDs (or unique names) by SID prefix, so valid inputs reach existing resources. */
export type SidPool = Record<string, string[]>;

/** A field value as the socket carries it (a string as HTTP would, or a JSON number or boolean), or a repeated field. */
export type FieldValue = string | number | boolean | (string | number | boolean)[];

/** One generated call of an operation, before it is put on a transport. */
export type RestInput = {
  operation: OperationId;
  /** Path parameters by name, and whether each is sent percent-encoded. */
  path: Record<string, { value: string; raw: boolean }>;
  query: [string, FieldValue][];
  headers: Record<string, string>;
  /** A form as fields, or a raw body with its content type. */
  body: { form: [string, FieldValue][] } | { raw: string; contentType: string | null } | null;
  caller: "account" | "user" | "none" | "wrong";
};

const HEX = "0123456789abcdef";
const hex32 = fc.string({ unit: fc.constantFrom(...HEX), minLength: 32, maxLength: 32 });

/** Values no schema accepts in most places: wrong types, overflow, empty, injection-looking text. */
const wrongScalar = fc.constantFrom(
  "",
  "x",
  "-1",
  "0",
  "1.5",
  "1e309",
  "NaN",
  "Infinity",
  "null",
  "undefined",
  "true",
  "maybe",
  "[]",
  "{}",
  "99999999999999999999999999",
  "-99999999999999999999999999",
  "2021-02-30T00:00:00Z",
  "yesterday",
  "PT",
  "{bad",
  '{"a":',
  '"just a string"',
  "<script>alert(1)</script>",
  "'; DROP TABLE records; --",
  "../../etc/passwd",
  "%00",
  "\u0000",
  "\uD800",
  "😀".repeat(50),
  "ZZ00000000000000000000000000000000",
  "CH0000000000000000000000000000000",
  "CHzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz",
  "mailto:",
  "javascript:alert(1)",
);

/** A long string, past every maxLength and the 16 KB header limit (mostly one byte a character, to keep the run fast). */
const hugeString = fc
  .tuple(fc.constantFrom("x", "x", "x", "é", "a.b", "😀", "\u0000"), fc.integer({ min: 1000, max: 40_000 }))
  .map(([c, n]) => c.repeat(n));

/** A body past the server's size limit. */
const OVERSIZED = "x".repeat(1_100_000);

const anyString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
);

/** A value that is wrong for most schemas. */
export const badValue: fc.Arbitrary<string> = fc.oneof(
  { weight: 12, arbitrary: wrongScalar },
  { weight: 6, arbitrary: anyString },
  { weight: 1, arbitrary: hugeString },
);

/** A value the schema accepts (as strings, the way a form carries them). */
function validValue(schema: Schema, pool: SidPool): fc.Arbitrary<string> {
  if (schema.enum) {
    const values = (schema.enum as unknown[]).map(String);
    return schema["x-confab-case-insensitive"]
      ? fc.constantFrom(...values, ...values.map((v) => v.toUpperCase()))
      : fc.constantFrom(...values);
  }
  if (schema.type === "boolean") return fc.constantFrom("true", "false", "True", "FALSE");
  if (schema.type === "integer" || schema.type === "number") {
    return fc.integer({ min: schema.minimum ?? 0, max: Math.min(schema.maximum ?? 1000, 2 ** 31) }).map(String);
  }
  if (schema.format === "date-time") {
    return fc.date({ min: new Date("2000-01-01"), max: new Date("2100-01-01"), noInvalidDate: true }).map((d) => d.toISOString());
  }
  // Port 9 refuses at once: a webhook pointed there fails fast instead of reaching out.
  if (schema.format === "uri") return fc.constantFrom("http://127.0.0.1:9/hook", "https://127.0.0.1:9/a?b=c");
  if (schema.format === "duration") return fc.constantFrom("PT10M", "P1D", "PT1H30M", "P2W");
  if (schema.format === "json") return fc.oneof(fc.json({ maxDepth: 2 }), fc.constant("{}"));
  if (typeof schema.pattern === "string") {
    const sid = /^\^([A-Z]{2})\[0-9a-fA-F\]\{32\}\$$/.exec(schema.pattern);
    if (sid) return sidOf(sid[1] as string, pool);
    return fc.stringMatching(new RegExp(schema.pattern));
  }
  const maxLength = Math.min(schema.maxLength ?? 40, 40);
  return fc.string({ minLength: Math.min(schema.minLength ?? 0, maxLength), maxLength });
}

/** A SID of the prefix: a real one from the pool most of the time, else well-formed but unknown. */
function sidOf(prefix: string, pool: SidPool): fc.Arbitrary<string> {
  const real = pool[prefix] ?? [];
  const unknown = hex32.map((h) => `${prefix}${h}`);
  return real.length > 0 ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...real) }, { weight: 1, arbitrary: unknown }) : unknown;
}

/** A path parameter: a real or unknown SID, or a bad one, percent-encoded or (rarely) raw. */
function pathValue(operation: OperationId, name: string, pool: SidPool): fc.Arbitrary<{ value: string; raw: boolean }> {
  const prefix = name === "Sid" ? sidPrefixFor(operation) : (SID_PREFIX_OF_PARAMETER[name] ?? "XX");
  // A delete with a real SID would remove the resources the other inputs aim at.
  const good = operations[operation].method === "DELETE" ? sidOf(prefix, {}) : sidOf(prefix, pool);
  return fc.record({
    value: fc.oneof(
      { weight: 6, arbitrary: good },
      { weight: 3, arbitrary: badValue },
      { weight: 1, arbitrary: fc.constantFrom("..", ".", "%", "%2F", "a/b") },
    ),
    raw: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
  });
}

/** Field values, some valid for their schema and some not, as a list of (name, value) with repeats. */
function fields(
  schemas: { name: string; schema: Schema; required: boolean }[],
  pool: SidPool,
  mutate: boolean,
): fc.Arbitrary<[string, FieldValue][]> {
  const knownNames = schemas.map((s) => s.name);
  const entries = schemas.map(({ name, schema, required }) => {
    const item = schema.type === "array" ? (schema.items as Schema) : schema;
    const good =
      schema.type === "array" ? fc.array(validValue(item ?? {}, pool), { minLength: 1, maxLength: 3 }) : validValue(schema, pool);
    const value: fc.Arbitrary<FieldValue> = mutate
      ? fc.oneof(
          { weight: 3, arbitrary: good },
          { weight: 2, arbitrary: badValue },
          { weight: 1, arbitrary: fc.array(fc.oneof(good.map(String), badValue), { minLength: 2, maxLength: 3 }) },
          { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.boolean()) },
        )
      : good;
    // Required fields are there unless mutated away; optional ones now and then.
    const present = required ? (mutate ? fc.integer({ min: 0, max: 4 }).map((n) => n > 0) : fc.constant(true)) : fc.boolean();
    return fc.tuple(present, value).map(([p, v]) => (p ? ([[name, v]] as [string, FieldValue][]) : []));
  });
  const extraKey = fc.oneof(
    fc.constantFrom(
      "Foo",
      "",
      "__proto__",
      "constructor",
      "prototype",
      "Attributes.x",
      "Timers..Inactive",
      "Body[]",
      "a.b.c",
      "Sid",
      "AccountSid",
    ),
    knownNames.length > 0 ? fc.constantFrom(...knownNames.map((n) => `${n}.Extra`), ...knownNames) : fc.constant("X"),
    anyString,
  );
  const extras = mutate ? fc.array(fc.tuple(extraKey, badValue), { maxLength: 3 }) : fc.constant([] as [string, string][]);
  return fc.tuple(fc.tuple(...entries), extras).map(([chosen, extra]) => [...chosen.flat(), ...extra]);
}

/** A raw body that is not the form the operation expects. */
const rawBody = fc.record({
  raw: fc.oneof(
    fc.string({ unit: "binary", maxLength: 200 }),
    fc.json({ maxDepth: 3 }),
    hugeString,
    fc.constant(OVERSIZED),
    fc.constantFrom("%", "a=%zz", "=&=&&", "Body", "Body=%E0%A4%A", "a=1&a=2&a=3"),
  ),
  contentType: fc.constantFrom(
    "application/x-www-form-urlencoded",
    "application/json",
    "text/plain",
    "multipart/form-data; boundary=x",
    null,
  ),
});

/** Every generated input of one operation. */
function inputOf(operation: OperationId, pool: SidPool): fc.Arbitrary<RestInput> {
  const entry = operations[operation];
  const params = parametersOf(operation);
  const query = params.filter((p) => p.in === "query").map((p) => ({ name: p.name, schema: p.schema, required: p.required === true }));
  const form = formSchemaOf(operation);
  const formFields = Object.entries<Schema>(form?.properties ?? {}).map(([name, schema]) => ({
    name,
    schema,
    required: ((form?.required ?? []) as string[]).includes(name),
  }));
  const path = fc.record(
    Object.fromEntries(entry.pathParams.map((name: string) => [name, pathValue(operation, name, pool)])) as Record<
      string,
      fc.Arbitrary<{ value: string; raw: boolean }>
    >,
  );
  return fc.boolean().chain((mutate) =>
    fc.record({
      operation: fc.constant(operation),
      path,
      query: fields(query, pool, mutate),
      headers: entry.headerParams.length
        ? fc.option(fc.record({ "X-Twilio-Webhook-Enabled": fc.oneof(fc.constantFrom("true", "false"), badValue.filter(isHeaderSafe)) }), {
            nil: {} as Record<string, string>,
          })
        : fc.constant({} as Record<string, string>),
      body:
        entry.body === "form"
          ? mutate
            ? fc.oneof(
                { weight: 5, arbitrary: fields(formFields, pool, true).map((f) => ({ form: f })) },
                { weight: 1, arbitrary: rawBody },
              )
            : fields(formFields, pool, false).map((f) => ({ form: f }))
          : entry.body
            ? rawBody
            : fc.constant(null),
      caller: fc.constantFrom("account", "account", "account", "user", "none", "wrong"),
    }),
  );
}

/** A header value Node's fetch will send (no control characters or non-latin1). */
function isHeaderSafe(value: string): boolean {
  return value.length < 1000 && /^[\x20-\x7e]*$/.test(value);
}

/** Inputs across every operation of the spec (the media upload, streamed, is left to the media tests). */
export function restInput(pool: SidPool): fc.Arbitrary<RestInput> {
  return fc.oneof(...operationIds.filter((id) => operations[id].body !== "binary").map((id) => inputOf(id, pool)));
}

/** The URL path and query of an input. */
export function urlOf(input: RestInput): string {
  const entry = operations[input.operation];
  const path = entry.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const part = input.path[name] ?? { value: "", raw: false };
    return part.raw ? part.value : percentEncode(part.value);
  });
  const query = encodeFields(input.query);
  return query ? `${path}?${query}` : path;
}

/** encodeURIComponent, with lone surrogates (which it refuses) sent as U+FFFD, as a browser does. */
function percentEncode(value: string): string {
  return encodeURIComponent(value.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD"));
}

/** Fields as a form or query string, a repeated field repeated. */
export function encodeFields(list: [string, FieldValue][]): string {
  const params = new URLSearchParams();
  for (const [name, value] of list) for (const v of Array.isArray(value) ? value : [value]) params.append(name, String(v));
  return params.toString();
}
