import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join, resolve } from "node:path";
import { type Credentials, type CredentialOverrides, provision } from "./bootstrap.js";
import type { DomainEvent } from "./bus/index.js";
import { checkRedisUrl } from "./bus/redis-url.js";
import { type ClusterOptions, openBus } from "./cluster/open-bus.js";
import { type Core, defaultLimits, type Limits } from "./core/context.js";
import { ConversationRateLimiter } from "./core/rate-limit.js";
import { flushOutbox, sweepOutbox } from "./core/events.js";
import { applyDueTimers } from "./core/timers.js";
import { answerClientErrors } from "./http/client-errors.js";
import { defaultDemoDir } from "./http/demo-static.js";
import { createApiRouter, createRestListener } from "./http/rest-server.js";
import { diskContentStore } from "./media/disk-content-store.js";
import { type PushSender, startPushDispatcher, webhookPushSender } from "./push/index.js";
import {
  attachRealtime,
  createStreamRelay,
  defaultRealtimeOptions,
  trimStreams,
  type RealtimeOptions,
  type RealtimeServer,
} from "./realtime/index.js";
import { eachRecord, openStore } from "./store/index.js";
import { attachTwilsock } from "./twilsock/index.js";
import { createWebhookDispatcher, type WebhookOptions } from "./webhooks/index.js";
import { version } from "./version.js";

export type StartServerOptions = {
  /** Port on 127.0.0.1 (0 picks a free one). Default 4000. */
  port?: number;
  host?: string;
  /**
   * Where the SQLite database (unless `store` is given) and the media files live. Default
   * `./.confab`. `:memory:` keeps nothing.
   */
  dataDir?: string;
  /**
   * The shared store of a multi-node deployment: a `postgres://` or `postgresql://` URL. Default:
   * the embedded SQLite database in `dataDir`.
   */
  store?: string;
  /** The base URL in `url` fields and paging links. Default `http://<host>:<port>`. */
  publicUrl?: string;
  /** Development mode: serves `GET /token?identity=…` and the web app at `/`. */
  dev?: boolean;
  /** Where the web app's built files are (development mode only). Default: `demo/` beside the bundled server. */
  demoDir?: string;
  credentials?: CredentialOverrides;
  limits?: Partial<Limits>;
  /** Check every REST answer against the spec (tests). */
  validateResponses?: boolean;
  /** A clock for tests. */
  now?: () => Date;
  onError?: (error: unknown) => void;
  /** Webhook timeouts and retries. */
  webhooks?: Omit<WebhookOptions, "onError">;
  /** Called when a webhook cannot be delivered (after its retries). */
  onWebhookError?: (error: unknown) => void;
  /** Receives every domain event, from start-up on (including those a crash left unpublished). */
  onEvent?: (event: DomainEvent) => void | Promise<void>;
  /** How often conversation timers are swept into stored states and events (default 30 s). */
  timerSweepMs?: number;
  /** Where push notifications go: a sender, or the URL of a relay that takes them as JSON. */
  push?: { sender?: PushSender; webhookUrl?: string };
  /** The native socket's timeouts and queue bound (see realtime/options.ts). */
  realtime?: Partial<Omit<RealtimeOptions, "onError">>;
  /**
   * The bus: `redis://host:port[/db]` makes this server one node of a cluster that shares the
   * store and fans events out through Redis. Default: in-process, one node.
   */
  bus?: string;
  /** A cluster's presence and outbox timings (with `bus`). */
  cluster?: ClusterOptions;
};

export type RunningServer = {
  url: string;
  credentials: Credentials;
  core: Core;
  /** Resolves once every webhook started so far has been sent or given up on (tests). */
  webhooksIdle(): Promise<void>;
  /** Resolves once every push notification started so far has been handed to the sender (tests). */
  pushIdle(): Promise<void>;
  /** The native socket at `ws://…/v1/socket`. */
  realtime: RealtimeServer;
  close(): Promise<void>;
};

