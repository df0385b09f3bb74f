/**
 * fast-check arbitraries of native-socket input (spec/asyncapi/realtime.yaml): the client frames
 * the spec defines (hello, request, updateToken, typing, ping), valid and mutated (missing or
 * unknown properties, wrong types, ids and keys past their limits), requests built from the
 * REST inputs of every operation, and what is not a frame at all (text that is not JSON, JSON
 * that is not an object, binary frames, frames past the size limit). Whether a frame is valid is
 * decided by the spec's own generated validators, not here.
 */
import fc from "fast-check";
import { badValue, type FieldValue, type RestInput, restInput, type SidPool } from "./rest-inputs.js";

/** Replaced by the harness with a fresh id, so replies can be matched to the input that caused them. */
export const FRESH_ID = "\u0000fresh-id";

/** One thing sent on the socket. */
export type SocketInput = { kind: "json"; frame: unknown } | { kind: "text"; text: string } | { kind: "binary"; bytes: Uint8Array };

/** The access tokens the frames may carry. */
export type Tokens = { valid: string; otherIdentity: string; expired: string };

function token(tokens: Tokens): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constant(tokens.valid) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(tokens.otherIdentity, tokens.expired, `${tokens.valid}x`, tokens.valid.split(".").slice(0, 2).join(".")),
    },
    { weight: 2, arbitrary: fc.oneof(badValue, fc.constant(""), fc.integer(), fc.constant(null)) },
  );
}

const frameId: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 20, arbitrary: fc.constant(FRESH_ID) },
  {
    weight: 1,
    arbitrary: fc.oneof(fc.constant(""), fc.string({ minLength: 65, maxLength: 100 }), fc.integer(), fc.constant(null), fc.constant({})),
  },
);

/** A field map as the socket carries it: repeated fields become arrays. */
function fieldMap(list: [string, FieldValue][]): Record<string, FieldValue> {
  const map: Record<string, FieldValue> = {};
  for (const [name, value] of list) {
    const existing = map[name];
    if (existing === undefined) map[name] = value;
    else map[name] = [...(Array.isArray(existing) ? existing : [existing]), ...(Array.isArray(value) ? value : [value])];
  }
  return map;
}

/** A `request` frame carrying one generated REST input. */
function requestFrame(input: RestInput, id: unknown, key: string | undefined): Record<string, unknown> {
  const params = fieldMap([
    ...Object.entries(input.path).map(([name, { value }]) => [name, value] as [string, FieldValue]),
    ...input.query,
    ...Object.entries(input.headers),
  ]);
  const body = input.body && "form" in input.body ? fieldMap(input.body.form) : undefined;
  return {
    type: "request",
    id,
    operation: input.operation,
    params,
    ...(body ? { body } : {}),
    ...(key !== undefined ? { idempotency_key: key } : {}),
  };
}

