import type { OperationValidators } from "./validation.js";

/** What matching needs of an operation: its method and path template (`/v1/Conversations/{Sid}`). */
export type RouteEntry = { readonly method: string; readonly path: string };

/** An operation compiled for matching: its path template as a pattern, with the names of its path parameters. */
export type CompiledRoute<Id extends string> = {
  id: Id;
  method: string;
  pattern: RegExp;
  names: string[];
  validators: OperationValidators;
};

export type RouteMatch<Id extends string> =
  | { kind: "found"; route: CompiledRoute<Id>; pathValues: Record<string, string> }
  | { kind: "method"; allowed: string[] }
  | { kind: "none" };

/**
 * Compiles an operation table (the REST API's, or the compatibility protocol's) for matching.
 * One piece serves both, so a path template means the same thing wherever it is written.
 */
export function compileRoutes<Id extends string>(
  table: Readonly<Record<Id, RouteEntry>>,
  validatorsOf: (id: Id) => OperationValidators,
): CompiledRoute<Id>[] {
  return (Object.keys(table) as Id[]).map((id) => {
    const entry = table[id];
    const names: string[] = [];
    const source = entry.path
      .split(/(\{[^}]+\})/)
      .map((part) => {
        const param = /^\{([^}]+)\}$/.exec(part);
        if (param?.[1]) {
          names.push(param[1]);
          return "([^/]+)";
        }
        return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      })
      .join("");
    return { id, method: entry.method, pattern: new RegExp(`^${source}/?$`), names, validators: validatorsOf(id) };
  });
}

/** The route of a method and path, or which methods the path allows, or nothing. */
export function matchRoute<Id extends string>(routes: CompiledRoute<Id>[], method: string, path: string): RouteMatch<Id> {
  const allowed: string[] = [];
  for (const route of routes) {
    const m = route.pattern.exec(path);
    if (!m) continue;
    if (route.method !== method) {
      allowed.push(route.method);
      continue;
    }
    const pathValues: Record<string, string> = {};
    route.names.forEach((name, i) => {
      const raw = m[i + 1] ?? "";
      try {
        pathValues[name] = decodeURIComponent(raw);
      } catch {
        pathValues[name] = raw;
      }
    });
    return { kind: "found", route, pathValues };
  }
  return allowed.length > 0 ? { kind: "method", allowed: [...new Set(allowed)] } : { kind: "none" };
}
