import { encodeForm, type FormValue, operations } from "@confab/protocol";
import { ErrorCodes, type Router, type RouterRequest, twilioError, type TwilioErrorBody } from "@confab/protocol/server";
import type { Actor } from "../core/context.js";
import { preAuthenticated } from "../http/rest-server.js";

export type RequestFrame = {
  type: "request";
  id: string;
  operation: string;
  params?: Record<string, FormValue>;
  body?: Record<string, FormValue>;
  idempotency_key?: string;
};

type Operation = (typeof operations)[keyof typeof operations];

/**
 * The HTTP request a `request` frame stands for, so it runs through the same router as REST:
 * path parameters into the path, query and header parameters where the operation takes them,
 * the body form-encoded. Answers an error instead when the frame cannot name a request.
 */
export function routerRequestOf(frame: RequestFrame): RouterRequest | { error: TwilioErrorBody } {
  const entry = (operations as Record<string, Operation | undefined>)[frame.operation];
  if (!entry || !Object.hasOwn(operations, frame.operation)) {
    return { error: twilioError(404, ErrorCodes.notFound, `Unknown operation ${frame.operation}`) };
  }
  if (entry.body === "binary") {
    return { error: twilioError(400, ErrorCodes.invalidParameter, `${frame.operation} takes a binary body; send it over HTTP`) };
  }
  const params = frame.params ?? {};
  let path: string = entry.path;
  for (const name of entry.pathParams) {
    const value = params[name];
    if (value === undefined || Array.isArray(value) || String(value) === "") {
      return { error: twilioError(400, ErrorCodes.invalidParameter, `Missing required parameter ${name} in the request`) };
    }
    path = path.replace(`{${name}}`, encodeURIComponent(wellFormed(String(value))));
  }
  const query: Record<string, FormValue> = {};
  for (const name of entry.queryParams) if (params[name] !== undefined) query[name] = params[name] as FormValue;
  const queryString = encodeForm(query);
  const headers: Record<string, string | undefined> = {};
  for (const name of entry.headerParams) if (params[name] !== undefined) headers[name.toLowerCase()] = String(params[name]);
  if (frame.idempotency_key) headers["i-twilio-idempotency-token"] = frame.idempotency_key;
  const body = entry.body === "form" && frame.body ? new TextEncoder().encode(encodeForm(frame.body)) : new Uint8Array();
  if (entry.body === "form") headers["content-type"] = "application/x-www-form-urlencoded";
  return { method: entry.method, url: queryString ? `${path}?${queryString}` : path, headers, body };
}

/**
 * The string with every lone surrogate (valid in a JSON string, not in UTF-8) replaced by U+FFFD,
 * as a browser or URLSearchParams sends it over HTTP; encodeURIComponent throws on them.
 */
function wellFormed(value: string): string {
  return value.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
}

/** What an operation answered: its status and JSON body (absent for 204), or Twilio's error. */
export type OperationOutcome = { status: number; body?: unknown; error?: TwilioErrorBody };

/**
 * Runs one REST operation as an already authenticated actor through the router, exactly as an
 * HTTP request with that actor's credentials would run: same validation, permissions, effects.
 */
export async function runOperation(router: Router, actor: Actor, frame: Omit<RequestFrame, "type" | "id">): Promise<OperationOutcome> {
  const request = routerRequestOf({ type: "request", id: "", ...frame });
  if ("error" in request) return { status: request.error.status, error: request.error };
  preAuthenticated.set(request, actor);
  const response = await router.handle(request);
  const text = typeof response.body === "string" ? response.body : response.body ? new TextDecoder().decode(response.body) : "";
  if (response.status >= 400) return { status: response.status, error: JSON.parse(text) as TwilioErrorBody };
  const json = response.headers["Content-Type"]?.startsWith("application/json");
  return { status: response.status, ...(text && json ? { body: JSON.parse(text) } : {}) };
}
