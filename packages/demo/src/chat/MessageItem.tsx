import type { Media, Message } from "@confab/conversations";
import { useEffect, useState } from "preact/hooks";
import { fileSize, shortTime } from "../lib/logic.js";
import type { Chat } from "./use-chat.js";

/** One message: author, time, body or media, its status, and edit/delete for one's own. */
export function MessageItem({ chat, message, status }: { chat: Chat; message: Message; status: string }) {
  const mine = message.author === chat.identity;
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState("");
  const [error, setError] = useState<string | null>(null);
  const media = message.attachedMedia ?? [];

  const save = async (event: Event) => {
    event.preventDefault();
    try {
      await message.updateBody(draft);
      setEditing(false);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <li class={`message ${mine ? "mine" : ""}`} data-index={message.index} data-author={message.author ?? ""}>
      <div class="meta small">
        <span class="author">{mine ? "You" : chat.displayName(message.author)}</span>{" "}
        <time class="muted" dateTime={message.dateCreated?.toISOString()}>
          {shortTime(message.dateCreated)}
        </time>
      </div>
      {editing ? (
        <form class="edit" onSubmit={save}>
          <label class="sr-only" for={`edit-${message.sid}`}>
            Edit message
          </label>
          <textarea
            id={`edit-${message.sid}`}
            value={draft}
            rows={2}
            onInput={(e) => setDraft(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === "Escape") setEditing(false);
              if (e.key === "Enter" && !e.shiftKey) void save(e);
            }}
          />
          <button type="submit">Save</button>
          <button type="button" class="secondary" onClick={() => setEditing(false)}>
            Cancel
          </button>
        </form>
      ) : (
        message.body && <p class="body">{message.body}</p>
      )}
      {media.map((m) => (
        <MediaView key={m.sid} media={m} />
      ))}
      <div class="footer small">
        <span class="status muted" data-testid="status">
          {status}
        </span>
        {mine && !editing && (
          <span class="message-actions">
            {message.body !== null && message.type !== "media" && (
              <button
                type="button"
                class="link"
                onClick={() => {
                  setDraft(message.body ?? "");
                  setEditing(true);
                }}
                aria-label={`Edit message ${message.index}`}
              >
                Edit
              </button>
            )}
            <button
              type="button"
              class="link danger"
              onClick={() => void message.remove().catch((e: unknown) => setError(String(e)))}
              aria-label={`Delete message ${message.index}`}
            >
              Delete
            </button>
          </span>
        )}
      </div>
      {error && (
        <p class="error small" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}

/** An attachment: a preview for images, and a download link (a short-lived URL, fetched when shown). */
function MediaView({ media }: { media: Media }) {
  const [url, setUrl] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let closed = false;
    void media
      .getContentTemporaryUrl()
      .then((u) => !closed && setUrl(u))
      .catch(() => !closed && setFailed(true));
    return () => {
      closed = true;
    };
  }, [media]);
  const name = media.filename ?? media.sid;
  const isImage = media.contentType.startsWith("image/");
  return (
    <figure class="media" data-testid="media">
      {isImage && url && <img src={url} alt={name} loading="lazy" />}
      <figcaption class="small">
        {url ? (
          <a href={url} download={name} target="_blank" rel="noopener">
            Download {name}
          </a>
        ) : failed ? (
          <span class="error">Could not load {name}</span>
        ) : (
          <span class="muted">Loading {name}…</span>
        )}{" "}
        <span class="muted">({fileSize(media.size)})</span>
      </figcaption>
    </figure>
  );
}
