type Timer = ReturnType<typeof setTimeout>;

/**
 * A connection's timers (handshake, liveness, token expiry), all cleared when it closes. Timers
 * never keep the process alive on their own.
 */
export class SessionTimers {
  private readonly timers = new Set<Timer>();
  private expiry: Timer[] = [];

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
   * a renewed token's schedule replaces the previous one.
   */
  tokenExpiry(expiresAt: Date, now: () => Date, warningMs: number, warn: (secondsLeft: number) => void, expire: () => void): void {
    for (const timer of this.expiry) {
      clearTimeout(timer);
      this.timers.delete(timer);
    }
    const left = expiresAt.getTime() - now().getTime();
    this.expiry = [
      this.later(Math.max(0, left - warningMs), () => warn(Math.max(0, Math.round((expiresAt.getTime() - now().getTime()) / 1000)))),
      this.later(Math.max(0, left), expire),
    ];
  }

  clear(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.expiry = [];
  }
}
