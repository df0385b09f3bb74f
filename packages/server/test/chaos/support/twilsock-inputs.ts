/**
 * fast-check arbitraries of twilsock input (spec/asyncapi/twilsock.yaml): frames with the headers
 * the spec defines (init, update, message, telemetry.v1, close, reply) valid and mutated, tunnelled
 * requests for every path and method of the client API's spec (spec/openapi-compat) with real and
 * bad SIDs and generated or garbage bodies, and raw bytes that are not frames: wrong magic,
 * truncated preambles, header lengths and payload sizes that lie, headers that are not JSON.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import fc from "fast-check";
import { encodeFrame } from "../../../src/twilsock/framing.js";
import { badValue, type SidPool } from "./rest-inputs.js";

/** The client API's spec, as generated into the protocol package from spec/openapi-compat. */
const compat = JSON.parse(readFileSync(resolve(import.meta.dirname, "../../../../protocol/src/generated/compat-openapi.json"), "utf8")) as {
  paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: Record<string, any> }> } }>>;
  components?: Record<string, any>;
};

/** Replaced by the harness with a fresh frame id, so a reply can be matched to its input. */
export const FRESH = "\u0000fresh";

/** One thing sent on the twilsock socket: a frame built from a header and payload, or raw bytes. */
export type TwilsockInput =
  | { kind: "frame"; header: Record<string, unknown>; payload?: unknown }
  | { kind: "raw"; bytes: Uint8Array | string };

function deref(node: Record<string, any> | undefined): Record<string, any> | undefined {
  let current = node;
  while (current?.$ref)
    current = (current.$ref as string)
      .slice(2)
      .split("/")
      .reduce((acc: Record<string, any>, k: string) => acc?.[k], compat);
  return current;
}

/** A JSON value for a schema: mostly what it describes, sometimes anything at all. */
function jsonOf(schema: Record<string, any> | undefined, depth = 0): fc.Arbitrary<unknown> {
  const s = deref(schema) ?? {};
  const anything = fc.oneof(badValue, fc.integer(), fc.boolean(), fc.constant(null), fc.jsonValue({ maxDepth: 2 }));
  let good: fc.Arbitrary<unknown>;
  if (s.type === "object" && s.properties && depth < 3) {
    const props = Object.fromEntries(Object.entries<Record<string, any>>(s.properties).map(([k, v]) => [k, jsonOf(v, depth + 1)]));
    good = fc.record(props, { requiredKeys: [] });
  } else if (s.type === "array") good = fc.array(jsonOf(s.items, depth + 1), { maxLength: 3 });
  else if (s.enum) good = fc.constantFrom(...(s.enum as unknown[]));
  else if (s.type === "integer" || s.type === "number") good = fc.integer({ min: -5, max: 1000 });
  else if (s.type === "boolean") good = fc.boolean();
  else if (s.type === "string") good = fc.string({ maxLength: 30 });
  else good = anything;
  return fc.oneof({ weight: 5, arbitrary: good }, { weight: 1, arbitrary: anything });
}

/** A path parameter of the client API: a real SID or name from the pool, or a bad one. */
function segment(name: string, pool: SidPool): fc.Arbitrary<string> {
  const ch = pool.CH ?? [];
  const us = pool.US ?? [];
  const real: Record<string, string[]> = {
    ConversationSid: ch,
    ConversationId: ch,
    ParticipantId: pool.MB ?? [],
    MessageSid: pool.IM ?? [],
    Identity: ["fuzz-user", "fuzz-other"],
    Collection: ["Documents", "Lists", "Maps"],
    Id: [...ch.flatMap((c) => [`${c}.channel`, `${c}.messages`, `${c}.roster`]), ...us.flatMap((u) => [`${u}.conversations`, `${u}.info`])],
  };
  const options = real[name] ?? [];
  const bad = badValue.map((v) => encodeURIComponent(v.replace(/[\uD800-\uDFFF]/g, "?")));
  return options.length ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...options) }, { weight: 1, arbitrary: bad }) : bad;
}

/** A tunnelled request: a path and method of the client API's spec (or not), its query and its body. */
function tunnelled(pool: SidPool): fc.Arbitrary<TwilsockInput> {
  const routes = Object.entries(compat.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => method !== "parameters")
      .map(([method, op]) => ({ path, method: method.toUpperCase(), body: op.requestBody?.content })),
  );
  const route = fc.constantFrom(...routes).chain((r) => {
    const names = [...r.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string);
    const schema = r.body?.["application/json"]?.schema;
    const form = r.body?.["application/x-www-form-urlencoded"];
    return fc.record({
      path: fc.tuple(...names.map((n) => segment(n, pool))).map((values) => {
        let i = 0;
        return r.path.replace(/\{[^}]+\}/g, () => values[i++] as string);
      }),
      method: fc.oneof(
        { weight: 9, arbitrary: fc.constant(r.method) },
        { weight: 1, arbitrary: fc.constantFrom("GET", "POST", "PUT", "DELETE") },
      ),
      payload: schema
        ? fc.option(jsonOf(schema), { nil: undefined })
        : form
          ? fc.oneof(fc.constantFrom(`ConversationSid=${pool.CH?.[0] ?? ""}`), badValue)
          : fc.option(fc.jsonValue({ maxDepth: 2 }), { nil: undefined, freq: 4 }),
    });
  });
  const offSpec = fc.record({
    path: fc.oneof(fc.constantFrom("/Client/v3/Nope", "/v3/Documents", "/v4/Subscriptions/x", "/", "", "/Client/v2/"), badValue),
    method: fc.constantFrom("GET", "POST"),
    payload: fc.option(fc.jsonValue({ maxDepth: 2 }), { nil: undefined }),
  });
  const query = fc.dictionary(
    fc.oneof(fc.constantFrom("PageSize", "PageToken", "Order", "From", "Type"), fc.string({ maxLength: 10 })),
    badValue,
    {
      maxKeys: 3,
    },
  );
  return fc
    .tuple(
      fc.oneof({ weight: 9, arbitrary: route }, { weight: 1, arbitrary: offSpec }),
      query,
      fc.option(fc.constantFrom("application/json", "text/plain"), { nil: undefined }),
    )
    .map(([r, params, payloadType]) => ({
      kind: "frame" as const,
      header: {
        id: FRESH,
        method: "message",
        active_grant: "ip_messaging",
        ...(payloadType && r.payload !== undefined ? { payload_type: payloadType } : {}),
        http_request: { host: "aim.twilio.com", path: r.path, method: r.method, params, headers: {} },
      },
      ...(r.payload !== undefined ? { payload: r.payload } : {}),
    }));
}

