import type { ClientOptions } from "./options.js";

/** The server's base URL: `server`, then `apiUri`, then (in a browser) the page's origin. */
export function serverBaseUrl(options: ClientOptions): string {
  const given = options.server ?? options.apiUri ?? (globalThis as { location?: { origin?: string } }).location?.origin;
  if (!given) throw new Error('No Confab server given: pass the server option, e.g. { server: "http://127.0.0.1:4000" }');
  return given.replace(/\/+$/, "");
}

/** The socket URL of a base URL: `ws(s)://host/v1/socket`. */
export function socketUrl(base: string): string {
  return `${base.replace(/^http/, "ws")}/v1/socket`;
}
