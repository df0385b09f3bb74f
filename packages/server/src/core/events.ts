import type { DomainEvent } from "../bus/index.js";
import type { ClusterNode } from "../cluster/node.js";
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
    // In a cluster the recording node holds a claim on its event from the start, so publishing it
    // takes no extra transaction; others may take it over only once the claim runs out.
    ...(core.cluster ? { node: core.cluster.id, claimedBy: core.cluster.id, claimedUntil: Date.now() + core.cluster.outboxStaleMs } : {}),
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
  return serially(core, () => (core.cluster ? drainClaimed(core, core.cluster, "own") : drain(core)));
}

/**
 * In a cluster: publishes the outbox events other nodes left unpublished for longer than
 * `outboxStaleMs` (a node died between commit and publish), each claimed first so that one node
 * publishes it. Runs now and then on every node, and at start-up.
 */
export function sweepOutbox(core: Core): Promise<void> {
  if (!core.cluster) return Promise.resolve();
  const cluster = core.cluster;
  return serially(core, () => drainClaimed(core, cluster, "stale"));
}

/** One flush or sweep at a time per core, in the order asked. */
function serially(core: Core, work: () => Promise<void>): Promise<void> {
  const previous = flushing.get(core) ?? Promise.resolve();
  const next = previous.then(work);
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
        await core.bus.publish(domainEventOf(event));
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

/** A claim with less time left than this is renewed before publishing (a publish must end within it). */
const claimMargin = (cluster: ClusterNode) => Math.min(1000, cluster.outboxStaleMs / 4);

/**
 * The cluster's drain: takes a batch of outbox events (this node's own, or any gone stale),
 * publishes those it holds a claim on, and deletes the batch in one transaction. A node holds a
 * claim on the events it records until `outboxStaleMs` after; an event whose claim ran out (its
 * node died, or fell that far behind) is claimed anew in a transaction by whichever node comes
 * first, for `outboxLeaseMs`, so one node publishes it (at least once, as at a restart).
 */
async function drainClaimed(core: Core, cluster: ClusterNode, which: "own" | "stale"): Promise<void> {
  let after: number | undefined;
  for (;;) {
    const page = await core.store.list("outbox", {
      parent: "",
      limit: 100,
      ...(after !== undefined ? { after } : {}),
      ...(which === "own"
        ? { where: { node: cluster.id } }
        : { createdTo: new Date(core.now().getTime() - cluster.outboxStaleMs).toISOString() }),
    });
    after = page.positions.at(-1);
    const now = Date.now();
    const held = page.items.filter((e) => e.claimedBy === cluster.id && (e.claimedUntil ?? 0) - now > claimMargin(cluster));
    const unclaimed = page.items.filter((e) => !held.includes(e) && (e.claimedBy === cluster.id || (e.claimedUntil ?? 0) <= now));
    const claimed =
      unclaimed.length === 0
        ? []
        : await claim(
            core,
            cluster,
            unclaimed.map((e) => e.sid),
          );
    // In outbox order: the claimed records are fresh copies, so they are placed by SID.
    const order = new Map(page.items.map((e, i) => [e.sid, i]));
    const publishing = [...held, ...claimed].sort((x, y) => (order.get(x.sid) ?? 0) - (order.get(y.sid) ?? 0));
    for (const event of publishing) await core.bus.publish(domainEventOf(event));
    if (publishing.length > 0) {
      await core.store.transaction(async (tx) => {
        for (const event of publishing) await tx.remove("outbox", event.sid);
      });
    }
    if (!page.hasMore) return;
  }
}

/** Claims the events no other node holds, in one transaction; resolves those now this node's. */
async function claim(core: Core, cluster: ClusterNode, sids: string[]): Promise<OutboxRecord[]> {
  return core.store.transaction(async (tx) => {
    const mine: OutboxRecord[] = [];
    const now = Date.now();
    for (const sid of sids) {
      const event = await tx.get("outbox", sid);
      if (!event) continue; // published and deleted meanwhile
      if (event.claimedBy !== cluster.id && (event.claimedUntil ?? 0) > now) continue;
      const claimed = { ...event, claimedBy: cluster.id, claimedUntil: now + cluster.outboxLeaseMs };
      await tx.update("outbox", claimed);
      mine.push(claimed);
    }
    return mine;
  });
}

function domainEventOf(event: OutboxRecord): DomainEvent {
  return {
    type: event.type,
    accountSid: event.accountSid,
    serviceSid: event.serviceSid,
    ...(event.conversationSid ? { conversationSid: event.conversationSid } : {}),
    data: event.data,
    origin: event.origin,
    date: event.date,
    ...(event.deliveries ? { deliveries: event.deliveries } : {}),
  };
}
