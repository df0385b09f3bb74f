import type { MediaRecord } from "../../store/index.js";
import { temporaryContentUrl } from "../media-urls.js";

/** A media resource as JSON, with its content link and a temporary one signed with `secret`. */
export function renderMedia(m: MediaRecord, publicUrl: string, secret: string, now: Date) {
  const url = `${publicUrl}/v1/Services/${m.serviceSid}/Media/${m.sid}`;
  return {
    sid: m.sid,
    account_sid: m.accountSid,
    service_sid: m.serviceSid,
    date_created: m.dateCreated,
    date_upload_updated: m.dateUploadUpdated,
    date_updated: m.dateUpdated,
    links: { content: `${url}/Content`, content_direct_temporary: temporaryContentUrl(`${url}/Content`, secret, m.sid, now) },
    size: m.size,
    content_type: m.contentType,
    filename: m.filename,
    author: m.author,
    category: m.category,
    message_sid: m.messageSid,
    channel_sid: m.conversationSid,
    url,
  };
}
