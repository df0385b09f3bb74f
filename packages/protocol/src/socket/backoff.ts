/**
 * Full-jitter exponential backoff: the n-th retry waits a random time between 0 and
 * min(maxMs, minMs * 2^n). Spreading retries over the whole window keeps a crowd of clients
 * that lost the same server from coming back in step.
 */
export type BackoffOptions = { minMs?: number; maxMs?: number; random?: () => number };

export function fullJitterDelay(attempt: number, options: BackoffOptions = {}): number {
  const min = options.minMs ?? 250;
  const max = options.maxMs ?? 20_000;
  const ceiling = Math.min(max, min * 2 ** Math.min(attempt, 30));
  return Math.floor((options.random ?? Math.random)() * ceiling);
}
