/**
 * Twilio's published schemas as a second oracle: every JSON answer the official helper receives
 * in these tests is checked against the response schema Twilio's own OpenAPI document gives for
 * that operation (../shared/reference/twilio-rest/twilio_conversations_v1.json, and
 * twilio_chat_v2.json for the Chat v2 / IP Messaging v2 paths). Confab's own validators check
 * against Confab's spec on the server side; this checks against Twilio's.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { Ajv, type ValidateFunction } from "ajv";

type Json = Record<string, any>;

const referenceDir = resolve(import.meta.dirname, "../../../../../shared/reference/twilio-rest");
const documents = ["twilio_conversations_v1.json", "twilio_chat_v2.json"].map(
  (name) => [name, JSON.parse(readFileSync(resolve(referenceDir, name), "utf8")) as Json] as const,
);

// Twilio's documents are OpenAPI 3.0: `nullable` is a keyword ajv understands with this option.
const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true });
for (const [name, doc] of documents) ajv.addSchema({ $id: name, components: withoutUntypedNullable(doc.components) });

/** `nullable` without `type` (Twilio's "any JSON" fields) means any value; ajv wants a type. */
function withoutUntypedNullable(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutUntypedNullable);
  if (typeof node !== "object" || node === null) return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === "nullable" && !("type" in node)) continue;
    out[k] = withoutUntypedNullable(v);
  }
  return out;
}

type Route = { method: string; pattern: RegExp; schemaRef: string | undefined };

const routes: Route[] = [];
for (const [name, twilioDoc] of documents)
  for (const [path, item] of Object.entries<Json>(twilioDoc.paths)) {
    const pattern = new RegExp(`^${path.replace(/\{[^}]+\}/g, "[^/]+")}$`);
    for (const method of ["get", "post", "delete"]) {
      const op = item[method];
      if (!op) continue;
      const status = Object.keys(op.responses).find((code) => code.startsWith("2")) as string;
      const ref = op.responses[status]?.content?.["application/json"]?.schema?.$ref as string | undefined;
      routes.push({ method: method.toUpperCase(), pattern, schemaRef: ref ? `${name}${ref}` : undefined });
    }
  }

const compiled = new Map<string, ValidateFunction>();

/** Checks a response body against Twilio's schema for the operation; returns the problems. */
export function checkAgainstTwilio(method: string, url: string, body: unknown): string[] {
  const path = new URL(url).pathname;
  const route = routes.find((r) => r.method === method.toUpperCase() && r.pattern.test(path));
  if (!route?.schemaRef) return [];
  let validate = compiled.get(route.schemaRef);
  if (!validate) {
    validate = ajv.compile({ $ref: route.schemaRef });
    compiled.set(route.schemaRef, validate);
  }
  if (validate(body)) return [];
  return (validate.errors ?? []).map((e) => `${method} ${path}: ${e.instancePath || "/"} ${e.message}`);
}
