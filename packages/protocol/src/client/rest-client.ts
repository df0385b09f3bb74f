import { operations } from "../generated/operations.js";
import { ConfabApiError, ErrorCodes, isTwilioErrorBody, twilioError } from "../rest/errors.js";
import { encodeForm, type FormValue } from "../rest/form.js";
import type { BodyOf, ItemOf, ListOperationId, OperationId, ParamsOf, ResponseOf } from "../rest/types.js";

/** How the client proves who it is. */
export type RestAuth =
  /** Account SID + Auth Token, or API Key SID + secret: acts as the account's admin. */
  | { username: string; password: string }
  /** A user's access token; a function is called before each request, so it can refresh. */
  | { token: string | (() => string | Promise<string>) };

export type RestClientOptions = {
  /** The server's base URL, e.g. `http://127.0.0.1:4000`. */
  baseUrl: string;
  auth?: RestAuth;
  /** Milliseconds before a request is abandoned with a timeout error (default 30 000). */
  timeoutMs?: number;
  /** A `fetch` to use instead of the global one. */
  fetch?: typeof fetch;
  /** Extra headers sent with every request. */
  headers?: Record<string, string>;
};

/** What one call takes: its parameters and, for writes, its form fields or bytes. */
export type RequestOptions<K extends OperationId> = {
  params?: ParamsOf<K>;
  body?: [BodyOf<K>] extends [never] ? BinaryBody : BodyOf<K> | Record<string, FormValue>;
  /** For a binary body (media upload): its media type. */
  contentType?: string;
  signal?: AbortSignal;
};

export type BinaryBody = Blob | ArrayBuffer | Uint8Array | undefined;

export type RestClient = {
  /** Calls one operation and resolves to its JSON (or bytes, or `undefined` for 204). */
  request<K extends OperationId>(operation: K, options?: RequestOptions<K>): Promise<ResponseOf<K>>;
  /** Iterates over every item of a list operation, following `next_page_url` page by page. */
  paginate<K extends ListOperationId>(operation: K, options?: RequestOptions<K>): AsyncIterable<ItemOf<K>>;
  /** Iterates over the pages of a list operation. */
  pages<K extends ListOperationId>(operation: K, options?: RequestOptions<K>): AsyncIterable<ResponseOf<K>>;
};

type OperationEntry = (typeof operations)[OperationId];

/** A thin, typed client of the Confab (Twilio Conversations v1) REST API, on `fetch`. */
export function createRestClient(options: RestClientOptions): RestClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const timeoutMs = options.timeoutMs ?? 30_000;

  async function send(url: string, method: string, headers: Record<string, string>, body: BodyInit | undefined, signal?: AbortSignal) {
    const doFetch = options.fetch ?? globalThis.fetch;
    const timeout = AbortSignal.timeout(timeoutMs);
    return doFetch(url, {
      method,
      headers: { ...options.headers, ...(await authHeaders(options.auth)), ...headers },
      body,
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
  }

  async function request<K extends OperationId>(operation: K, opts: RequestOptions<K> = {}): Promise<ResponseOf<K>> {
    const entry: OperationEntry = operations[operation];
    if (!entry) throw new TypeError(`Unknown operation ${String(operation)}`);
    const params = (opts.params ?? {}) as Record<string, unknown>;
    const url = new URL(baseUrl + fillPath(entry, params));
    for (const name of entry.queryParams) appendQuery(url, name, params[name]);
    const headers: Record<string, string> = { Accept: "application/json" };
    for (const name of entry.headerParams) if (params[name] !== undefined) headers[name] = String(params[name]);
    let body: BodyInit | undefined;
    if (entry.body === "form") {
      headers["Content-Type"] = "application/x-www-form-urlencoded";
      body = encodeForm((opts.body ?? {}) as Record<string, FormValue>);
    } else if (entry.body === "binary" && opts.body !== undefined) {
      headers["Content-Type"] = opts.contentType ?? "application/octet-stream";
      body = opts.body as BodyInit;
    }
    const response = await send(url.toString(), entry.method, headers, body, opts.signal);
    return (await readResponse(response, entry)) as ResponseOf<K>;
  }

  async function* pages<K extends ListOperationId>(operation: K, opts: RequestOptions<K> = {}): AsyncIterable<ResponseOf<K>> {
    const entry: OperationEntry = operations[operation];
    let page = (await request(operation, opts)) as { meta?: { next_page_url?: string | null } };
    yield page as ResponseOf<K>;
    while (page.meta?.next_page_url) {
      const response = await send(page.meta.next_page_url, "GET", { Accept: "application/json" }, undefined, opts.signal);
      page = (await readResponse(response, entry)) as typeof page;
      yield page as ResponseOf<K>;
    }
  }

  async function* paginate<K extends ListOperationId>(operation: K, opts: RequestOptions<K> = {}): AsyncIterable<ItemOf<K>> {
    const key = operations[operation].listKey as string;
    for await (const page of pages(operation, opts)) {
      for (const item of (page as Record<string, unknown>)[key] as ItemOf<K>[]) yield item;
    }
  }

  return { request, paginate, pages };
}

async function authHeaders(auth: RestAuth | undefined): Promise<Record<string, string>> {
  if (!auth) return {};
  if ("username" in auth) return { Authorization: `Basic ${base64(`${auth.username}:${auth.password}`)}` };
  const token = typeof auth.token === "function" ? await auth.token() : auth.token;
  return { Authorization: `Bearer ${token}` };
}

function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Fills `{Name}` placeholders; a missing path parameter is a programming error, not a request. */
export function fillPath(entry: Pick<OperationEntry, "path">, params: Record<string, unknown>): string {
  return entry.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined || value === null || value === "") throw new TypeError(`Missing path parameter ${name} for ${entry.path}`);
    return encodeURIComponent(String(value));
  });
}

function appendQuery(url: URL, name: string, value: unknown): void {
  if (value === undefined || value === null) return;
  for (const item of Array.isArray(value) ? value : [value]) {
    url.searchParams.append(name, item instanceof Date ? item.toISOString() : String(item));
  }
}

async function readResponse(response: Response, entry: Pick<OperationEntry, "binaryResponse">): Promise<unknown> {
  if (response.ok) {
    if (response.status === 204) return undefined;
    if (entry.binaryResponse) return new Uint8Array(await response.arrayBuffer());
    return response.json();
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (isTwilioErrorBody(body)) throw new ConfabApiError(body);
  throw new ConfabApiError(
    twilioError(
      response.status,
      response.status === 404 ? ErrorCodes.notFound : ErrorCodes.internal,
      text.slice(0, 200) || response.statusText,
    ),
  );
}
