/** WebSocket close codes of the Confab socket and what a client does on each. */
export const CloseCodes = {
  /** The client closed the connection. */
  normal: 1000,
  /** The server is shutting down: reconnect with backoff and resume. */
  goingAway: 1001,
  /** A malformed or unexpected frame: reconnect with backoff. */
  protocolError: 4400,
  /** The token is invalid or not allowed: do not reconnect. */
  denied: 4401,
  /** No hello frame in time. */
  handshakeTimeout: 4408,
  /** The client fell too far behind: reconnect and resume from its cursor. */
  tooSlow: 4429,
  /** The token expired: get a new one, then reconnect. */
  tokenExpired: 4440,
} as const;
