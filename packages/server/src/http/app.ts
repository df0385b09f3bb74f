import type { Core } from "../core/context.js";

/** What the REST transport needs beside the domain: where it is reachable from outside. */
export type RestApp = {
  core: Core;
  /** The base URL used in `url`, `links` and paging links, without a trailing slash. */
  publicUrl: string;
  /** The secret that signs temporary media URLs for an account (its Auth Token). */
  signingSecret(accountSid: string): Promise<string>;
  /** Errors that are the server's fault (logged, answered with a 500). */
  onError?: (error: unknown) => void;
};
