/**
 * Compares Confab's OpenAPI document with Twilio's published documents (Conversations v1, Chat v2),
 * which serve as test oracles: every Twilio operation must exist in ours with the same method,
 * path, operation ID (Chat v2's carry a `Chat` prefix) and success status; every parameter and form field Twilio documents must be there
 * with the same location, type, enum values and requiredness; every field of Twilio's response
 * resources must be in ours. Operations Twilio does not have must be marked `x-confab`.
 *
 * Run it alone with `pnpm --filter @confab/codegen oracle`; the test suite runs it too.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { bundleOpenApi, type OpenApiDocument } from "./bundle-openapi.js";
import { deref, type Json, walkOperations } from "./openapi-walk.js";
import { twilioReferenceDir } from "./paths.js";

/** Reduces a schema to what the oracle compares: its base type and its enum, null removed. */
export function shapeOf(doc: Json, schema: Json | undefined): { type: string; enum?: string[]; items?: string } {
  const s = deref(doc, schema) ?? {};
  const variants = (s.oneOf ?? s.anyOf) as Json[] | undefined;
  if (variants) {
    const nonNull = variants.map((v) => deref(doc, v) ?? {}).filter((v) => v.type !== "null");
    if (nonNull.length === 1) return shapeOf(doc, nonNull[0]);
    return { type: "mixed" };
  }
  if (s.allOf?.length === 1) return shapeOf(doc, s.allOf[0]);
  const types = (Array.isArray(s.type) ? s.type : [s.type]).filter((t: unknown) => t && t !== "null");
  const type = types.length === 1 ? String(types[0]) : types.length === 0 ? "any" : "mixed";
  const shape: { type: string; enum?: string[]; items?: string } = { type };
  if (Array.isArray(s.enum))
    shape.enum = s.enum
      .filter((v: unknown) => v !== null)
      .map(String)
      .sort();
  if (type === "array") shape.items = shapeOf(doc, s.items).type;
  return shape;
}

function operations(doc: Json): Map<string, ReturnType<typeof walkOperations>[number]> {
  return new Map(walkOperations(doc).map((o) => [`${o.method} ${o.path}`, o]));
}

function parametersOf(params: Json[]): Map<string, Json> {
  return new Map(params.map((p) => [`${p.in} ${p.name}`, p]));
}

function formSchemaOf(doc: Json, op: Json): Json | undefined {
  const body = deref(doc, op.requestBody);
  return deref(doc, body?.content?.["application/x-www-form-urlencoded"]?.schema);
}

function successOf(op: Json): string | undefined {
  return Object.keys(op.responses ?? {}).find((code) => /^2\d\d$/.test(code));
}

function responseSchemaOf(doc: Json, op: Json, code: string): Json | undefined {
  const response = deref(doc, op.responses?.[code]);
  return deref(doc, response?.content?.["application/json"]?.schema);
}

function sameShape(a: ReturnType<typeof shapeOf>, b: ReturnType<typeof shapeOf>): boolean {
  if (a.type === "any" || b.type === "any") return true;
  if (a.type !== b.type) return false;
  if (a.items && b.items && a.items !== b.items && a.items !== "any" && b.items !== "any") return false;
  return JSON.stringify(a.enum ?? null) === JSON.stringify(b.enum ?? null);
}

/**
 * Which part of our document one of Twilio's documents describes: the paths it covers, and the
 * prefix our operation IDs add to Twilio's (Chat v2's `CreateChannel` is our `ChatCreateChannel`).
 */
export type OracleScope = { covers: (path: string) => boolean; idPrefix: string };

/** Twilio's Conversations v1 document covers every path but Chat v2's. */
export const conversationsScope: OracleScope = { covers: (path) => !path.startsWith("/v2/"), idPrefix: "" };
/** Twilio's Chat v2 (and IP Messaging v2) document covers the `/v2/` paths. */
export const chatScope: OracleScope = { covers: (path) => path.startsWith("/v2/"), idPrefix: "Chat" };