/** Other frames of the spec, valid or with a header the spec refuses. */
function otherFrames(tokens: { valid: string; other: string }): fc.Arbitrary<TwilsockInput> {
  const token = fc.oneof(fc.constantFrom(tokens.valid, tokens.other), badValue);
  const headers = fc.oneof(
    token.map((t) => ({ id: FRESH, method: "update", token: t }) as Record<string, unknown>),
    token.map((t) => ({ id: FRESH, method: "init", token: t, capabilities: ["client_update"] }) as Record<string, unknown>),
    fc.constant({ id: FRESH, method: "telemetry.v1", events: [] } as Record<string, unknown>),
    fc.constant({ id: "TM00000000000000000000000000000001", method: "reply", status: { code: 200, status: "OK" } } as Record<
      string,
      unknown
    >),
    fc
      .oneof(fc.constantFrom("ping", "notification", "close_later", "INIT", ""), fc.string({ maxLength: 12 }))
      .map((method) => ({ id: FRESH, method })),
    // Headers the spec refuses: a message without a request, a request with a bad method or path.
    fc.constant({ id: FRESH, method: "message" } as Record<string, unknown>),
    fc
      .record({
        method: fc.oneof(fc.constantFrom("BREW", "get", ""), fc.integer()),
        path: fc.oneof(badValue, fc.integer(), fc.constant(null)),
      })
      .map((http_request) => ({ id: FRESH, method: "message", http_request })),
    fc.record({ status: fc.oneof(fc.constant("x"), fc.integer()) }).map((extra) => ({ id: "TMx", method: "reply", ...extra })),
  );
  return headers.map((header) => ({ kind: "frame" as const, header }));
}

const MAGIC = "TWILSOCK V3.0 ";

/** Bytes that are not a twilsock frame, or one whose lengths lie. */
const raw: fc.Arbitrary<TwilsockInput> = fc.oneof(
  fc.string({ maxLength: 80 }).map((bytes) => ({ kind: "raw" as const, bytes })),
  fc.uint8Array({ maxLength: 120 }).map((bytes) => ({ kind: "raw" as const, bytes })),
  fc
    .constantFrom(
      "TWILSOCK V2.0 2\r\n{}\r\n",
      "twilsock v3.0 2\r\n{}\r\n",
      MAGIC,
      `${MAGIC}\r\n`,
      `${MAGIC}-1\r\n{}\r\n`,
      `${MAGIC}NaN\r\n{}`,
    )
    .map((s) => ({ kind: "raw" as const, bytes: new TextEncoder().encode(s) })),
  // A valid frame cut short, or with its header length or payload size changed.
  fc
    .tuple(
      fc.jsonValue({ maxDepth: 1 }),
      fc.oneof(fc.constant("cut"), fc.constant("length"), fc.constant("size"), fc.constant("header")),
      fc.integer({ min: -50, max: 50 }),
    )
    .map(([payload, how, n]) => {
      const frame = encodeFrame({ id: "TMraw", method: "telemetry.v1" }, payload);
      const text = new TextDecoder().decode(frame);
      const headerEnd = text.indexOf("\r\n");
      const header = text.slice(headerEnd + 2, text.indexOf("\r\n", headerEnd + 2));
      const rest = text.slice(headerEnd + 2 + header.length);
      let out: string;
      if (how === "cut") out = text.slice(0, Math.max(0, text.length + Math.min(n, -1)));
      else if (how === "length") out = `${MAGIC}${Buffer.byteLength(header) + n}\r\n${header}${rest}`;
      else if (how === "size") {
        const changed = header.replace(/"payload_size":(\d+)/, (_, s: string) => `"payload_size":${Number(s) + n}`);
        out = `${MAGIC}${Buffer.byteLength(changed)}\r\n${changed}${rest}`;
      } else {
        const broken = header.slice(0, Math.max(1, header.length - Math.abs(n)));
        out = `${MAGIC}${Buffer.byteLength(broken)}\r\n${broken}${rest}`;
      }
      return { kind: "raw" as const, bytes: new TextEncoder().encode(out) };
    }),
);

/** Inputs for an initialised twilsock session. */
export function twilsockInput(pool: SidPool, tokens: { valid: string; other: string }): fc.Arbitrary<TwilsockInput> {
  return fc.oneof({ weight: 14, arbitrary: tunnelled(pool) }, { weight: 3, arbitrary: otherFrames(tokens) }, { weight: 3, arbitrary: raw });
}
