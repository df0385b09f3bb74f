import type { Media as CoreMedia } from "@confab/conversations/internal";

/** A media file attached to a message. */
export class Media {
  private readonly media: CoreMedia;

  /** @internal */
  constructor(media: CoreMedia) {
    this.media = media;
  }

  /** The media's SID (`ME…`). */
  get sid(): string {
    return this.media.sid;
  }
  /** The file name given at upload (empty when none was). */
  get filename(): string {
    return this.media.filename ?? "";
  }
  /** The MIME type. */
  get contentType(): string {
    return this.media.contentType;
  }
  /** The size in bytes. */
  get size(): number {
    return this.media.size;
  }

  /** A short-lived URL that serves the bytes without credentials; rejects when the server offers none. */
  async getContentTemporaryUrl(): Promise<string> {
    const url = await this.media.getContentTemporaryUrl();
    if (!url) throw new Error(`The server offers no content URL for media ${this.sid}`);
    return url;
  }
}
