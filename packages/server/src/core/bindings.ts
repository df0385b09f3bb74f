import type { BindingRecord, Filter, Page, ServiceRecord } from "../store/index.js";
import type { PageRequest } from "./conversations.js";
import type { Actor, Core } from "./context.js";
import { fail } from "./errors.js";
import { requireAdmin } from "./permissions.js";

/** Only bindings of these types and of these identities; an empty or absent list means any. */
export type BindingFilter = { bindingTypes?: string[]; identities?: string[] };

/** How many bindings a filtered scan reads at a time. */
const SCAN_CHUNK = 100;

/**
 * A page of the service's push bindings. A single value per filter goes to the store as an
 * equality; several values are matched while scanning, so pages stay full and tokens stay valid.
 */
export async function listBindings(
  core: Core,
  actor: Actor,
  service: ServiceRecord,
  filter: BindingFilter,
  page: PageRequest,
): Promise<Page<BindingRecord>> {
  requireAdmin(actor);
  const types = filter.bindingTypes?.length ? new Set(filter.bindingTypes) : undefined;
  const identities = filter.identities?.length ? new Set(filter.identities) : undefined;
  const where: Filter<"binding"> = {};
  if (types?.size === 1) where.bindingType = [...types][0] as BindingRecord["bindingType"];
  if (identities?.size === 1) where.identity = [...identities][0] as string;
  const keep = (b: BindingRecord) => (!types || types.has(b.bindingType)) && (!identities || identities.has(b.identity));

  const items: BindingRecord[] = [];
  const positions: number[] = [];
  let after = page.after;
  for (;;) {
    const chunk = await core.store.list("binding", {
      parent: service.sid,
      where,
      limit: Math.max(page.pageSize, SCAN_CHUNK),
      order: page.order ?? "asc",
      ...(after === undefined ? {} : { after }),
    });
    for (const [i, binding] of chunk.items.entries()) {
      if (!keep(binding)) continue;
      if (items.length === page.pageSize) return { items, positions, hasMore: true };
      items.push(binding);
      positions.push(chunk.positions[i] as number);
    }
    if (!chunk.hasMore) return { items, positions, hasMore: false };
    after = chunk.positions.at(-1);
  }
}

/** A binding of the service; 404 when missing or another service's. */
export async function findBinding(core: Core, actor: Actor, service: ServiceRecord, sid: string): Promise<BindingRecord> {
  requireAdmin(actor);
  const binding = await core.store.get("binding", sid);
  if (!binding || binding.serviceSid !== service.sid) throw fail.notFound(`/Services/${service.sid}/Bindings/${sid}`);
  return binding;
}

/** Deletes a binding: the endpoint gets no more pushes until the SDK registers it again. */
export async function deleteBinding(core: Core, actor: Actor, service: ServiceRecord, sid: string): Promise<void> {
  const binding = await findBinding(core, actor, service, sid);
  await core.store.transaction((tx) => tx.remove("binding", binding.sid));
}
