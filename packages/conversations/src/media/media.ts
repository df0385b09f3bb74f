import type { components } from "@confab/protocol";
import type { ClientContext } from "../client/context.js";
import { type CancellablePromise, cancellable } from "../util/cancellable-promise.js";

/** What a media file is to its message: an attachment, an email body, or an email history. */
export type MediaCategory = "media" | "body" | "history";

type MessageMediaJson = components["schemas"]["MessageMedia"];

/** A media file attached to a message. */
export class Media {
  private readonly context: ClientContext;
  private readonly state: MessageMediaJson;

  /** @internal */
  constructor(state: MessageMediaJson, context: ClientContext) {
    this.state = state;
    this.context = context;
  }

  /** The media's SID (`ME…`). */
  get sid(): string {
    return this.state.sid;
  }
  /** The file name given at upload, or null. */
  get filename(): string | null {
    return this.state.filename ?? null;
  }
  /** The MIME type. */
  get contentType(): string {
    return this.state.content_type;
  }
  /** The size in bytes. */
  get size(): number {
    return this.state.size;
  }
  /** What the file is to the message. */
  get category(): MediaCategory {
    return (this.state.category as MediaCategory | null | undefined) ?? "media";
  }

  /**
   * A short-lived URL that serves the bytes without credentials (for `<img src>` and downloads),
   * fetched fresh each time since it expires; null when the server offers none.
   */
  getContentTemporaryUrl(): CancellablePromise<string | null> {
    return cancellable(async () => temporaryUrl(this.context, this.sid));
  }
}

/** The temporary content URL of one media SID. */
export async function temporaryUrl(context: ClientContext, mediaSid: string): Promise<string | null> {
  const media = await context.call("FetchMedia", { params: { ChatServiceSid: context.serviceSid, Sid: mediaSid } });
  return media.links.content_direct_temporary ?? null;
}

/** The temporary content URLs of several media, by SID (Twilio's `getTemporaryContentUrlsFor*`). */
export function temporaryUrls(context: ClientContext, mediaSids: string[]): CancellablePromise<Map<string, string>> {
  return cancellable(async () => {
    const entries = await Promise.all(mediaSids.map(async (sid) => [sid, await temporaryUrl(context, sid)] as const));
    return new Map(entries.filter((entry): entry is readonly [string, string] => entry[1] !== null));
  });
}
