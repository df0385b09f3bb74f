import { bundle, loadConfig } from "@redocly/openapi-core";
import { mergeOpenApi } from "./merge-openapi.js";
import { openapiEntries } from "./paths.js";

/** A bundled OpenAPI document: one object, every external reference hoisted into components. */
export type OpenApiDocument = {
  openapi: string;
  info: Record<string, unknown>;
  paths: Record<string, Record<string, unknown>>;
  components: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
};

/**
 * Bundles spec/openapi into a single document: each entry document is bundled alone, then they
 * are merged (see merge-openapi.ts), the first one giving the frame. Resource files name every component they export
 * (`resources/x.yaml#/schemas/Name`), so the hoisted components keep those names; a clash would
 * make Redocly invent `Name-2`, which we refuse rather than generate types with odd names.
 */
export async function bundleOpenApi(entries: string | readonly string[] = openapiEntries): Promise<OpenApiDocument> {
  const list = typeof entries === "string" ? [entries] : entries;
  const documents: OpenApiDocument[] = [];
  for (const entry of list) documents.push(await bundleOne(entry));
  return mergeOpenApi(documents);
}

async function bundleOne(entry: string): Promise<OpenApiDocument> {
  const config = await loadConfig({});
  const result = await bundle({ ref: entry, config, dereference: false });
  const errors = result.problems.filter((p) => p.severity === "error");
  if (errors.length > 0) {
    throw new Error(`Bundling ${entry} failed:\n${errors.map((p) => `- ${p.message}`).join("\n")}`);
  }
  const doc = result.bundle.parsed as OpenApiDocument;
  for (const [kind, entries] of Object.entries(doc.components ?? {})) {
    for (const name of Object.keys(entries)) {
      if (/-\d+$/.test(name)) {
        throw new Error(`Two components are both named like "${name.replace(/-\d+$/, "")}" (${kind}); give one another name.`);
      }
    }
  }
  const nulls = nullValues(doc, "");
  if (nulls.length > 0) {
    // A null where the spec means a value is almost always an unquoted `, ` inside `{ … }`
    // that YAML read as a second key (`description: a, b` → `b: null`).
    throw new Error(`Null values in the spec (quote text that contains a comma):\n${nulls.map((n) => `- ${n}`).join("\n")}`);
  }
  return doc;
}

const NULL_ALLOWED = new Set(["const", "default", "example", "examples", "enum"]);

function nullValues(node: unknown, path: string): string[] {
  if (Array.isArray(node)) return node.flatMap((item, i) => nullValues(item, `${path}/${i}`));
  if (typeof node !== "object" || node === null) return [];
  const found: string[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (NULL_ALLOWED.has(key)) continue;
    if (value === null) found.push(`${path}/${key}`);
    else found.push(...nullValues(value, `${path}/${key}`));
  }
  return found;
}
