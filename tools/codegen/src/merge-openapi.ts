import type { OpenApiDocument } from "./bundle-openapi.js";

/**
 * Merges bundled OpenAPI documents into one. The first gives the frame (info, servers, security);
 * every document adds its paths, tags and components. Entry documents share pieces (the SIDs, the
 * paging envelope and the error body of common.yaml), which each bundle hoists under the same
 * name: a component may appear in several documents when it is the same everywhere. A path, or a
 * component name that means two different things, is refused rather than silently overwritten.
 */
export function mergeOpenApi(documents: readonly OpenApiDocument[]): OpenApiDocument {
  const [first, ...rest] = documents;
  if (!first) throw new Error("No OpenAPI document to merge");
  const merged: OpenApiDocument = structuredClone(first);
  merged.paths ??= {};
  merged.components ??= {};
  for (const doc of rest) {
    for (const [path, item] of Object.entries(doc.paths ?? {})) {
      if (merged.paths[path]) throw new Error(`Two entry documents both define the path ${path}`);
      merged.paths[path] = structuredClone(item);
    }
    for (const [kind, entries] of Object.entries(doc.components ?? {})) {
      merged.components[kind] ??= {};
      const target = merged.components[kind];
      for (const [name, value] of Object.entries(entries)) {
        if (name in target) {
          if (JSON.stringify(target[name]) !== JSON.stringify(value)) {
            throw new Error(`Two entry documents define the component ${kind}/${name} differently; give one another name`);
          }
          continue;
        }
        target[name] = structuredClone(value);
      }
    }
    merged.tags ??= [];
    const tags = merged.tags as { name: string }[];
    for (const tag of (doc.tags ?? []) as { name: string }[]) {
      if (tags.some((t) => t.name === tag.name)) throw new Error(`Two entry documents both define the tag ${tag.name}`);
      tags.push(structuredClone(tag));
    }
  }
  return merged;
}
