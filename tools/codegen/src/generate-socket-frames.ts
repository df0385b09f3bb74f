import { generatedHeader } from "./header.js";
import { type SocketSchemas, socketDocumentId } from "./load-asyncapi.js";
import { asyncapiEntry } from "./paths.js";
import type { Json } from "./openapi-walk.js";

/**
 * The unions a socket client or server works with, read off the AsyncAPI operations: what the
 * client sends (`send` operations), what the server sends (`receive` operations and replies),
 * which of those are events, and the payload of each event by name. The member types are the
 * Modelina models of socket-models.ts, named after each payload schema's title.
 */
export function generateSocketFrames(socket: SocketSchemas, modelNames: Set<string>): string {
  const entry = socket.documents[socketDocumentId(asyncapiEntry)] as Json;
  const messages = (entry.components?.messages ?? {}) as Record<string, Json>;
  const schemas = (entry.components?.schemas ?? {}) as Record<string, Json>;

  const typeOf = (messageName: string): string => {
    const payload = messages[messageName]?.payload as Json | undefined;
    const ref = typeof payload?.$ref === "string" ? (payload.$ref.split("/").pop() as string) : undefined;
    const title = (ref ? schemas[ref]?.title : payload?.title) ?? ref;
    if (!title || !modelNames.has(title)) throw new Error(`Socket message ${messageName} has no named payload model (got ${title})`);
    return title;
  };
  const messageNameOf = (ref: Json): string => String(ref.$ref).split("/").pop() as string;

  const clientFrames = new Set<string>();
  const serverFrames = new Set<string>();
  for (const operation of Object.values<Json>(entry.operations ?? {})) {
    const target = operation.action === "send" ? clientFrames : serverFrames;
    for (const ref of operation.messages ?? []) target.add(messageNameOf(ref));
    for (const ref of operation.reply?.messages ?? []) serverFrames.add(messageNameOf(ref));
  }

  const events: { name: string; type: string; durable: boolean }[] = [];
  for (const name of serverFrames) {
    const type = typeOf(name);
    const payload = schemas[type] ?? {};
    const eventName = payload.properties?.event?.const;
    if (typeof eventName === "string") events.push({ name: eventName, type, durable: (payload.required ?? []).includes("cursor") });
  }

  const union = (names: Iterable<string>) =>
    [...new Set([...names].map(typeOf))]
      .sort()
      .map((t) => `  | ${t}`)
      .join("\n");
  const imports = [...new Set([...clientFrames, ...serverFrames].map(typeOf))].sort();
  return [
    generatedHeader("spec/asyncapi"),
    `import type { ${imports.join(", ")} } from "./socket-models.js";`,
    "",
    "/** Every frame a client sends. */",
    `export type ClientFrame =\n${union(clientFrames)};`,
    "",
    "/** Every frame the server sends. */",
    `export type ServerFrame =\n${union(serverFrames)};`,
    "",
    "/** Every event frame the server sends. */",
    `export type ServerEventFrame =\n${events.map((e) => `  | ${e.type}`).join("\n")};`,
    "",
    "/** The payload (`data`) of each event, by event name. */",
    "export type SocketEventMap = {",
    ...events.map((e) => `  ${e.name}: ${e.type}["data"];`),
    "};",
    "",
    "/** Events with a cursor: durable, replayed on resume. */",
    `export const durableEvents = ${JSON.stringify(events.filter((e) => e.durable).map((e) => e.name))} as const;`,
    "",
    "/** Events without a cursor: live only, never replayed. */",
    `export const ephemeralEvents = ${JSON.stringify(events.filter((e) => !e.durable).map((e) => e.name))} as const;`,
    "",
  ].join("\n");
}
