import type { Core } from "../core/context.js";

/** How many stream rows one trimming transaction removes. */
const BATCH = 500;

/**
 * Drops stream events (and their payloads) older than `retentionMs`, so streams do not grow
 * forever. Each service remembers the newest position it dropped (`streamFloor`): a client
 * resuming from a cursor before it missed events that are gone, and is answered `reset`.
 */
export async function trimStreams(core: Core, retentionMs: number): Promise<number> {
  const cutoff = new Date(core.now().getTime() - retentionMs).toISOString();
  let removed = 0;
  for (;;) {
    const batch = await core.store.list("streamEvent", { createdTo: cutoff, limit: BATCH });
    if (batch.items.length === 0) break;
    await core.store.transaction(async (tx) => {
      const floors = new Map<string, number>();
      for (const event of batch.items) {
        if (await tx.remove("streamEvent", event.sid)) removed++;
        floors.set(event.serviceSid, Math.max(floors.get(event.serviceSid) ?? -1, event.position));
      }
      for (const [serviceSid, position] of floors) {
        const current = await tx.get("streamFloor", serviceSid);
        const floor = { sid: serviceSid, position: Math.max(position, current?.position ?? -1), dateCreated: cutoff, dateUpdated: cutoff };
        if (current) await tx.update("streamFloor", floor);
        else await tx.insert("streamFloor", floor);
      }
    });
  }
  for (;;) {
    const payloads = await core.store.list("streamPayload", { createdTo: cutoff, limit: BATCH });
    if (payloads.items.length === 0) break;
    await core.store.transaction(async (tx) => {
      for (const payload of payloads.items) await tx.remove("streamPayload", payload.sid);
    });
  }
  return removed;
}

/** The newest position dropped from a service's streams; a resume from before it is a `reset`. */
export async function streamFloor(core: Core, serviceSid: string): Promise<number> {
  return (await core.store.get("streamFloor", serviceSid))?.position ?? -1;
}
