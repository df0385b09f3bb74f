/** Twilio's timestamp format: ISO 8601 in UTC, to the second (`2015-12-16T22:18:37Z`). */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

const DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Milliseconds in an ISO 8601 duration (years as 365 days, months as 30). */
export function durationMs(duration: string): number {
  const m = DURATION.exec(duration);
  if (!m) throw new Error(`Not an ISO 8601 duration: ${duration}`);
  const [y, mo, w, d, h, mi, s] = m.slice(1).map((v) => Number(v ?? 0)) as number[];
  const days = (y ?? 0) * 365 + (mo ?? 0) * 30 + (w ?? 0) * 7 + (d ?? 0);
  return (((days * 24 + (h ?? 0)) * 60 + (mi ?? 0)) * 60 + (s ?? 0)) * 1000;
}

/** `start` plus an ISO 8601 duration, in Twilio's format. */
export function addDuration(start: Date, duration: string): string {
  return isoSeconds(new Date(start.getTime() + durationMs(duration)));
}
