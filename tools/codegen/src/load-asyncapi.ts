import { readdirSync, readFileSync } from "node:fs";
import { basename, dirname, relative, resolve } from "node:path";
import { parse } from "yaml";
import type { OpenApiDocument } from "./bundle-openapi.js";
import type { Json } from "./openapi-walk.js";
import { asyncapiEntry, specDir } from "./paths.js";

export type SocketSchemas = {
  /** Every file of spec/asyncapi as a schema document, by the $id the validators know it under. */
  documents: Record<string, Json>;
  /**
   * Every socket message by name: a reference to its payload schema (and to its headers schema,
   * as `<name>_headers`, where it has one). Messages of documents other than the realtime socket
   * are prefixed with the document's name.
   */
  frames: Record<string, string>;
  /** The AsyncAPI documents themselves (files with a top-level `asyncapi` key), by path. */
  entryFiles: string[];
};

const asyncapiDir = resolve(specDir, "asyncapi");
const openapiDir = resolve(specDir, "openapi");

/**
 * Loads spec/asyncapi for the validator compiler. The socket documents reference the REST
 * schemas in spec/openapi rather than copying them; those references are pointed at the same
 * components of the bundled OpenAPI document the REST validators use, so one compiled function
 * checks a Message whether it came over REST or the socket.
 */
export function loadAsyncApi(openapi: OpenApiDocument): SocketSchemas {
  const documents: Record<string, Json> = {};
  const frames: Record<string, string> = {};
  const entryFiles: string[] = [];
  const files = readdirSync(asyncapiDir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();
  for (const file of files) {
    const path = resolve(asyncapiDir, file);
    const id = socketDocumentId(path);
    const doc = parse(readFileSync(path, "utf8")) as Json;
    documents[id] = rewriteRefs(doc, path, openapi);
    if (doc.asyncapi) {
      entryFiles.push(path);
      // Confab's own socket names its frames plainly (`hello`, `reply`); another protocol's
      // (the twilsock compatibility gateway's) are prefixed with its file name: `twilsock_reply`.
      const prefix = path === asyncapiEntry ? "" : `${basename(path).replace(/\.ya?ml$/, "")}_`;
      const add = (name: string, pointer: string) => {
        if (frames[name]) throw new Error(`Two socket messages are named ${name}`);
        frames[name] = `${id}#${pointer}`;
      };
      for (const [name, message] of Object.entries<Json>(doc.components?.messages ?? {})) {
        if (message.payload) add(`${prefix}${name}`, `/components/messages/${name}/payload`);
        if (message.headers) add(`${prefix}${name}_headers`, `/components/messages/${name}/headers`);
      }
    }
  }
  return { documents, frames, entryFiles };
}

/** The $id a file of spec/asyncapi has in the validators, e.g. `asyncapi.realtime.json`. */
export function socketDocumentId(path: string): string {
  return `asyncapi.${basename(path).replace(/\.ya?ml$/, "")}.json`;
}

function rewriteRefs(node: Json, file: string, openapi: OpenApiDocument): Json {
  return JSON.parse(JSON.stringify(node), (key, value) => {
    if (key !== "$ref" || typeof value !== "string") return value;
    const [target = "", pointer = ""] = value.split("#");
    if (target === "") return `${socketDocumentId(file)}#${pointer}`;
    const targetPath = resolve(dirname(file), target);
    if (targetPath.startsWith(asyncapiDir)) return `${socketDocumentId(targetPath)}#${pointer}`;
    if (targetPath.startsWith(openapiDir)) return openapiComponentRef(openapi, targetPath, pointer);
    throw new Error(`${relative(specDir, file)}: reference ${value} leaves spec/`);
  });
}

/** `resources/x.yaml#/schemas/Name` is hoisted by the bundler to `#/components/schemas/Name`. */
function openapiComponentRef(openapi: OpenApiDocument, targetPath: string, pointer: string): string {
  const parts = pointer.split("/").filter(Boolean);
  const [kind, name] = [parts[0], parts[1]];
  if (parts.length !== 2 || !kind || !name || !openapi.components?.[kind]?.[name]) {
    throw new Error(
      `The socket spec references ${relative(specDir, targetPath)}#${pointer}, which is not a component of the bundled OpenAPI document`,
    );
  }
  return `openapi.json#/components/${kind}/${name}`;
}
