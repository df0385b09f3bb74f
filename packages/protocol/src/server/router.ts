import { operations } from "../generated/operations.js";
import { ConfabApiError, ErrorCodes, twilioError, type TwilioErrorBody } from "../rest/errors.js";
import { decodeForm } from "../rest/form.js";
import type { BodyOf, OperationId, ParamsOf, ResponseOf } from "../rest/types.js";
import { describeValidationError, validatorsOf, type OperationValidators } from "./validation.js";

/** A request as the router sees it, whatever server it came through. */
export type RouterRequest = {
  method: string;
  /** Path and query string, e.g. `/v1/Conversations?PageSize=5`. */
  url: string;
  /** Header names in lower case. */
  headers: Record<string, string | undefined>;
  body: Uint8Array;
};

export type RouterResponse = {
  status: number;
  headers: Record<string, string>;
  body?: string | Uint8Array;
};

/** What a handler is given: validated, coerced parameters and body, and who is asking. */
export type HandlerContext<K extends OperationId, Principal> = {
  operation: K;
  params: ParamsOf<K>;
  /** Form fields for form operations; the raw bytes for binary uploads. */
  body: [BodyOf<K>] extends [never] ? Uint8Array : BodyOf<K>;
  principal: Principal;
  request: RouterRequest;
};

/** A handler's answer when it is not plain JSON with the operation's success status. */
export class RawReply {
  constructor(
    readonly status: number,
    readonly body: string | Uint8Array | undefined,
    readonly headers: Record<string, string> = {},
  ) {}
}

export type Handler<K extends OperationId, Principal> = (ctx: HandlerContext<K, Principal>) => Promise<ResponseOf<K> | RawReply>;

/** One handler per operation: the interface a server implements. */
export type Handlers<Principal> = { [K in OperationId]: Handler<K, Principal> };

export type RouterOptions<Principal> = {
  handlers: Partial<Handlers<Principal>>;
  /**
   * Identifies the caller from the request; resolve to `null` for missing or bad credentials
   * (answered 401), or throw a ConfabApiError. Not called for public operations.
   */
  authenticate?: (request: RouterRequest, operation: OperationId) => Promise<Principal | null>;
  /** Check each handler's answer against the spec (tests and development). */
  validateResponses?: boolean;
  /** Largest form body accepted, in bytes (default 1 MiB). */
  maxFormBytes?: number;
  /** Called with errors that are the server's fault, before they are answered with a 500. */
  onError?: (error: unknown, operation: OperationId | undefined) => void;
};

type AnyHandler<Principal> = (ctx: {
  operation: OperationId;
  params: never;
  body: never;
  principal: Principal;
  request: RouterRequest;
}) => Promise<unknown>;

type Route = { id: OperationId; method: string; pattern: RegExp; names: string[]; validators: OperationValidators };

/**
 * The server stub: matches a request to an operation, authenticates, decodes and validates its
 * parameters and body with the generated validators, calls the handler, and answers every
 * failure in Twilio's error shape. A handler only ever sees input that matches the spec.
 */
