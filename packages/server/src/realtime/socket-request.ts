import { encodeForm, type FormValue, operations } from "@confab/protocol";
import { ErrorCodes, type RouterRequest, twilioError, type TwilioErrorBody } from "@confab/protocol/server";

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
    path = path.replace(`{${name}}`, encodeURIComponent(String(value)));
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
