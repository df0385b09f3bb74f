import { ReplayEventEmitter } from "@confab/conversations/internal";

/** Events an AccessManager emits. */
export type AccessManagerEvents = {
  /** The token was replaced (`updateToken`). */
  tokenUpdated: (accessManager: AccessManager) => void;
  /** The token expires within three minutes. */
  tokenWillExpire: (accessManager: AccessManager) => void;
  /** The token expired. */
  tokenExpired: (accessManager: AccessManager) => void;
  /** The token could not be read. */
  error: (error: Error) => void;
};

type Payload = { exp?: number; grants?: { identity?: string } };

const WARN_BEFORE_MS = 3 * 60 * 1000;

function decode(token: string): Payload {
  const part = token.split(".")[1];
  if (!part) throw new Error("The token is not a JWT");
  const base64 = part.replace(/-/g, "+").replace(/_/g, "/");
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes)) as Payload;
}

/**
 * Holds the access token of an IP Messaging client, as twilio-common's AccessManager did: the
 * client reads the token from it, and token rotation goes through `updateToken` (the client
 * follows `tokenUpdated`). It announces the token's end (`tokenWillExpire`, `tokenExpired`).
 */
export class AccessManager extends ReplayEventEmitter<AccessManagerEvents> {
  private current: string;
  private payload: Payload;
  private timers: ReturnType<typeof setTimeout>[] = [];

  /** @param token A Twilio-format access token. */
  constructor(token: string) {
    super();
    if (typeof token !== "string" || token.length === 0) throw new TypeError("A token is required");
    this.current = token;
    this.payload = decode(token);
    this.schedule();
  }

  /** The current token. */
  get token(): string {
    return this.current;
  }
  /** The identity the token grants. */
  get identity(): string {
    return this.payload.grants?.identity ?? "";
  }
  /** When the token expires, or null when it does not say. */
  get expires(): Date | null {
    return this.payload.exp ? new Date(this.payload.exp * 1000) : null;
  }
  /** Whether the token has expired. */
  get isExpired(): boolean {
    const expires = this.expires;
    return expires !== null && expires.getTime() <= Date.now();
  }

  /** Replaces the token; the client using this manager reconnects with it. */
  async updateToken(token: string): Promise<AccessManager> {
    let payload: Payload;
    try {
      payload = decode(token);
    } catch (error) {
      this.emit("error", error as Error);
      throw error;
    }
    this.current = token;
    this.payload = payload;
    this.schedule();
    this.emit("tokenUpdated", this);
    return this;
  }

  /** Stops the expiry timers (a manager that is no longer used). */
  shutdown(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers = [];
  }

  private schedule(): void {
    this.shutdown();
    const expires = this.expires?.getTime();
    if (!expires) return;
    const at = (delay: number, fire: () => void) => {
      const timer = setTimeout(fire, Math.max(0, delay));
      // A token timer alone must not keep a Node process alive.
      (timer as { unref?: () => void }).unref?.();
      this.timers.push(timer);
    };
    const left = expires - Date.now();
    if (left > WARN_BEFORE_MS) at(left - WARN_BEFORE_MS, () => this.emit("tokenWillExpire", this));
    at(left, () => this.emit("tokenExpired", this));
  }
}
