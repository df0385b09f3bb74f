import { type Server, STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";
import { ErrorCodes, twilioError } from "@confab/protocol/server";

/** Node's HTTP parser errors and the status each is answered with. */
const STATUS_OF: Record<string, number> = {
  HPE_HEADER_OVERFLOW: 431,
  ERR_HTTP_REQUEST_TIMEOUT: 408,
};

/**
 * Answers requests Node's HTTP parser refuses before they reach the router (a URL or headers past
 * the size limit, a malformed request line, a header with control characters) with Twilio's
 * error body, as every other rejection is. Without this listener Node answers them with an empty
 * 400 or 431.
 */
export function answerClientErrors(server: Server): void {
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === "ECONNRESET" || !socket.writable) {
      socket.destroy();
      return;
    }
    const status = STATUS_OF[error.code ?? ""] ?? 400;
    const message = status === 431 ? "The request's URL or headers are too large" : "The request is not valid HTTP";
    const body = JSON.stringify(twilioError(status, ErrorCodes.invalidParameter, message));
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
