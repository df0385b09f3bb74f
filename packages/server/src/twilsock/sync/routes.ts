import type { Core } from "../../core/context.js";
import { latestPosition } from "../../realtime/stream-reader.js";
import { streamOf } from "../../store/index.js";
import type { TunnelContext, TunnelRequest, TunnelResponse } from "../aim/context.js";
import type { SyncObject } from "./names.js";
import { type ItemQuery, queryOfToken, readItems, readObject, resolveObject, SyncAccessError } from "./objects.js";
import { decodeSegment } from "../../http/path-segment.js";
import { tunnelError } from "../tunnel-error.js";

const TYPES: Record<string, SyncObject["type"]> = { Documents: "document", Lists: "list", Maps: "map" };

/**
 * Sync event ids are stream positions plus one (0 means "before any event"): they grow along the
 * user's stream, so they grow per object too.
 */
export const eventIdOf = (position: number) => position + 1;

/** The id of the newest event of a user's stream: what every object read now reports as its `last_event_id`. */
export async function latestEventId(core: Core, serviceSid: string, identity: string): Promise<number> {
  return eventIdOf(await latestPosition(core, streamOf(serviceSid, identity)));
}

/**
 * The Sync reads the SDK makes (`/v3/Documents|Lists|Maps/{id}[/Items[/{key}]]`), answered from
 * the domain. The stream position is read before the data, so an event that lands in between
 * is both in the data and replayed to a subscription from that position, never in neither.
 */
export async function syncRead(ctx: TunnelContext, request: TunnelRequest): Promise<TunnelResponse | null> {
  const match = /^\/v3\/(Documents|Lists|Maps)\/([^/]+)(?:\/(Items)(?:\/([^/]+))?)?$/.exec(request.path);
  if (!match || request.method !== "GET") return null;
  const [, collection, id, items, key] = match as unknown as [string, string, string, string | undefined, string | undefined];
  const type = TYPES[collection] as SyncObject["type"];
  try {
    const lastEventId = await latestEventId(ctx.core, ctx.who.service.sid, ctx.who.identity);
    const object = await resolveObject(ctx.core, ctx.who, decodeSegment(id), type);
    if (!items) {
      return { status: 200, body: await readObject(ctx.core, ctx.base, object, lastEventId, request.query.Include === "items") };
    }
    const pageSize = Math.min(Math.max(Number(request.query.PageSize ?? 50) || 50, 1), 1000);
    const wanted = key === undefined ? undefined : decodeSegment(key);
    const query: ItemQuery | null = request.query.PageToken
      ? queryOfToken(request.query.PageToken, pageSize)
      : {
          order: request.query.Order === "desc" ? "desc" : "asc",
          pageSize: wanted === undefined ? pageSize : 1,
          ...((wanted ?? request.query.From ?? request.query.Index ?? request.query.Key) !== undefined
            ? { from: (wanted ?? request.query.From ?? request.query.Index ?? request.query.Key) as string }
            : {}),
        };
    if (!query) return tunnelError(400, 20001, "Invalid PageToken");
    const page = await readItems(ctx.core, ctx.base, object, lastEventId, query);
    if (wanted === undefined) return { status: 200, body: page };
    const item = page.items.find((i) => String((i as { index?: number; key?: string }).index ?? (i as { key?: string }).key) === wanted);
    return item ? { status: 200, body: item } : tunnelError(404, 54201, `Item ${wanted} not found`);
  } catch (error) {
    if (error instanceof SyncAccessError) return tunnelError(error.status, error.status === 404 ? 54100 : 54007, error.message);
    throw error;
  }
}
