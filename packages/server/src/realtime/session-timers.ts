type Timer = ReturnType<typeof setTimeout>;

/**
 * A connection's timers (handshake, liveness, token expiry), all cleared when it closes. Timers
 * never keep the process alive on their own.
 */
export class SessionTimers {
  private readonly timers = new Set<Timer>();
  /** The token's next deadline: the warning, then (once warned) the expiry. One timer at a time. */
  private expiry: Timer | null = null;

  later(ms: number, run: () => void): Timer {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    timer.unref?.();
    this.timers.add(timer);
    return timer;
  }

  /**
   * Warns `warningMs` before the token expires (at once if less is left) and expires it then;
   * a renewed token's schedule replaces the previous one. The expiry timer is set only once the
   * warning fired, so an idle connection holds one timer for its token, not two.
   */
  tokenExpiry(expiresAt: Date, now: () => Date, warningMs: number, warn: (secondsLeft: number) => void, expire: () => void): void {
    if (this.expiry) {
      clearTimeout(this.expiry);
      this.timers.delete(this.expiry);
    }
    const left = () => expiresAt.getTime() - now().getTime();
    this.expiry = this.later(Math.max(0, left() - warningMs), () => {
      warn(Math.max(0, Math.round(left() / 1000)));
      this.expiry = this.later(Math.max(0, left()), expire);
    });
  }

  clear(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.expiry = null;
  }
}
