/** The bus URL was not one this server can use. */
export class BusUrlError extends Error {
  constructor(url: string, why: string) {
    super(`Bad bus URL ${JSON.stringify(redact(url))}: ${why}. Expected redis://[user:password@]host[:port][/db] or rediss://…`);
    this.name = "BusUrlError";
  }
}

/**
 * Checks a Redis URL before anything connects to it, so a typo fails at start-up with a clear
 * message instead of as endless reconnect attempts.
 */
export function checkRedisUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new BusUrlError(url, "not a URL");
  }
  if (parsed.protocol !== "redis:" && parsed.protocol !== "rediss:") throw new BusUrlError(url, `unsupported scheme ${parsed.protocol}`);
  if (!parsed.hostname) throw new BusUrlError(url, "no host");
  const db = parsed.pathname.replace(/^\//, "");
  if (db !== "" && !/^\d+$/.test(db)) throw new BusUrlError(url, `the database must be a number, not ${JSON.stringify(db)}`);
  return parsed;
}

/** The URL without its password, for messages and logs. */
export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.password) return url;
    parsed.password = "***";
    return parsed.toString();
  } catch {
    return url;
  }
}
