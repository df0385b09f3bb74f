import type { DomainEvent, Unsubscribe } from "../bus/index.js";
import type { Core, PreHookRequest, PreHooks } from "../core/context.js";
import { fail } from "../core/errors.js";
import { postEventsFor } from "./event-params.js";
import { twilioSignature } from "./signature.js";

export type WebhookOptions = {
  /** Milliseconds a webhook may take to answer (Twilio: 5 s for pre-event hooks). */
  timeoutMs?: number;
  /** Retries of a post-event webhook after a network error, a 5xx or a 429. */
  retries?: number;
  /** The first retry's delay; each next one doubles it (with full jitter). */
  retryDelayMs?: number;
  fetch?: typeof fetch;
  onError?: (error: unknown) => void;
};

type Target = { url: string; method: "GET" | "POST"; filters: string[]; webhookSid?: string };

/**
 * Service, account and conversation-scoped webhooks, as Twilio sends them: form parameters
 * signed with `X-Twilio-Signature`. Pre-event hooks are asked synchronously and may reject
 * (non-2xx) or modify (a JSON body) the write; post-event hooks are sent in the background with
 * retries. Only writes that fire webhooks reach them (SDK writes, REST writes with
 * `X-Twilio-Webhook-Enabled: true`).
 */
export function createWebhookDispatcher(core: Core, options: WebhookOptions = {}) {
  const timeoutMs = options.timeoutMs ?? 5000;
  const retries = options.retries ?? 3;
  const retryDelayMs = options.retryDelayMs ?? 1000;
  const doFetch = options.fetch ?? globalThis.fetch;
  const inFlight = new Set<Promise<void>>();

  async function authTokenOf(accountSid: string): Promise<string | undefined> {
    return (await core.store.get("account", accountSid))?.authToken;
  }

  async function serviceTargets(accountSid: string, serviceSid: string, which: "pre" | "post"): Promise<Target[]> {
    const targets: Target[] = [];
    const service = await core.store.get("service", serviceSid);
    const configuration = await core.store.get("configuration", accountSid);
    for (const settings of [service?.webhook, configuration?.webhook]) {
      const url = which === "pre" ? settings?.preWebhookUrl : settings?.postWebhookUrl;
      if (settings && url) targets.push({ url, method: settings.method, filters: settings.filters });
    }
    return targets;
  }

  function send(target: Target, params: Record<string, string>, authToken: string): Promise<Response> {
    const body = new URLSearchParams(params);
    const url = target.method === "GET" ? `${target.url}${target.url.includes("?") ? "&" : "?"}${body.toString()}` : target.url;
    const signature = twilioSignature(authToken, url, target.method === "GET" ? {} : params);
    return doFetch(url, {
      method: target.method,
      headers: {
        "X-Twilio-Signature": signature,
        "User-Agent": "Confab-Webhooks/1.0",
        ...(target.method === "POST" ? { "Content-Type": "application/x-www-form-urlencoded; charset=utf-8" } : {}),
      },
      ...(target.method === "POST" ? { body: body.toString() } : {}),
      signal: AbortSignal.timeout(timeoutMs),
    });
  }

  const hooks: PreHooks = {
    async before(request: PreHookRequest): Promise<Record<string, string>> {
      const targets = (await serviceTargets(request.accountSid, request.serviceSid, "pre")).filter((t) =>
        t.filters.includes(request.eventType),
      );
      if (targets.length === 0) return {};
      const authToken = await authTokenOf(request.accountSid);
      if (!authToken) return {};
      const origin: Record<string, string> =
        request.actor.kind === "user" ? { Source: "SDK", ClientIdentity: request.actor.identity } : { Source: "API" };
      const params: Record<string, string> = {
        AccountSid: request.accountSid,
        ChatServiceSid: request.serviceSid,
        ...(request.conversationSid ? { ConversationSid: request.conversationSid } : {}),
        ...request.params,
        ...origin,
        EventType: request.eventType,
        RetryCount: "0",
      };
      const changes: Record<string, string> = {};
      for (const target of targets) {
        let response: Response;
        try {
          response = await send(target, params, authToken);
        } catch (error) {
          // An unreachable or slow hook does not block writes: availability over control.
          options.onError?.(error);
          continue;
        }
        if (!response.ok) throw fail.forbidden(`The ${request.eventType} pre-event webhook rejected this (HTTP ${response.status})`);
        Object.assign(changes, await modifications(response));
      }
      return changes;
    },
  };

  async function deliver(target: Target, params: Record<string, string>, authToken: string): Promise<void> {
    for (let attempt = 0; attempt <= retries; attempt++) {
      try {
        const response = await send(target, { ...params, RetryCount: String(attempt) }, authToken);
        await response.arrayBuffer().catch(() => undefined);
        if (response.ok || (response.status < 500 && response.status !== 429)) return;
      } catch (error) {
        if (attempt === retries) options.onError?.(error);
      }
      if (attempt < retries) await new Promise((r) => setTimeout(r, Math.random() * retryDelayMs * 2 ** attempt));
    }
  }

  async function onEvent(event: DomainEvent): Promise<void> {
    if (!event.origin?.webhooks) return;
    const posts = postEventsFor(event);
    if (posts.length === 0) return;
    const authToken = await authTokenOf(event.accountSid);
    if (!authToken) return;
    const targets = await serviceTargets(event.accountSid, event.serviceSid, "post");
    if (event.conversationSid) {
      const scoped = await core.store.list("conversationWebhook", {
        parent: event.conversationSid,
        where: { target: "webhook" },
        limit: 10,
      });
      for (const w of scoped.items) if (w.url) targets.push({ url: w.url, method: w.method, filters: w.filters, webhookSid: w.sid });
    }
    for (const { eventType, params } of posts) {
      for (const target of targets) {
        if (!target.filters.includes(eventType)) continue;
        const delivery = deliver(
          target,
          { ...params, EventType: eventType, ...(target.webhookSid ? { WebhookSid: target.webhookSid } : {}) },
          authToken,
        );
        inFlight.add(delivery);
        void delivery.finally(() => inFlight.delete(delivery));
      }
    }
  }

  return {
    hooks,
    /** Starts sending post-event webhooks for what the bus carries. */
    start(): Unsubscribe {
      return core.bus.subscribe((event) => {
        // Look-ups and sending happen off the bus, so a slow webhook never holds up other subscribers.
        const work = onEvent(event).catch((error) => options.onError?.(error));
        inFlight.add(work);
        void work.finally(() => inFlight.delete(work));
      });
    },
    /** Resolves when every webhook started so far has been sent or given up on. */
    async idle(): Promise<void> {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}

/** A pre-event hook may answer with JSON naming fields to change (`{"body": "…"}`). */
async function modifications(response: Response): Promise<Record<string, string>> {
  const text = await response.text();
  if (!text.trim()) return {};
  try {
    const parsed = JSON.parse(text) as unknown;
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return {};
    const out: Record<string, string> = {};
    for (const [key, value] of Object.entries(parsed)) out[key] = typeof value === "string" ? value : JSON.stringify(value);
    return out;
  } catch {
    return {};
  }
}
