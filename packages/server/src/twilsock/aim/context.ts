import type { FormValue } from "@confab/protocol";
import { ConfabApiError, type Router } from "@confab/protocol/server";
import type { Actor, Core } from "../../core/context.js";
import type { RealtimeHub, StreamSubscriber } from "../../realtime/hub.js";
import type { SessionIdentity } from "../../auth/session-token.js";
import { type OperationOutcome, runOperation } from "../../realtime/socket-request.js";

/** A tunnelled HTTP request, as the SDK puts it in a twilsock `message` frame. */
export type TunnelRequest = {
  method: string;
  /** The path without the query, e.g. `/Client/v2/Conversations`. */
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  /** The parsed JSON body, or a form-encoded body as text. */
  body: unknown;
  /** Which client API the path named: `v1` (Chat) or `v2` (Conversations). */
  clientApi?: "v1" | "v2";
};

export type TunnelResponse = { status: number; body?: unknown };

/** What a tunnel handler works with: the session's user, and the REST router it runs operations through. */
export type TunnelContext = {
  core: Core;
  router: Router;
  hub: RealtimeHub;
  session: StreamSubscriber;
  who: SessionIdentity;
  actor: Actor;
  /** The server's public URL: every link the SDK is given is absolute. */
  base: string;
};

/** Runs a REST operation as the session's user; service-scoped operations get the session's service. */
export function call(
  ctx: TunnelContext,
  operation: string,
  params: Record<string, FormValue | undefined>,
  body?: Record<string, FormValue | undefined>,
  idempotencyKey?: string,
): Promise<OperationOutcome> {
  const clean = (fields: Record<string, FormValue | undefined>) =>
    Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Record<string, FormValue>;
  return runOperation(ctx.router, ctx.actor, {
    operation,
    params: clean({ ChatServiceSid: ctx.who.service.sid, ...params }),
    ...(body ? { body: clean(body) } : {}),
    ...(idempotencyKey ? { idempotency_key: idempotencyKey } : {}),
  });
}

/**
 * An operation's outcome as the tunnel's HTTP answer, reshaping a success with `shape`. REST
 * URLs in it become client API URLs: the SDK follows `url` and `links` to its next calls.
 */
export function answer<T = Json>(ctx: TunnelContext, outcome: OperationOutcome, shape: (body: T) => unknown = (b) => b): TunnelResponse {
  if (outcome.error) return { status: outcome.status, body: outcome.error };
  if (outcome.body === undefined) return { status: outcome.status };
  return { status: outcome.status, body: clientUrls(ctx, shape(outcome.body as T)) };
}

// biome-ignore lint/suspicious/noExplicitAny: the JSON of the REST API, reshaped field by field for the SDK
export type Json = Record<string, any>;

function clientUrls(ctx: TunnelContext, value: unknown): unknown {
  const rest = `${ctx.base}/v1/Services/${ctx.who.service.sid}/`;
  const client = `${ctx.base}/Client/v2/`;
  if (typeof value === "string") return value.startsWith(rest) ? client + value.slice(rest.length) : value;
  if (Array.isArray(value)) return value.map((item) => clientUrls(ctx, item));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clientUrls(ctx, v)]));
  return value;
}

/** A JSON body field as a REST form value: attributes arrive double-encoded (already a JSON string) or as an object. */
export function field(body: unknown, name: string): FormValue | undefined {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value === "object") return JSON.stringify(value);
  return value as FormValue;
}

/** The PageToken of a REST page's next link, or null at the end. */
export function nextToken(meta: { next_page_url?: string | null } | undefined): string | null {
  if (!meta?.next_page_url) return null;
  return new URL(meta.next_page_url).searchParams.get("PageToken");
}

/** The PageToken of a REST page's previous link, or null on the first page. */
export function previousToken(meta: { previous_page_url?: string | null } | undefined): string | null {
  if (!meta?.previous_page_url) return null;
  return new URL(meta.previous_page_url).searchParams.get("PageToken");
}

/**
 * Runs a core function as a tunnel answer: its result shaped (REST URLs made client URLs), or
 * the Twilio error it throws, as `answer` gives for an operation.
 */
export async function direct<T>(
  ctx: TunnelContext,
  status: number,
  run: () => Promise<T>,
  shape: (value: T) => unknown,
): Promise<TunnelResponse> {
  try {
    return { status, body: clientUrls(ctx, shape(await run())) };
  } catch (error) {
    if (error instanceof ConfabApiError) return { status: error.status, body: error.toJSON() };
    throw error;
  }
}
