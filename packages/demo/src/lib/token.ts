import { renewDelayMs } from "./logic.js";

export type DevToken = { identity: string; token: string; ttl: number; chat_service_sid: string };

/** A user token from the server's development endpoint (`GET /token?identity=…&ttl=…`). */
export async function fetchDevToken(identity: string, ttl: number): Promise<DevToken> {
  const res = await fetch(`/token?identity=${encodeURIComponent(identity)}&ttl=${ttl}`, { cache: "no-store" });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { message?: string } | null;
    throw new Error(body?.message ?? `The token endpoint answered ${res.status} (is the server in development mode?)`);
  }
  return (await res.json()) as DevToken;
}

/**
 * Keeps a client's token fresh: renews it before it expires (on a timer, and whenever the server
 * warns with `tokenAboutToExpire` or ends it with `tokenExpired`), at most one renewal at a time.
 */
export class TokenRenewer {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  renewals = 0;
  expiresAt = 0;

  constructor(
    private readonly identity: string,
    private readonly ttl: number,
    private readonly apply: (token: string) => Promise<unknown>,
    private readonly onChange: () => void,
  ) {}

  /** Starts the timer for a token issued now. */
  schedule(issuedAt = Date.now()): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.expiresAt = issuedAt + this.ttl * 1000;
    this.timer = setTimeout(() => void this.renew(), renewDelayMs(this.ttl, issuedAt, Date.now()));
  }

  renew(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.running ??= (async () => {
      try {
        const fresh = await fetchDevToken(this.identity, this.ttl);
        await this.apply(fresh.token);
        this.renewals += 1;
        this.schedule();
        this.onChange();
      } catch {
        // Try again shortly: the connection may be down; the client queues until it is back.
        clearTimeout(this.timer);
        if (!this.stopped) this.timer = setTimeout(() => void this.renew(), 5000);
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }
}
