import type { components } from "@confab/protocol";
import type { ClientContext } from "../client/context.js";
import type { MediaCategory } from "./media.js";

/** A file to send: its bytes (or text) and type, as Twilio's `sendMessage` takes it. */
export interface SendMediaOptions {
  contentType: null | string;
  filename?: string;
  media: null | string | Buffer | Blob;
}

export type MediaJson = components["schemas"]["Media"];

/** A FormData's first file (or value): what the browser form carried. */
function fromFormData(form: FormData): { body: Blob; contentType: string; filename?: string } {
  for (const [, value] of form.entries()) {
    if (typeof value === "string") return { body: new Blob([value], { type: "text/plain" }), contentType: "text/plain" };
    const file = value as Blob & { name?: string };
    return { body: file, contentType: file.type || "application/octet-stream", ...(file.name ? { filename: file.name } : {}) };
  }
  throw new Error("The FormData holds no file");
}

/**
 * Uploads media over HTTP (bytes do not go over the socket) and resolves to the Media resource,
 * whose SID a message then takes.
 */
export async function uploadMedia(
  context: ClientContext,
  content: FormData | SendMediaOptions,
  category: MediaCategory,
): Promise<MediaJson> {
  let body: Blob | Uint8Array | string;
  let contentType: string;
  let filename: string | undefined;
  if (typeof FormData !== "undefined" && content instanceof FormData) {
    ({ body, contentType, filename } = fromFormData(content));
  } else {
    const options = content as SendMediaOptions;
    if (options.media === null || options.media === undefined) throw new Error("Media content is empty");
    body = options.media as Blob | Uint8Array | string;
    contentType = options.contentType ?? "application/octet-stream";
    filename = options.filename;
  }
  // Category is Twilio's MCS query parameter; the server keeps it with the media.
  const bytes = typeof body === "string" ? new TextEncoder().encode(body) : body;
  return context.uploadMedia(bytes, contentType, filename, category);
}