/** Starts a Confab server; resolves once it listens. */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const host = options.host ?? "127.0.0.1";
  const dataDir = options.dataDir ?? ".confab";
  // A bad bus URL fails before anything is opened.
  if (options.bus !== undefined) checkRedisUrl(options.bus);
  const store = await openStore({
    dataDir,
    ...(options.store !== undefined ? { store: options.store } : {}),
    onError: options.onError ?? console.error,
  });
  // An in-memory server keeps its media in a temporary directory, removed on close.
  const mediaDir = dataDir === ":memory:" ? mkdtempSync(join(tmpdir(), "confab-media-")) : join(resolve(dataDir), "media");
  const now = options.now ?? (() => new Date());
  const limits = { ...defaultLimits, ...options.limits };
  const onError = options.onError ?? ((error: unknown) => console.error(error));
  let opened: Awaited<ReturnType<typeof openBus>>;
  try {
    opened = await openBus(options.bus, options.cluster ?? {}, onError);
  } catch (error) {
    await store.close();
    throw error;
  }
  const core: Core = {
    store,
    bus: opened.bus,
    ...(opened.cluster ? { cluster: opened.cluster } : {}),
    limits,
    now,
    media: diskContentStore(mediaDir),
    writeRate: new ConversationRateLimiter(limits.writesPerConversationPerSecond),
  };
  const webhooks = createWebhookDispatcher(core, { ...options.webhooks, onError: options.onWebhookError ?? (() => {}) });
  core.hooks = webhooks.hooks;
  const stopWebhooks = webhooks.start();
  const pushSender = options.push?.sender ?? (options.push?.webhookUrl ? webhookPushSender(options.push.webhookUrl) : undefined);
  const push = pushSender ? startPushDispatcher(core, pushSender, options.onWebhookError ?? (() => {})) : undefined;
  const credentials = await provision(store, options.credentials ?? {}, now());
  const stopEvents = options.onEvent ? core.bus.subscribe(options.onEvent) : () => {};

  // Listen first: with port 0 the URL (and so the default public URL) is known only then. No
  // request is taken before the listeners below are attached.
  const server = createServer();
  await new Promise<void>((resolveListen, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 4000, host, () => resolveListen());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host}:${port}`;
  const publicUrl = options.publicUrl?.replace(/\/+$/, "") ?? url;
  core.relay = createStreamRelay(core, publicUrl);
  const app = {
    core,
    publicUrl,
    signingSecret: async (accountSid: string) => (await store.get("account", accountSid))?.authToken ?? "",
    onError,
  };
  const restOptions = { app, version, ...(options.validateResponses ? { validateResponses: true } : {}), onError };
  const router = createApiRouter(restOptions);
  const realtimeOptions = {
    ...defaultRealtimeOptions,
    ...options.realtime,
    onError,
    ...(options.validateResponses ? { validateResponses: true } : {}),
  };
  const realtime = attachRealtime(server, core, router, realtimeOptions);
  const stopTwilsock = attachTwilsock(realtime, core, router, realtimeOptions, publicUrl);
  // Publish what a crash left in the outbox, now that webhooks, push and sockets are listening.
  await flushOutbox(core);
  // In a cluster, also what other nodes left behind when they died.
  await sweepOutbox(core);
  const stopSweep = core.cluster ? sweepOutboxEvery(core, opened.outboxSweepMs, onError) : () => {};
  const stopTimers = sweepTimersEvery(core, options.timerSweepMs ?? 30_000, realtimeOptions.streamRetentionMs, onError);
  const dev = options.dev ?? false;
  const demoDir = dev ? (options.demoDir ?? defaultDemoDir()) : undefined;
  server.on("request", createRestListener({ ...restOptions, router, credentials, devTokens: dev, demoDir }));
  answerClientErrors(server);

  return {
    url,
    credentials,
    core,
    webhooksIdle: () => webhooks.idle(),
    pushIdle: async () => push?.idle(),
    realtime,
    async close() {
      realtime.close();
      stopTwilsock();
      stopTimers();
      stopSweep();
      stopEvents();
      stopWebhooks();
      push?.stop();
      await new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      });
      await realtime.hub.settled();
      await core.bus.close();
      await store.close();
      if (dataDir === ":memory:") rmSync(mediaDir, { recursive: true, force: true });
    },
  };
}

/** In a cluster: publishes, now and then, the outbox events of nodes that died before publishing them. */
function sweepOutboxEvery(core: Core, intervalMs: number, onError: (error: unknown) => void): () => void {
  return repeatEvery(intervalMs, () => sweepOutbox(core), onError);
}

/**
 * Makes elapsed conversation timers permanent now and then, so their state changes reach
 * webhooks and clients even when nobody reads the conversation; and drops stream events older
 * than the retention.
 */
function sweepTimersEvery(core: Core, intervalMs: number, retentionMs: number, onError: (error: unknown) => void): () => void {
  return repeatEvery(
    intervalMs,
    async () => {
      for await (const service of eachRecord(core.store, "service", { batch: 100 })) await applyDueTimers(core, service.sid);
      await trimStreams(core, retentionMs);
    },
    onError,
  );
}

/** Runs `work` every `intervalMs`, skipping a tick while the previous run is still going; resolves a stop function. */
function repeatEvery(intervalMs: number, work: () => Promise<void>, onError: (error: unknown) => void): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    void work()
      .catch(onError)
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