export function createRouter<Principal>(options: RouterOptions<Principal>) {
  const routes = compileRoutes();
  const maxFormBytes = options.maxFormBytes ?? 1024 * 1024;

  async function handle(request: RouterRequest): Promise<RouterResponse> {
    let operation: OperationId | undefined;
    try {
      const queryStart = request.url.indexOf("?");
      const path = queryStart === -1 ? request.url : request.url.slice(0, queryStart);
      const query = queryStart === -1 ? "" : request.url.slice(queryStart + 1);
      const match = matchRoute(routes, request.method.toUpperCase(), path);
      if (match.kind === "none") {
        return errorReply(twilioError(404, ErrorCodes.notFound, `The requested resource ${path} was not found`));
      }
      if (match.kind === "method") {
        const reply = errorReply(twilioError(405, ErrorCodes.methodNotAllowed, `Method ${request.method} is not allowed on ${path}`));
        reply.headers.Allow = match.allowed.join(", ");
        return reply;
      }
      const { route, pathValues } = match;
      operation = route.id;
      const entry = operations[route.id];

      // Who asks comes first: an anonymous caller learns nothing about what it sent.
      let principal = undefined as Principal;
      if (!entry.public && options.authenticate) {
        const who = await options.authenticate(request, route.id);
        if (who === null) return errorReply(twilioError(401, ErrorCodes.unauthenticated, "Authenticate"), true);
        principal = who;
      }

      const params: Record<string, unknown> = { ...pathValues };
      const queryFields = decodeForm(query);
      for (const name of entry.queryParams) if (queryFields[name] !== undefined) params[name] = queryFields[name];
      for (const name of entry.headerParams) {
        const value = request.headers[name.toLowerCase()];
        if (value !== undefined) params[name] = value;
      }
      normalizeCase(params, entry.caseInsensitive);
      if (!route.validators.params(params)) {
        return errorReply(
          twilioError(400, ErrorCodes.invalidParameter, describeValidationError(route.validators.params.errors?.[0], "request")),
        );
      }

      let body: unknown;
      if (entry.body === "form") {
        const decoded = decodeFormBody(request, maxFormBytes);
        if ("error" in decoded) return errorReply(decoded.error);
        body = decoded.fields;
        normalizeCase(decoded.fields, entry.caseInsensitive);
        const validate = route.validators.body;
        if (validate && !validate(body)) {
          return errorReply(twilioError(400, ErrorCodes.invalidParameter, describeValidationError(validate.errors?.[0], "post body")));
        }
      } else if (entry.body === "binary") {
        body = request.body;
      }

      // Called through a loose signature: the handler's own type was checked where it was written,
      // and spelling out the union of every operation's context here is more than TypeScript can.
      const handler = options.handlers[route.id] as AnyHandler<Principal> | undefined;
      if (!handler) {
        return errorReply(twilioError(501, ErrorCodes.internal, `${route.id} is not implemented by this server`));
      }
      const result = await handler({ operation: route.id, params: params as never, body: body as never, principal, request });
      if (result instanceof RawReply) return { status: result.status, headers: result.headers, body: result.body };
      if (entry.successStatus === 204) return { status: 204, headers: {} };
      if (options.validateResponses && route.validators.response && !route.validators.response(result)) {
        throw new Error(
          `${route.id} answered with a body that does not match the spec: ${JSON.stringify(route.validators.response.errors)}`,
        );
      }
      return { status: entry.successStatus, headers: { "Content-Type": "application/json" }, body: JSON.stringify(result) };
    } catch (error) {
      if (error instanceof ConfabApiError) return errorReply(error.toJSON());
      options.onError?.(error, operation);
      return errorReply(twilioError(500, ErrorCodes.internal, "Internal server error; nothing was changed"));
    }
  }

  return { handle, routes: routes.map((r) => ({ operation: r.id, method: r.method })) };
}

export type Router = ReturnType<typeof createRouter>;

function compileRoutes(): Route[] {
  return (Object.keys(operations) as OperationId[]).map((id) => {
    const entry = operations[id];
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

type Match = { kind: "found"; route: Route; pathValues: Record<string, string> } | { kind: "method"; allowed: string[] } | { kind: "none" };

function matchRoute(routes: Route[], method: string, path: string): Match {
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

function decodeFormBody(request: RouterRequest, maxBytes: number): { fields: Record<string, unknown> } | { error: TwilioErrorBody } {
  if (request.body.byteLength > maxBytes) {
    return { error: twilioError(413, ErrorCodes.invalidParameter, `The request body is larger than ${maxBytes} bytes`) };
  }
  const type = (request.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
  if (request.body.byteLength > 0 && type !== "application/x-www-form-urlencoded") {
    return { error: twilioError(400, ErrorCodes.invalidParameter, "The request body must be application/x-www-form-urlencoded") };
  }
  return { fields: decodeForm(new TextDecoder().decode(request.body)) };
}

/** Takes a value of a case-insensitive enum (`GcM`) as the member it matches (`gcm`), as Twilio does. */
function normalizeCase(fields: Record<string, unknown>, caseInsensitive: Readonly<Record<string, readonly string[]>>): void {
  for (const [name, members] of Object.entries(caseInsensitive)) {
    const value = fields[name];
    if (typeof value !== "string") continue;
    const member = members.find((m) => m.toLowerCase() === value.toLowerCase());
    if (member) fields[name] = member;
  }
}

function errorReply(body: TwilioErrorBody, challenge = false): RouterResponse {
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  if (challenge) headers["WWW-Authenticate"] = 'Basic realm="Confab"';
  return { status: body.status, headers, body: JSON.stringify(body) };
}
