import type { Core } from "../core/context.js";

/** What the REST transport needs beside the domain: where it is reachable from outside. */
export type RestApp = {
  core: Core;
  /** The base URL used in `url`, `links` and paging links, without a trailing slash. */
  publicUrl: string;
};
