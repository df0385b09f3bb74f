import type { OpenApiDocument } from "./bundle-openapi.js";
import { generatedHeader } from "./header.js";
import { deref, type Json, requestContentOf, responseSchemaRefOf, successStatusOf, walkOperations } from "./openapi-walk.js";

/** What the thin client and the router need to know about one operation, and nothing more. */
export type OperationEntry = {
  method: string;
  path: string;
  pathParams: string[];
  queryParams: string[];
  headerParams: string[];
  /**
   * How the request body is sent: Twilio's form encoding, JSON (the official SDKs' client API),
   * raw bytes (media upload), or none.
   */
  body: "form" | "json" | "binary" | null;
  successStatus: number;
  /** For list operations, the property of the page that holds its items. */
  listKey: string | null;
  /** The response is raw bytes rather than JSON (media content). */
  binaryResponse: boolean;
  /** No credentials needed (`security: []`). */
  public: boolean;
  /** Not in Twilio's API: one of Confab's additions. */
  confab: boolean;
  /**
   * Query and form fields whose enum takes a value in any letter case (`x-confab-case-insensitive`),
   * with the members to map it to: `GcM` is taken as `gcm`.
   */
  caseInsensitive: Record<string, string[]>;
  tag: string | null;
};

export function operationEntries(doc: OpenApiDocument): Record<string, OperationEntry> {
  const table: Record<string, OperationEntry> = {};
  for (const { id, method, path, op, parameters } of walkOperations(doc)) {
    if (!id) throw new Error(`${method} ${path} has no operationId`);
    if (table[id]) throw new Error(`operationId ${id} is used twice`);
    const status = successStatusOf(op);
    if (!status) throw new Error(`${id} has no 2xx response`);
    // A placeholder without its parameter (or the reverse) would match paths but never fill the value.
    const placeholders = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
    const declared = names(parameters, "path").sort();
    if (placeholders.join() !== declared.join()) {
      throw new Error(
        `${id}: path ${path} names {${placeholders.join("}, {")}} but declares path parameters ${declared.join(", ") || "none"}`,
      );
    }
    const content = requestContentOf(doc, op) ?? {};
    const body = content["application/x-www-form-urlencoded"]
      ? "form"
      : content["application/json"]
        ? "json"
        : Object.keys(content).length > 0
          ? "binary"
          : null;
    const responseSchema = deref(doc, responseSchemaRefOf(doc, op, status));
    const successContent = deref(doc, op.responses[status])?.content ?? {};
    table[id] = {
      method,
      path,
      pathParams: names(parameters, "path"),
      queryParams: names(parameters, "query"),
      headerParams: names(parameters, "header"),
      body,
      successStatus: Number(status),
      listKey: listKeyOf(doc, responseSchema),
      binaryResponse: status !== "204" && !successContent["application/json"],
      public: Array.isArray(op.security) && op.security.length === 0,
      confab: op["x-confab"] !== undefined,
      caseInsensitive: caseInsensitiveFields(doc, parameters, content["application/x-www-form-urlencoded"]?.schema),
      tag: op.tags?.[0] ?? null,
    };
  }
  return table;
}

function caseInsensitiveFields(doc: Json, parameters: Json[], form: Json | undefined): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  const consider = (name: string, schema: Json | undefined) => {
    const s = deref(doc, schema);
    if (s?.["x-confab-case-insensitive"] && Array.isArray(s.enum)) fields[name] = s.enum.map(String);
  };
  for (const p of parameters) if (p.in === "query") consider(p.name, p.schema);
  for (const [name, schema] of Object.entries<Json>(deref(doc, form)?.properties ?? {})) consider(name, schema);
  return fields;
}

function names(parameters: Json[], where: string): string[] {
  return parameters.filter((p) => p.in === where).map((p) => p.name as string);
}

/** A list page is an object with `meta` and exactly one array property: its items. */
function listKeyOf(doc: Json, schema: Json | undefined): string | null {
  if (!schema?.properties?.meta) return null;
  const arrays = Object.entries<Json>(schema.properties).filter(([, s]) => deref(doc, s)?.type === "array");
  return arrays.length === 1 ? (arrays[0]?.[0] ?? null) : null;
}

export function generateOperationTable(doc: OpenApiDocument, source = "spec/openapi"): string {
  const table = operationEntries(doc);
  const lines = [
    generatedHeader(source),
    "/** Every REST operation by operationId: method, path template, parameters by location, body and response kind. */",
    "export const operations = {",
  ];
  for (const [id, entry] of Object.entries(table)) {
    lines.push(`  ${id}: ${JSON.stringify(entry)},`);
  }
  lines.push("} as const;", "", "export type OperationId = keyof typeof operations;", "");
  return lines.join("\n");
}
