import { Ajv2020, type Options } from "ajv/dist/2020.js";
import { _ } from "ajv/dist/compile/codegen/index.js";
import standalone from "ajv/dist/standalone/index.js";

// ajv ships CommonJS; under NodeNext its default export is the module object.
// tsx hands over the function itself, Node's own loader the module object; take either.
const standaloneCode: typeof standalone.default =
  (standalone as unknown as { default?: typeof standalone.default }).default ?? (standalone as unknown as typeof standalone.default);
import { formats } from "../../../packages/protocol/src/runtime/formats.js";
import type { OpenApiDocument } from "./bundle-openapi.js";
import type { SocketSchemas } from "./load-asyncapi.js";
import { generatedHeader } from "./header.js";
import { type Json, requestContentOf, responseSchemaRefOf, successStatusOf, walkOperations } from "./openapi-walk.js";

/** The $id under which the bundled OpenAPI document is known to the validators. */
export const OPENAPI_ID = "openapi.json";

export type GeneratedValidators = { js: string; dts: string };

/**
 * Compiles every validator ahead of time with ajv into standalone ES modules, so no schema is
 * compiled at run time (and no `new Function` runs in a browser).
 *
 * Two modules, because coercion is a property of an ajv instance:
 * - `validators-coercing`: REST path/query/header parameters and form bodies, whose values arrive
 *   as strings and are coerced in place to the spec's types (defaults applied);
 * - `validators-strict`: JSON that must already have the right types: REST responses, the error
 *   body and every socket frame.
 */
export function generateValidators(
  doc: OpenApiDocument,
  socket: SocketSchemas,
): {
  coercing: GeneratedValidators;
  strict: GeneratedValidators;
} {
  const coercing = newAjv({ coerceTypes: "array", useDefaults: true });
  const strict = newAjv({});
  const coercingExports: Record<string, string> = {};
  const strictExports: Record<string, string> = {};

  for (const ajv of [coercing, strict]) ajv.addSchema({ ...doc, $id: OPENAPI_ID } as never);
  // Only the components of a socket document are schemas; its other top-level keys (AsyncAPI's
  // own `id`, channels…) would read to ajv as keywords.
  for (const [id, doc] of Object.entries(socket.documents)) strict.addSchema({ $id: id, components: doc.components ?? {} } as never);

  strict.addSchema({ $id: "error", $ref: `${OPENAPI_ID}#/components/schemas/Error` });
  strictExports.Error = "error";

  for (const { id, op, parameters } of walkOperations(doc)) {
    const paramsId = `params.${id}`;
    coercing.addSchema(parametersSchema(paramsId, parameters));
    coercingExports[`${id}_params`] = paramsId;

    const content = requestContentOf(doc, op);
    const form = content?.["application/x-www-form-urlencoded"]?.schema;
    const json = content?.["application/json"]?.schema;
    if (form) {
      const bodyId = `body.${id}`;
      coercing.addSchema({ $id: bodyId, ...globalRefs(form) });
      coercingExports[`${id}_body`] = bodyId;
    } else if (json) {
      // A JSON body (the compatibility protocol's client API) arrives typed: checked, never coerced.
      const bodyId = `body.${id}`;
      strict.addSchema({ $id: bodyId, ...globalRefs(json) });
      strictExports[`${id}_body`] = bodyId;
    }

    const status = successStatusOf(op);
    const response = status ? responseSchemaRefOf(doc, op, status) : undefined;
    if (response) {
      const responseId = `response.${id}`;
      strict.addSchema({ $id: responseId, ...globalRefs(response) });
      strictExports[`${id}_response`] = responseId;
    }
  }

  for (const [name, ref] of Object.entries(socket.frames)) {
    const frameId = `frame.${name}`;
    strict.addSchema({ $id: frameId, $ref: ref });
    strictExports[`frame_${name}`] = frameId;
  }

  return {
    coercing: render(coercing, coercingExports, "Validators of REST parameters and form bodies; they coerce string values in place."),
    strict: render(strict, strictExports, "Validators of REST responses, the error body and socket frames."),
  };
}

function newAjv(extra: Options): Ajv2020 {
  return new Ajv2020({
    strict: false,
    allErrors: false,
    // Compile each referenced schema once, as its own function, instead of inlining it at every use.
    inlineRefs: false,
    // Count string length in UTF-16 units, as Twilio's limits do; it also keeps the generated
    // code free of ajv's runtime helper (a CommonJS `require`).
    unicode: false,
    formats,
    // ajv calls the `unicode` option deprecated but still honours it; say so once, not per run.
    logger: { log: () => {}, warn: (message: string) => message.includes("option unicode") || console.warn(message), error: console.error },
    code: { source: true, esm: true, lines: true, formats: _`formats` },
    ...extra,
  });
}

/** One object schema over an operation's path, query and header parameters, by their names. */
function parametersSchema(id: string, parameters: Json[]): Json {
  const properties: Json = {};
  const required: string[] = [];
  for (const p of parameters) {
    properties[p.name] = globalRefs(p.schema ?? {});
    if (p.required) required.push(p.name);
  }
  return { $id: id, type: "object", properties, required };
}

/** Rewrites the bundle's local references so they resolve from a schema with another $id. */
function globalRefs(node: Json): Json {
  return JSON.parse(JSON.stringify(node), (key, value) =>
    key === "$ref" && typeof value === "string" && value.startsWith("#/") ? `${OPENAPI_ID}${value}` : value,
  );
}

function render(ajv: Ajv2020, exports: Record<string, string>, what: string): GeneratedValidators {
  const code = standaloneCode(ajv, exports);
  if (/\brequire\(/.test(code)) {
    throw new Error("ajv emitted a require() into the standalone validators; avoid the schema feature that needs it");
  }
  const js = [
    generatedHeader("spec/"),
    `// ${what}`,
    "// biome-ignore-all lint: generated code",
    'import { formats } from "../runtime/formats.js";',
    code,
    "",
  ].join("\n");
  const dts = [
    generatedHeader("spec/"),
    `// ${what}`,
    'import type { Validator } from "../runtime/validator.js";',
    ...Object.keys(exports).map((name) => `export declare const ${name}: Validator;`),
    "",
  ].join("\n");
  return { js, dts };
}
