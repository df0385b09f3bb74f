/** The most bytes a WebSocket close frame's reason may hold (RFC 6455: 125 bytes of payload, 2 for the code). */
const MAX_REASON_BYTES = 123;

/**
 * A close reason cut to fit a close frame, on a character boundary. `ws` throws on a longer one
 * after it has already marked the socket closing, which would leave the socket open forever.
 */
export function closeReason(text: string): string {
  if (Buffer.byteLength(text) <= MAX_REASON_BYTES) return text;
  let cut = "";
  for (const char of text) {
    if (Buffer.byteLength(cut + char) > MAX_REASON_BYTES) break;
    cut += char;
  }
  return cut;
}
