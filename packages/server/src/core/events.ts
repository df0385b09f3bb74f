import type { OutboxRecord, StoreWriter } from "../store/index.js";
import type { Actor, Core } from "./context.js";
import { newSid } from "./ids.js";

/** Where a change came from, as webhooks report it (`Source`, `ClientIdentity`). */
export type Origin = { source: "SDK" | "API"; identity?: string; webhooks: boolean };

/** A user's writes come from an SDK and fire webhooks; the account's fire them only when asked. */
export function originOf(actor: Actor | undefined): Origin {
  if (!actor) return { source: "API", webhooks: false };
  if (actor.kind === "user") return { source: "SDK", identity: actor.identity, webhooks: true };
  return { source: "API", webhooks: actor.webhooks ?? false };
}

type Scope = { accountSid: string; serviceSid: string; conversationSid?: string };

/**
 * Records a domain event inside the write's own transaction (the outbox), so the event exists
 * exactly when the change does. `flushOutbox` publishes it after the commit.
 */
export async function recordEvent(
  tx: StoreWriter,
  core: Core,
  type: string,
  scope: Scope,
  data: Record<string, unknown>,
  actor?: Actor,
): Promise<void> {
  const date = core.now().toISOString();
  const event: OutboxRecord = {
    sid: newSid("EV"),
    accountSid: scope.accountSid,
    serviceSid: scope.serviceSid,
    conversationSid: scope.conversationSid ?? null,
    type,
    data,
    origin: originOf(actor),
    date,
    dateCreated: date,
    dateUpdated: date,
  };
  // Users' streams get the event in this same transaction: a committed change is never missing
  // from the stream a reconnecting client resumes from.
  const deliveries = core.relay ? await core.relay.project(tx, event) : [];
  await tx.insert("outbox", deliveries.length > 0 ? { ...event, deliveries } : event);
}

const flushing = new WeakMap<Core, Promise<void>>();

/**
 * Publishes every event in the outbox on the bus, oldest first, deleting each once published.
 * One flush runs at a time per core; a call during a flush waits for it and flushes again, so
 * every event recorded before the call is published when it resolves. At start-up it publishes
 * what a crash left behind (at least once: an event published just before a crash is published
 * again).
 */
export function flushOutbox(core: Core): Promise<void> {
  const previous = flushing.get(core) ?? Promise.resolve();
  const next = previous.then(() => drain(core));
  flushing.set(
    core,
    next.catch(() => undefined),
  );
  return next;
}

async function drain(core: Core): Promise<void> {
  for (;;) {
    const batch = await core.store.list("outbox", { parent: "", limit: 100 });
    if (batch.items.length === 0) return;
    const published: string[] = [];
    try {
      for (const event of batch.items) {
        await core.bus.publish({
          type: event.type,
          accountSid: event.accountSid,
          serviceSid: event.serviceSid,
          ...(event.conversationSid ? { conversationSid: event.conversationSid } : {}),
          data: event.data,
          origin: event.origin,
          date: event.date,
          ...(event.deliveries ? { deliveries: event.deliveries } : {}),
        });
        published.push(event.sid);
      }
    } finally {
      // What was published leaves the outbox in one commit (one fsync) per batch rather than one
      // per event: under concurrent writes that halves the commits. A crash before this commit
      // publishes those events again at start-up: at least once, as before.
      if (published.length > 0)
        await core.store.transaction(async (tx) => {
          for (const sid of published) await tx.remove("outbox", sid);
        });
    }
  }
}
