import type { StreamDelivery } from "../bus/index.js";
import type { Core } from "../core/context.js";
import { cursorOf, START } from "./cursor.js";

/** How many stream events one read takes. */
const BATCH = 200;

/**
 * Reads a user's stream after a position, in order, as the frames live delivery carries; `each`
 * may pause between batches (a socket draining) and stops the read by resolving false.
 */
export async function readStream(
  core: Core,
  key: string,
  afterPosition: number,
  each: (frame: StreamDelivery["frame"], position: number) => boolean | undefined,
  betweenBatches?: () => Promise<void>,
  /** Frames already in hand by position (a bus delivery carries them): their payloads are not read again. */
  known?: (position: number) => StreamDelivery["frame"] | undefined,
): Promise<void> {
  let after = afterPosition;
  for (;;) {
    const page = await core.store.list("streamEvent", { parent: key, after, limit: BATCH });
    const payloads = new Map<string, { data: unknown; date: string } | null>();
    for (const event of page.items) {
      const inHand = known?.(event.position);
      if (inHand && inHand.event === event.event) {
        after = event.position;
        if (each(inHand, event.position) === false) return;
        continue;
      }
      let payload = payloads.get(event.payloadSid);
      if (payload === undefined) {
        payload = await core.store.get("streamPayload", event.payloadSid);
        payloads.set(event.payloadSid, payload);
      }
      after = event.position;
      // A payload dropped by retention with its event still listed: nothing to send for it.
      if (!payload) continue;
      const frame = {
        type: "event" as const,
        event: event.event,
        cursor: cursorOf(event.position),
        data: payload.data,
        date: payload.date,
      };
      if (each(frame, event.position) === false) return;
    }
    if (!page.hasMore) return;
    await betweenBatches?.();
  }
}

/** The position of the newest event of a user's stream (`START` when it has none). */
export async function latestPosition(core: Core, key: string): Promise<number> {
  const newest = await core.store.list("streamEvent", { parent: key, order: "desc", limit: 1 });
  return newest.items[0]?.position ?? START;
}
