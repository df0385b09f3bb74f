import type { StreamDelivery } from "../../bus/index.js";
import type { Core } from "../../core/context.js";
import type { SessionIdentity } from "../../auth/session-token.js";
import { readStream } from "../../realtime/stream-reader.js";
import { streamOf } from "../../store/index.js";
import { syncEventsOf } from "./events.js";
import { type SyncObject, sidOf } from "./names.js";
import { resolveObject, SyncAccessError } from "./objects.js";
import { latestEventId } from "./routes.js";

type Request = { object_sid: string; object_type: string; last_event_id?: number };
type Entry = { object: SyncObject; lastSentId: number };
type Notify = (messageType: string, payload: unknown) => void;

/**
 * A connection's Sync subscriptions. Establishing one replays every event of the object after
 * the client's `last_event_id` (the SDK reconnects and resubscribes with it), then reports
 * `subscription_established`; live events follow. Per object, an id is sent once and ids only grow.
 */
export class Subscriptions {
  private readonly objects = new Map<string, Entry>();

  constructor(
    private readonly core: Core,
    private readonly base: string,
    private readonly notify: Notify,
  ) {}

  async establish(who: SessionIdentity, correlationId: number, requests: Request[]): Promise<void> {
    const failed: unknown[] = [];
    const fresh = new Map<string, Entry & { type: string }>();
    for (const request of requests) {
      const type = request.object_type as SyncObject["type"];
      try {
        const object = await resolveObject(this.core, who, request.object_sid, type);
        const entry = { object, lastSentId: Math.max(0, Number(request.last_event_id ?? 0) || 0), type };
        this.objects.set(request.object_sid, entry);
        fresh.set(request.object_sid, entry);
      } catch (error) {
        if (!(error instanceof SyncAccessError)) throw error;
        failed.push({
          object_sid: request.object_sid,
          object_type: request.object_type,
          error: { status: error.status, code: error.status === 404 ? 54100 : 54007, message: error.message },
        });
      }
    }
    if (fresh.size > 0) {
      const from = Math.min(...[...fresh.values()].map((e) => e.lastSentId));
      const replayed: { frame: StreamDelivery["frame"] }[] = [];
      await readStream(this.core, streamOf(who.service.sid, who.identity), from - 1, (frame) => {
        replayed.push({ frame });
        return true;
      });
      for (const { frame } of replayed) {
        const events = await syncEventsOf(this.core, this.base, { serviceSid: who.service.sid, identity: who.identity }, frame, (object) =>
          fresh.has(sidOf(object)),
        );
        for (const event of events) {
          const entry = fresh.get(sidOf(event.object));
          const id = event.event.id as number;
          if (!entry || id <= entry.lastSentId) continue;
          entry.lastSentId = id;
          this.notify("twilio.sync.event", { event_type: event.eventType, correlation_id: correlationId, events: [event.event] });
        }
      }
      const latest = await latestEventId(this.core, who.service.sid, who.identity);
      this.notify("twilio.sync.event", {
        event_type: "subscription_established",
        correlation_id: correlationId,
        events: [...fresh.entries()].map(([sid, entry]) => ({
          object_sid: sid,
          object_type: entry.type,
          replay_status: "completed",
          last_event_id: Math.max(entry.lastSentId, latest),
        })),
      });
    }
    if (failed.length > 0)
      this.notify("twilio.sync.event", { event_type: "subscription_failed", correlation_id: correlationId, events: failed });
  }

  cancel(requests: Request[]): void {
    for (const request of requests) this.objects.delete(request.object_sid);
  }

  /** A live stream event: the Sync events it makes, for the objects subscribed to. */
  async live(who: SessionIdentity, frame: StreamDelivery["frame"]): Promise<void> {
    if (this.objects.size === 0) return;
    const events = await syncEventsOf(this.core, this.base, { serviceSid: who.service.sid, identity: who.identity }, frame, (object) =>
      this.objects.has(sidOf(object)),
    );
    for (const event of events) {
      const entry = this.objects.get(sidOf(event.object));
      const id = event.event.id as number;
      if (!entry || id <= entry.lastSentId) continue;
      entry.lastSentId = id;
      this.notify(`com.twilio.rtd.cds.${event.object.type}`, { event_type: event.eventType, event: event.event });
    }
  }
}
