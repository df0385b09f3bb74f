/**
 * Cursors are store positions of stream events, plus one (so that "before the first event" has a
 * cursor too, all zeros), written as fixed-width decimal so they also sort as strings. Clients
 * treat them as opaque.
 */
const WIDTH = 20;

/** The position before any event of a stream. */
export const START = -1;

export function cursorOf(position: number): string {
  return String(position + 1).padStart(WIDTH, "0");
}

/** The position a cursor names, or null when it is not one of ours. */
export function positionOf(cursor: string): number | null {
  if (cursor.length !== WIDTH || !/^\d+$/.test(cursor)) return null;
  const value = Number(cursor);
  return Number.isSafeInteger(value) ? value - 1 : null;
}
