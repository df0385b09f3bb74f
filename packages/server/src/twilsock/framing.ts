/**
 * Twilsock V3.0 framing, as the official SDKs' twilsock package speaks it: every WebSocket
 * message is one binary frame `TWILSOCK V3.0 <header bytes>\r\n<header JSON>\r\n<payload>`,
 * where the header's `payload_size` is the payload's length in bytes.
 */
export type TwilsockHeader = {
  id: string;
  method: string;
  payload_size?: number;
  payload_type?: string;
  [field: string]: unknown;
};

export type TwilsockFrame = { header: TwilsockHeader; payload: unknown };

const MAGIC = "TWILSOCK V3.0 ";
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Encodes a frame; a payload that is not a string is sent as JSON. */
export function encodeFrame(header: Omit<TwilsockHeader, "payload_size">, payload?: unknown): Uint8Array {
  const body = payload === undefined ? new Uint8Array() : encoder.encode(typeof payload === "string" ? payload : JSON.stringify(payload));
  const headerBytes = encoder.encode(
    JSON.stringify({
      ...header,
      ...(payload !== undefined && !header.payload_type ? { payload_type: "application/json" } : {}),
      payload_size: body.length,
    }),
  );
  const prefix = encoder.encode(`${MAGIC}${headerBytes.length}\r\n`);
  const frame = new Uint8Array(prefix.length + headerBytes.length + 2 + body.length);
  frame.set(prefix, 0);
  frame.set(headerBytes, prefix.length);
  frame.set(encoder.encode("\r\n"), prefix.length + headerBytes.length);
  frame.set(body, prefix.length + headerBytes.length + 2);
  return frame;
}

/** Decodes a frame; throws on anything that is not Twilsock V3.0. JSON payloads are parsed, others kept as text. */
export function decodeFrame(data: Uint8Array): TwilsockFrame {
  const lineEnd = data.indexOf(0x0d);
  if (lineEnd < 0 || data[lineEnd + 1] !== 0x0a) throw new Error("No frame preamble");
  const preamble = decoder.decode(data.subarray(0, lineEnd));
  if (!preamble.startsWith(MAGIC)) throw new Error("Not a Twilsock V3.0 frame");
  const headerSize = Number(preamble.slice(MAGIC.length));
  if (!Number.isSafeInteger(headerSize) || headerSize <= 0) throw new Error("Bad header size");
  const headerStart = lineEnd + 2;
  const header = JSON.parse(decoder.decode(data.subarray(headerStart, headerStart + headerSize))) as TwilsockHeader;
  if (typeof header.id !== "string" || typeof header.method !== "string") throw new Error("A frame needs an id and a method");
  const size = header.payload_size ?? 0;
  if (size === 0) return { header, payload: undefined };
  const payloadStart = headerStart + headerSize + 2;
  const text = decoder.decode(data.subarray(payloadStart, payloadStart + size));
  const type = header.payload_type ?? "application/json";
  return { header, payload: type.startsWith("application/json") ? JSON.parse(text) : text };
}
