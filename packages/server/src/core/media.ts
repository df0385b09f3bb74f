import type { Readable } from "node:stream";
import type { MediaRecord, ServiceRecord } from "../store/index.js";
import { MediaTooLargeError } from "../media/content-store.js";
import type { Actor, Core } from "./context.js";
import { fail } from "./errors.js";
import { newSid, SidPrefix } from "./ids.js";
import { isParticipant } from "./permissions.js";
import { isoSeconds } from "./time.js";

export type Upload = { content: Readable; contentType: string; filename: string | null };

/**
 * Stores an uploaded file: the bytes first (streamed, within the size limit), then its record.
 * If the record cannot be written the bytes are removed, so nothing is left half-made.
 */
export async function storeMedia(core: Core, actor: Actor, service: ServiceRecord, upload: Upload): Promise<MediaRecord> {
  const sid = newSid(SidPrefix.media);
  let size: number;
  try {
    size = await core.media.write(sid, upload.content, core.limits.mediaBytes);
  } catch (error) {
    if (error instanceof MediaTooLargeError) {
      throw fail.tooLarge(`The media is larger than the limit of ${core.limits.mediaBytes} bytes`);
    }
    throw error;
  }
  const stamp = isoSeconds(core.now());
  const record: MediaRecord = {
    sid,
    accountSid: service.accountSid,
    serviceSid: service.sid,
    contentType: upload.contentType,
    filename: upload.filename,
    size,
    author: actor.kind === "user" ? actor.identity : "system",
    category: "media",
    messageSid: null,
    conversationSid: null,
    dateCreated: stamp,
    dateUpdated: stamp,
    dateUploadUpdated: stamp,
  };
  try {
    await core.store.transaction((tx) => tx.insert("media", record));
  } catch (error) {
    await core.media.remove(sid);
    throw error;
  }
  return record;
}

/**
 * A media record the actor may see: the account sees all of its service's media; a user, what it
 * uploaded and what is attached to a message of a conversation it takes part in.
 */
export async function findMedia(core: Core, actor: Actor, service: ServiceRecord, sid: string): Promise<MediaRecord> {
  const media = await core.store.get("media", sid);
  const visible =
    media &&
    media.serviceSid === service.sid &&
    (actor.kind === "admin" ||
      media.author === actor.identity ||
      (media.conversationSid !== null && (await isParticipant(core, actor, media.conversationSid))));
  if (!media || !visible) throw fail.notFound(`/Services/${service.sid}/Media/${sid}`);
  return media;
}

/** Looks a media record up without an actor, for a signed temporary URL. */
export async function mediaBySid(core: Core, serviceSid: string, sid: string): Promise<MediaRecord> {
  const media = await core.store.get("media", sid);
  if (!media || media.serviceSid !== serviceSid) throw fail.notFound(`/Services/${serviceSid}/Media/${sid}`);
  return media;
}
