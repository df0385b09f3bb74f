import { type DomainEvent, RESYNC_EVENT, type StreamDelivery } from "../bus/index.js";
import { localPresence, type Presence } from "../cluster/presence.js";
import type { Core } from "../core/context.js";
import { setReachability } from "../core/users.js";
import { type ServiceRecord, streamOf } from "../store/index.js";
import type { RealtimeOptions } from "./options.js";
import { chatIdentities, peersOf } from "./recipients.js";
import type { SessionIdentity } from "../auth/session-token.js";

/**
 * Anything that holds a user's stream open on this node: a native socket session, or a twilsock
 * session of the official SDKs. The hub hands it every frame of that user's stream.
 */
export interface StreamSubscriber {
  /** `serviceSid/identity`, once the session is authenticated. */
  readonly key: string | null;
  readonly identity: SessionIdentity | null;
  deliver(frame: StreamDelivery["frame"]): void;
  /** The bus may have dropped events: read the user's stream again from the store. */
  resync(): void;
  close(code: number, reason: string): void;
}

type Session = StreamSubscriber;

/**
 * The node's sockets by user stream, fed by the bus: durable deliveries come with each domain
 * event (written by the relay); typing and reachability are ephemeral events published here.
 * In a cluster, a user is online while any node holds a socket of theirs (see cluster/presence.ts).
 */
export class RealtimeHub {
  private readonly streams = new Map<string, Set<Session>>();
  private readonly typingTimers = new Map<string, ReturnType<typeof setTimeout>>();
  /** One copy of each service record for all of its sessions, instead of one per socket. */
  private readonly services = new Map<string, ServiceRecord>();
  private readonly unsubscribe: () => void;
  private readonly presence: Presence;
  /** Reachability work under way, which shutdown waits for before the store closes. */
  private readonly pending = new Set<Promise<unknown>>();
  private closing = false;

  constructor(
    private readonly core: Core,
    private readonly options: RealtimeOptions,
  ) {
    this.presence = core.cluster?.presence ?? localPresence;
    this.presence.onExpired((serviceSid, identity) => {
      const work = this.reachability(serviceSid, identity, false);
      this.track(work);
      return work;
    });
    this.unsubscribe = core.bus.subscribeEveryNode((event) => this.dispatch(event));
  }

  /**
   * Whether sessions read durable events from their user's stream in the store rather than take
   * them from the bus: in a cluster, events committed on different nodes reach this one in any
   * order and may come twice (the outbox is at least once), so a bus delivery only says "read".
   * One node's bus delivers in commit order, and sessions send what it carries.
   */
  get readsFromStore(): boolean {
    return this.core.cluster !== undefined;
  }

  /** How many sockets are open (for tests and metrics). */
  get size(): number {
    let n = 0;
    for (const sessions of this.streams.values()) n += sessions.size;
    return n;
  }

  /** The open sessions of one user (tests and administration). */
  socketsOf(serviceSid: string, identity: string): Session[] {
    return [...(this.streams.get(streamOf(serviceSid, identity)) ?? [])];
  }

  /**
   * The copy of a service record that sessions share: the shared copy if the given one (just
   * read from the store) is the same, else the given one, which becomes the shared copy. Keeps
   * idle sockets small; each session still sees the service as it was at its handshake.
   */
  sharedService(service: ServiceRecord): ServiceRecord {
    const shared = this.services.get(service.sid);
    if (shared && JSON.stringify(shared) === JSON.stringify(service)) return shared;
    this.services.set(service.sid, service);
    return service;
  }

  register(session: Session): void {
    const key = session.key as string;
    const sessions = this.streams.get(key) ?? new Set<Session>();
    this.streams.set(key, sessions);
    sessions.add(session);
  }

  /** Called once the session is live: its user's first socket makes it online. */
  online(session: Session): void {
    const who = session.identity;
    if (!who || this.streams.get(session.key as string)?.size !== 1) return;
    this.track(
      this.presence
        .join(who.service.sid, who.identity)
        .then((first) => (first ? this.reachability(who.service.sid, who.identity, true) : undefined)),
    );
  }

  /** Resolves once the reachability work started so far is done (shutdown, before the store closes). */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  private track(work: Promise<unknown>): void {
    const tracked = work.catch(this.options.onError);
    this.pending.add(tracked);
    void tracked.finally(() => this.pending.delete(tracked));
  }

