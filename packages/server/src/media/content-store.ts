import type { Readable } from "node:stream";

/**
 * Where media bytes live. The disk store keeps them under the data directory; an object store
 * (S3 and the like) can take its place behind the same interface.
 */
export interface MediaContentStore {
  /**
   * Streams `content` into storage under `sid`. Rejects with MediaTooLargeError past `maxBytes`,
   * leaving nothing behind; resolves to the stored size.
   */
  write(sid: string, content: Readable, maxBytes: number): Promise<number>;
  /** The stored bytes as a stream, or null when there are none. */
  read(sid: string): Promise<Readable | null>;
  remove(sid: string): Promise<void>;
}

export class MediaTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`The media is larger than ${maxBytes} bytes`);
    this.name = "MediaTooLargeError";
  }
}
