import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { type MediaContentStore, MediaTooLargeError } from "./content-store.js";

/**
 * Media bytes as files: `<dir>/<sid>`. A write goes to a temporary file first and is renamed
 * into place when complete, so a crash mid-upload never leaves a truncated file under a SID.
 */
export function diskContentStore(dir: string): MediaContentStore {
  const pathOf = (sid: string) => {
    if (!/^ME[0-9a-f]{32}$/.test(sid)) throw new Error(`Not a media SID: ${sid}`);
    return join(dir, sid);
  };

  return {
    async write(sid, content, maxBytes) {
      await mkdir(dir, { recursive: true });
      const final = pathOf(sid);
      const partial = `${final}.part`;
      let size = 0;
      const limit = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          size += chunk.length;
          if (size > maxBytes) done(new MediaTooLargeError(maxBytes));
          else done(null, chunk);
        },
      });
      try {
        await pipeline(content, limit, createWriteStream(partial, { flags: "wx" }));
        await rename(partial, final);
        return size;
      } catch (error) {
        await rm(partial, { force: true });
        throw error;
      }
    },
    async read(sid) {
      const path = pathOf(sid);
      try {
        await stat(path);
      } catch {
        return null;
      }
      return createReadStream(path);
    },
    async remove(sid) {
      await rm(pathOf(sid), { force: true });
    },
  };
}
