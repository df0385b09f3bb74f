/** Small helpers for walking a bundled OpenAPI document (local references only). */

// biome-ignore lint/suspicious/noExplicitAny: OpenAPI documents are untyped JSON here.
export type Json = Record<string, any>;

export const HTTP_METHODS = ["get", "post", "put", "patch", "delete"] as const;

/** Follows local `$ref`s until it reaches a node that is not a reference. */
export function deref(doc: Json, node: Json | undefined): Json | undefined {
  let current = node;
  for (let hops = 0; current && typeof current.$ref === "string"; hops++) {
    if (hops > 32) throw new Error(`Reference cycle at ${current.$ref}`);
    const ref: string = current.$ref;
    if (!ref.startsWith("#/")) throw new Error(`Unexpected external reference ${ref}`);
    current = ref
      .slice(2)
      .split("/")
      .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
      .reduce<Json | undefined>((acc, key) => acc?.[key], doc);
  }
  return current;
}

export type WalkedOperation = {
  id: string;
  method: string;
  path: string;
  op: Json;
  pathItem: Json;
  /** Path-level and operation-level parameters, resolved; the operation's win on a clash. */
  parameters: Json[];
};

/** Every operation of the document, in document order. */
export function walkOperations(doc: Json): WalkedOperation[] {
  const found: WalkedOperation[] = [];
  for (const [path, rawItem] of Object.entries<Json>(doc.paths ?? {})) {
    const pathItem = deref(doc, rawItem) ?? {};
    for (const method of HTTP_METHODS) {
      const op = pathItem[method];
      if (!op) continue;
      const byKey = new Map<string, Json>();
      for (const raw of [...(pathItem.parameters ?? []), ...(op.parameters ?? [])]) {
        const p = deref(doc, raw) ?? {};
        byKey.set(`${p.in} ${p.name}`, p);
      }
      found.push({ id: op.operationId, method: method.toUpperCase(), path, op, pathItem, parameters: [...byKey.values()] });
    }
  }
  return found;
}

/** The 2xx status an operation answers with on success. */
export function successStatusOf(op: Json): string | undefined {
  return Object.keys(op.responses ?? {}).find((code) => /^2\d\d$/.test(code));
}

/** The media types of an operation's request body, resolved. */
export function requestContentOf(doc: Json, op: Json): Json | undefined {
  return deref(doc, op.requestBody)?.content;
}

/** The JSON schema (possibly a reference) of an operation's response with the given status. */
export function responseSchemaRefOf(doc: Json, op: Json, status: string): Json | undefined {
  return deref(doc, op.responses?.[status])?.content?.["application/json"]?.schema;
}
