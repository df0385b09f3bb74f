/** The socket's tunables; the defaults suit production, tests shorten them. */
export type RealtimeOptions = {
  /** How long a new socket may take to send `hello` (10 s, as the spec says). */
  handshakeTimeoutMs: number;
  /** `welcome.ping_interval_ms`; a client silent for 2.5 intervals is dropped. */
  pingIntervalMs: number;
  /** How long before expiry `tokenAboutToExpire` is sent (3 minutes). */
  tokenWarningMs: number;
  /** Bytes a socket may have waiting to be sent before it is closed with 4429. */
  maxQueueBytes: number;
  /** How long `typingStarted` lasts without another `typing` frame (Twilio's 5 s). */
  typingTimeoutMs: number;
  /** How long stream events are kept for resuming clients; older ones are dropped (a resume from before is `reset`). */
  streamRetentionMs: number;
  onError: (error: unknown) => void;
  /**
   * Check every successful answer of the twilsock gateway against spec/openapi-compat (tests): a
   * mismatch is reported to `onError` and answered 500, so a test cannot miss it.
   */
  validateResponses?: boolean;
};

export const defaultRealtimeOptions: Omit<RealtimeOptions, "onError"> = {
  handshakeTimeoutMs: 10_000,
  pingIntervalMs: 25_000,
  tokenWarningMs: 180_000,
  maxQueueBytes: 4 * 1024 * 1024,
  typingTimeoutMs: 5_000,
  streamRetentionMs: 14 * 24 * 3600_000,
};
