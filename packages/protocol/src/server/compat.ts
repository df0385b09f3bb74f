import { operations as compatOperations } from "../generated/compat-operations.js";
import { ErrorCodes, twilioError, type TwilioErrorBody } from "../rest/errors.js";
import { decodeForm } from "../rest/form.js";
import { compileRoutes, matchRoute } from "./route-table.js";
import { compatValidatorsOf, describeValidationError } from "./validation.js";

/** An operation of the compatibility protocol's HTTP side (spec/openapi-compat): what Twilio's official SDKs call. */
export type CompatOperationId = keyof typeof compatOperations;

/** A request of an official SDK, as the twilsock gateway receives it (through the tunnel, or over plain HTTP). */
export type CompatRequest = {
  method: string;
  /** The path without the query string. */
  path: string;
  query: Record<string, string>;
  /** Header names in lower case. */
  headers?: Record<string, string>;
  /** A parsed JSON body, or a form-encoded body as text. */
  body: unknown;
};

/** A request that matches the spec: its operation, and its parameters and body as validated (and coerced). */
export type CheckedCompatRequest = { operation: CompatOperationId; params: Record<string, unknown>; body: unknown };

const routes = compileRoutes<CompatOperationId>(compatOperations, compatValidatorsOf);

/**
 * Checks an official SDK's request against spec/openapi-compat with the generated validators,
 * as the REST router does for the REST API. Resolves null when no operation of the spec has this
 * method and path; an error in Twilio's shape (400) when the parameters or body do not match.
 * `Client/v1` (Chat) takes the paths of `Client/v2` unless the spec names a `Client/v1` path itself.
 */
export function checkCompatRequest(request: CompatRequest): CheckedCompatRequest | { error: TwilioErrorBody } | null {
  const method = request.method.toUpperCase();
  let match = matchRoute(routes, method, request.path);
  if (match.kind !== "found" && request.path.startsWith("/Client/v1/")) {
    match = matchRoute(routes, method, `/Client/v2/${request.path.slice("/Client/v1/".length)}`);
  }
  if (match.kind !== "found") return null;
  const { route, pathValues } = match;
  const entry = compatOperations[route.id];
  const params: Record<string, unknown> = { ...pathValues };
  for (const name of entry.queryParams) if (request.query[name] !== undefined) params[name] = request.query[name];
  for (const name of entry.headerParams) {
    const value = request.headers?.[name.toLowerCase()];
    if (value !== undefined) params[name] = value;
  }
  if (!route.validators.params(params)) {
    return invalid(describeValidationError(route.validators.params.errors?.[0], "request"));
  }
  let body = request.body;
  if (entry.body === "form") body = decodeForm(typeof body === "string" ? body : "");
  else if (entry.body === "json") body = body ?? {};
  const validate = route.validators.body;
  if (validate && !validate(body)) return invalid(describeValidationError(validate.errors?.[0], "body"));
  return { operation: route.id, params, body };
}

/**
 * Checks a successful answer against the operation's response schema; resolves a description of
 * the first mismatch, or null when it matches (or the spec gives no schema for it).
 */
export function compatResponseMismatch(operation: CompatOperationId, body: unknown): string | null {
  const validate = compatValidatorsOf(operation).response;
  if (!validate || validate(body)) return null;
  return JSON.stringify(validate.errors?.slice(0, 3));
}

function invalid(message: string): { error: TwilioErrorBody } {
  return { error: twilioError(400, ErrorCodes.invalidParameter, message) };
}
