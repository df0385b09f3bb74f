import type { ParticipantRecord } from "../store/index.js";
import { isoSeconds } from "./time.js";

export type ReadHorizonInput = { lastReadMessageIndex?: number | null; lastReadTimestamp?: string };

/**
 * A participant's read horizon after an update: a new `LastReadMessageIndex` moves it (and stamps
 * it now, unless a `LastReadTimestamp` is given); null clears it; neither leaves it as it was.
 */
export function nextReadHorizon(
  current: Pick<ParticipantRecord, "lastReadMessageIndex" | "lastReadTimestamp">,
  input: ReadHorizonInput,
  now: string,
): Pick<ParticipantRecord, "lastReadMessageIndex" | "lastReadTimestamp"> {
  const moved = input.lastReadMessageIndex !== undefined;
  const lastReadMessageIndex = moved ? (input.lastReadMessageIndex ?? null) : current.lastReadMessageIndex;
  let lastReadTimestamp = current.lastReadTimestamp;
  if (input.lastReadTimestamp) lastReadTimestamp = isoSeconds(new Date(input.lastReadTimestamp));
  else if (moved) lastReadTimestamp = input.lastReadMessageIndex === null ? null : now;
  return { lastReadMessageIndex, lastReadTimestamp };
}