/** A change to a frame object's shape: a property removed, added, or its value replaced. */
function mutateShape(frame: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<Record<string, unknown>> {
  const odd = fc.oneof(badValue, fc.integer(), fc.boolean(), fc.constant(null), fc.constant([]), fc.constant({ a: { b: 1 } }));
  return fc
    .tuple(
      frame,
      fc.nat(),
      fc.oneof(fc.constantFrom("type", "id", "token", "operation", "params", "body", "cursor", "extra"), fc.string()),
      odd,
    )
    .map(([f, which, key, value]) => {
      const copy: Record<string, unknown> = { ...f };
      const keys = Object.keys(copy);
      switch (which % 3) {
        case 0:
          delete copy[keys[which % keys.length] as string];
          break;
        case 1:
          copy[key] = value;
          break;
        default:
          copy[keys[which % keys.length] as string] = value;
      }
      return copy;
    });
}

/** Things that are not frames: text that is not JSON, JSON that is not an object, binary, and frames past 256 KB. */
const notFrames: fc.Arbitrary<SocketInput> = fc.oneof(
  fc
    .oneof(fc.string({ maxLength: 100 }), fc.constantFrom("", "{", "[1,2", "nul", "{'type':'ping'}"))
    .map((text) => ({ kind: "text" as const, text })),
  fc
    .oneof(
      fc.json({ maxDepth: 2 }).filter((j) => !j.startsWith("{")),
      fc.constantFrom("[]", "null", "42", '"ping"'),
    )
    .map((text) => ({
      kind: "text" as const,
      text,
    })),
  fc.uint8Array({ maxLength: 200 }).map((bytes) => ({ kind: "binary" as const, bytes })),
  fc.constantFrom("ping", "request").map((type) => ({ kind: "json" as const, frame: { type, id: "big", pad: "x".repeat(300_000) } })),
);

/** Frames sent on a session after `welcome`. */
export function sessionInput(pool: SidPool, tokens: Tokens): fc.Arbitrary<SocketInput> {
  const requests = fc
    .tuple(
      restInput(pool),
      frameId,
      fc.option(fc.oneof({ weight: 9, arbitrary: fc.uuid() }, { weight: 1, arbitrary: fc.string({ minLength: 129, maxLength: 140 }) }), {
        nil: undefined,
        freq: 2,
      }),
    )
    .map(([input, id, key]) => requestFrame(input, id, key));
  const unknownOperation = fc
    .tuple(frameId, fc.oneof(fc.constantFrom("Nope", "constructor", "toString", "hasOwnProperty", "CreateMedia", "__proto__"), fc.string()))
    .map(([id, operation]) => ({ type: "request", id, operation }));
  const ping = fc.option(frameId, { nil: undefined }).map((id) => (id === undefined ? { type: "ping" } : { type: "ping", id }));
  const typing = fc
    .oneof(fc.constantFrom(...(pool.CH ?? [])), badValue)
    .map((conversation_sid) => ({ type: "typing", conversation_sid }) as Record<string, unknown>);
  const updateToken = fc.tuple(frameId, token(tokens)).map(([id, t]) => ({ type: "updateToken", id, token: t }));
  const hello = token(tokens).map((t) => ({ type: "hello", token: t }));
  const unknownType = fc
    .oneof(fc.constantFrom("welcome", "reply", "event", "pong", "error", "Ping", ""), fc.string())
    .map((type) => ({ type }));
  const frames: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
    { weight: 20, arbitrary: requests },
    { weight: 1, arbitrary: unknownOperation },
    { weight: 2, arbitrary: ping },
    { weight: 2, arbitrary: typing },
    { weight: 2, arbitrary: updateToken },
    { weight: 1, arbitrary: hello },
    { weight: 1, arbitrary: unknownType },
  );
  return fc.oneof(
    { weight: 20, arbitrary: frames.map((frame) => ({ kind: "json" as const, frame })) },
    { weight: 2, arbitrary: mutateShape(frames).map((frame) => ({ kind: "json" as const, frame })) },
    { weight: 1, arbitrary: notFrames },
  );
}

/** The first frame on a new socket: a hello (valid or not), another frame, or not a frame. */
export function firstInput(tokens: Tokens): fc.Arbitrary<SocketInput> {
  const cursor = fc.option(fc.oneof(fc.constantFrom("00000000000000000000", "99999999999999999999", "-1"), badValue, fc.integer()), {
    nil: undefined,
  });
  const hello = fc
    .tuple(token(tokens), cursor, fc.option(fc.record({ name: fc.string(), version: fc.string() }), { nil: undefined }))
    .map(([t, c, client]) => ({ type: "hello", token: t, ...(c !== undefined ? { cursor: c } : {}), ...(client ? { client } : {}) }));
  const other = fc.constantFrom(
    { type: "ping" },
    { type: "typing", conversation_sid: `CH${"0".repeat(32)}` },
    { type: "request", id: "1", operation: "ListConversation" },
  );
  return fc.oneof(
    { weight: 6, arbitrary: hello.map((frame) => ({ kind: "json" as const, frame })) },
    { weight: 3, arbitrary: mutateShape(hello).map((frame) => ({ kind: "json" as const, frame })) },
    { weight: 1, arbitrary: other.map((frame) => ({ kind: "json" as const, frame })) },
    { weight: 2, arbitrary: notFrames },
  );
}