  unregister(session: Session): void {
    const key = session.key;
    if (!key) return;
    const sessions = this.streams.get(key);
    if (!sessions?.delete(session)) return;
    const who = session.identity;
    if (sessions.size === 0) this.streams.delete(key);
    // A node shutting down in a cluster says nothing: its clients reconnect to other nodes, and
    // the users who do not are taken offline once its presence runs out (see cluster/presence.ts).
    if (sessions.size === 0 && who && !(this.closing && this.readsFromStore)) {
      this.track(
        this.presence
          .leave(who.service.sid, who.identity)
          .then((last) => (last ? this.reachability(who.service.sid, who.identity, false) : undefined)),
      );
    }
  }

  /**
   * A user is typing: `typingStarted` to the others now, `typingEnded` after the timeout unless
   * renewed. Resolves whether the user takes part in the conversation (otherwise nothing is sent).
   */
  async typing(session: Session, conversationSid: string): Promise<boolean> {
    const who = session.identity;
    if (!who) return false;
    const participant = await this.core.store.getByKey("participant", conversationSid, who.identity);
    // Not a participant: ignored, as the spec says (the client learns nothing either way).
    if (!participant || participant.serviceSid !== who.service.sid) return false;
    const key = `${conversationSid}/${who.identity}`;
    const running = this.typingTimers.get(key);
    if (running) clearTimeout(running);
    const data = { conversation_sid: conversationSid, participant_sid: participant.sid, identity: who.identity };
    const announce = async (event: "typingStarted" | "typingEnded") => {
      const others = (await chatIdentities(this.core.store, conversationSid)).filter((i) => i !== who.identity);
      await this.publishEphemeral(who.service.sid, who.accountSid, event, data, others, conversationSid);
    };
    const timer = setTimeout(() => {
      this.typingTimers.delete(key);
      void announce("typingEnded").catch(this.options.onError);
    }, this.options.typingTimeoutMs);
    timer.unref?.();
    this.typingTimers.set(key, timer);
    if (!running) await announce("typingStarted");
    return true;
  }

  /** Closes every socket (server shutdown) and stops listening to the bus. */
  close(): void {
    this.closing = true;
    this.unsubscribe();
    for (const timer of this.typingTimers.values()) clearTimeout(timer);
    this.typingTimers.clear();
    for (const sessions of [...this.streams.values()]) for (const session of [...sessions]) session.close(1001, "server shutting down");
    this.streams.clear();
  }

  private dispatch(event: DomainEvent): void {
    if (event.type === RESYNC_EVENT) {
      for (const sessions of this.streams.values()) for (const session of sessions) session.resync();
      return;
    }
    if (!event.deliveries) return;
    for (const delivery of event.deliveries) {
      const sessions = this.streams.get(streamOf(delivery.serviceSid, delivery.identity));
      if (sessions) for (const session of sessions) session.deliver(delivery.frame);
    }
  }

  /** Online when the user's first socket opens, offline when its last closes; only where the service reports it. */
  private async reachability(serviceSid: string, identity: string, online: boolean): Promise<void> {
    try {
      const service = await this.core.store.get("service", serviceSid);
      if (!service?.reachabilityEnabled) return;
      const notifiable = (await this.core.store.count("binding", { parent: service.sid, where: { identity } })) > 0;
      await setReachability(this.core, service, identity, online, notifiable);
      const peers = await peersOf(this.core.store, service.sid, identity);
      await this.publishEphemeral(service.sid, service.accountSid, "userReachabilityUpdated", { identity, online, notifiable }, peers);
    } catch (error) {
      this.options.onError(error);
    }
  }

  private publishEphemeral(
    serviceSid: string,
    accountSid: string,
    event: string,
    data: unknown,
    identities: string[],
    conversationSid?: string,
  ): Promise<void> {
    const date = this.core.now().toISOString();
    const deliveries: StreamDelivery[] = identities.map((identity) => ({
      serviceSid,
      identity,
      frame: { type: "event", event, data, date },
    }));
    return this.core.bus.publish({
      type: `ephemeral.${event}`,
      accountSid,
      serviceSid,
      ...(conversationSid ? { conversationSid } : {}),
      data: { event },
      date,
      deliveries,
    });
  }
}