/** Every way in which `ours` falls short of `twilio`, one line each; empty when it does not. */
export function compareWithTwilio(ours: Json, twilio: Json, scope: OracleScope = conversationsScope): string[] {
  const problems: string[] = [];
  const ourOps = new Map([...operations(ours)].filter(([, o]) => scope.covers(o.path)));
  const twilioOps = operations(twilio);

  for (const [key, t] of twilioOps) {
    const o = ourOps.get(key);
    const id = `${scope.idPrefix}${t.op.operationId as string}`;
    if (!o) {
      problems.push(`${id}: ${key} is missing`);
      continue;
    }
    if (o.op.operationId !== id) problems.push(`${key}: operationId is ${o.op.operationId}, Twilio's is ${id}`);
    const tStatus = successOf(t.op);
    const oStatus = successOf(o.op);
    if (tStatus !== oStatus) problems.push(`${id}: success status ${oStatus}, Twilio's is ${tStatus}`);

    const tParams = parametersOf(t.parameters);
    const oParams = parametersOf(o.parameters);
    for (const [pkey, tp] of tParams) {
      const op = oParams.get(pkey);
      if (!op) {
        problems.push(`${id}: parameter ${pkey} is missing`);
        continue;
      }
      if (Boolean(op.required) !== Boolean(tp.required))
        problems.push(`${id}: parameter ${pkey} required=${Boolean(op.required)}, Twilio's ${Boolean(tp.required)}`);
      const ts = shapeOf(twilio, tp.schema);
      const os = shapeOf(ours, op.schema);
      if (!sameShape(os, ts)) problems.push(`${id}: parameter ${pkey} is ${JSON.stringify(os)}, Twilio's ${JSON.stringify(ts)}`);
    }
    for (const pkey of oParams.keys()) {
      if (!tParams.has(pkey)) problems.push(`${id}: parameter ${pkey} is not in Twilio's operation`);
    }

    const tForm = formSchemaOf(twilio, t.op);
    const oForm = formSchemaOf(ours, o.op);
    if (tForm && !oForm) problems.push(`${id}: form body is missing`);
    if (tForm && oForm) {
      const tRequired = new Set<string>(tForm.required ?? []);
      const oRequired = new Set<string>(oForm.required ?? []);
      for (const [name, tField] of Object.entries<Json>(tForm.properties ?? {})) {
        const oField = oForm.properties?.[name];
        if (!oField) {
          problems.push(`${id}: form field ${name} is missing`);
          continue;
        }
        const ts = shapeOf(twilio, tField);
        const os = shapeOf(ours, oField);
        if (!sameShape(os, ts)) problems.push(`${id}: form field ${name} is ${JSON.stringify(os)}, Twilio's ${JSON.stringify(ts)}`);
        if (tRequired.has(name) !== oRequired.has(name))
          problems.push(`${id}: form field ${name} required=${oRequired.has(name)}, Twilio's ${tRequired.has(name)}`);
      }
      for (const name of Object.keys(oForm.properties ?? {})) {
        if (!tForm.properties?.[name]) problems.push(`${id}: form field ${name} is not in Twilio's operation`);
      }
    }

    if (tStatus && tStatus !== "204") {
      const tBody = responseSchemaOf(twilio, t.op, tStatus);
      const oBody = responseSchemaOf(ours, o.op, tStatus);
      if (!oBody) {
        problems.push(`${id}: ${tStatus} response has no JSON schema`);
      } else if (tBody) {
        problems.push(...compareResource(id, ours, oBody, twilio, tBody));
      }
    }

    for (const [code, raw] of Object.entries<Json>(o.op.responses ?? {})) {
      if (!/^[45]\d\d$/.test(code)) continue;
      const schema = responseSchemaOf(ours, o.op, code);
      if (!schema || schema !== deref(ours, { $ref: "#/components/schemas/Error" })) {
        problems.push(`${id}: error response ${code} does not carry the Error schema (${JSON.stringify(raw).slice(0, 80)})`);
      }
    }
    if (!Object.keys(o.op.responses ?? {}).some((code) => /^4\d\d$/.test(code))) {
      problems.push(`${id}: lists no error responses`);
    }
  }

  for (const [key, o] of ourOps) {
    if (!twilioOps.has(key) && o.op["x-confab"] === undefined) {
      problems.push(`${o.op.operationId}: ${key} is not Twilio's and is not marked x-confab`);
    }
  }
  return problems;
}

function compareResource(id: string, ours: Json, oBody: Json, twilio: Json, tBody: Json): string[] {
  const problems: string[] = [];
  for (const [name, tField] of Object.entries<Json>(tBody.properties ?? {})) {
    const oField = deref(ours, oBody.properties?.[name]);
    if (!oField) {
      problems.push(`${id}: response field ${name} is missing`);
      continue;
    }
    const ts = shapeOf(twilio, tField);
    const os = shapeOf(ours, oField);
    // Twilio's document types many nested objects as "any JSON"; Confab may say more.
    if (ts.type === "array" && os.type === "array") {
      const tItem = deref(twilio, tField.items);
      const oItem = deref(ours, oField.items);
      if (tItem?.properties && oItem) problems.push(...compareResource(`${id}.${name}[]`, ours, oItem, twilio, tItem));
      continue;
    }
    if (!sameShape(os, ts) && ts.type !== "object") {
      problems.push(`${id}: response field ${name} is ${JSON.stringify(os)}, Twilio's ${JSON.stringify(ts)}`);
    }
  }
  return problems;
}

export function loadTwilioConversations(): Json {
  return JSON.parse(readFileSync(resolve(twilioReferenceDir, "twilio_conversations_v1.json"), "utf8"));
}

/** Twilio's Chat v2 document; IP Messaging v2's has the same paths, parameters and resources. */
export function loadTwilioChat(): Json {
  return JSON.parse(readFileSync(resolve(twilioReferenceDir, "twilio_chat_v2.json"), "utf8"));
}

export async function runOracle(): Promise<string[]> {
  const ours: OpenApiDocument = await bundleOpenApi();
  return [...compareWithTwilio(ours, loadTwilioConversations()), ...compareWithTwilio(ours, loadTwilioChat(), chatScope)];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const problems = await runOracle();
  for (const p of problems) console.log(p);
  console.log(problems.length === 0 ? "The spec matches Twilio's document." : `${problems.length} problem(s).`);
  process.exitCode = problems.length === 0 ? 0 : 1;
}
