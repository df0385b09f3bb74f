/**
 * Cursors are store positions of stream events, written as fixed-width decimal so they also sort
 * as strings. Clients treat them as opaque.
 */
const WIDTH = 20;

export function cursorOf(position: number): string {
  return String(position).padStart(WIDTH, "0");
}

/** The position a cursor names, or null when it is not one of ours. */
export function positionOf(cursor: string): number | null {
  if (cursor.length !== WIDTH || !/^\d+$/.test(cursor)) return null;
  const position = Number(cursor);
  return Number.isSafeInteger(position) ? position : null;
}
