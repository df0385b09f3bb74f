import type { Conversation } from "@confab/conversations";
import { useEffect, useState } from "preact/hooks";
import { badgeText, connectionText, orderByLastMessage, shortTime, unreadCount } from "../lib/logic.js";
import type { DevToken } from "../lib/token.js";
import { ConversationView } from "./ConversationView.js";
import { type Chat, useChat } from "./use-chat.js";

/** The signed-in chat: the conversation list beside the open conversation (one at a time on a phone). */
export function ChatApp({ session, ttl, onSignOut }: { session: DevToken; ttl: number; onSignOut: () => void }) {
  const chat = useChat(session.identity, ttl, session.token);
  const [openSid, setOpenSid] = useState<string | null>(() => sidFromHash());
  useEffect(() => {
    const onHash = () => setOpenSid(sidFromHash());
    addEventListener("hashchange", onHash);
    return () => removeEventListener("hashchange", onHash);
  }, []);
  const open = (sid: string | null) => {
    location.hash = sid ? `#/c/${sid}` : "#/";
  };
  const current = chat.conversations.find((c) => c.sid === openSid) ?? null;
  const banner = chat.state === "failed" ? `Could not connect: ${chat.error}` : connectionText(chat.connection);

  return (
    <div class={`chat ${current ? "has-open" : ""}`} data-connection={chat.connection}>
      <header class="topbar">
        <h1>Confab</h1>
        <Profile chat={chat} />
        <button type="button" class="secondary" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      <div class="connection" role="status" aria-live="polite" data-testid="connection">
        {banner && <p class={chat.connection === "denied" || chat.state === "failed" ? "error" : "warning"}>{banner}</p>}
      </div>
      {chat.state === "initializing" ? (
        <p class="loading" role="status">
          Loading your conversations…
        </p>
      ) : (
        <div class="panes">
          <ConversationList chat={chat} openSid={openSid} onOpen={open} />
          {current ? (
            <ConversationView key={current.sid} chat={chat} conversation={current} onClose={() => open(null)} />
          ) : (
            <section class="empty-pane" aria-label="No conversation open">
              <p class="muted">{chat.conversations.length ? "Choose a conversation." : "Create a conversation to start."}</p>
            </section>
          )}
        </div>
      )}
    </div>
  );
}

function sidFromHash(): string | null {
  const match = /^#\/c\/(CH[0-9a-fA-F]{32})$/.exec(location.hash);
  return match?.[1] ?? null;
}

function Profile({ chat }: { chat: Chat }) {
  const me = chat.user(chat.identity);
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState("");
  // One's own status follows the connection: the user object is not updated while offline.
  const online = chat.state === "ready" && chat.client.reachabilityEnabled ? chat.connection === "connected" && me?.isOnline : null;
  const save = async (event: Event) => {
    event.preventDefault();
    await me?.updateFriendlyName(name.trim());
    setEditing(false);
  };
  return (
    <div class="profile" data-testid="profile">
      <span class={`presence ${online ? "online" : online === false ? "offline" : "unknown"}`} aria-hidden="true" />
      <span>
        <strong data-testid="my-name">{me?.friendlyName || chat.identity}</strong>
        <span class="muted"> @{chat.identity}</span>
        {online !== null && online !== undefined && <span class="sr-only">{online ? " (online)" : " (offline)"}</span>}
      </span>
      {editing ? (
        <form class="inline" onSubmit={save}>
          <label class="sr-only" for="friendly-name">
            Your display name
          </label>
          <input
            id="friendly-name"
            value={name}
            onInput={(e) => setName(e.currentTarget.value)}
            onKeyDown={(e) => e.key === "Escape" && setEditing(false)}
          />
          <button type="submit">Save</button>
          <button type="button" class="secondary" onClick={() => setEditing(false)}>
            Cancel
          </button>
        </form>
      ) : (
        <button
          type="button"
          class="secondary"
          disabled={!me}
          onClick={() => {
            setName(me?.friendlyName ?? "");
            setEditing(true);
          }}
        >
          Edit name
        </button>
      )}
      <span class="muted small" data-testid="token-info" data-renewals={chat.renewer.renewals}>
        {chat.renewer.expiresAt ? `token expires ${shortTime(new Date(chat.renewer.expiresAt))}, renewed before` : ""}
      </span>
    </div>
  );
}

function ConversationList({ chat, openSid, onOpen }: { chat: Chat; openSid: string | null; onOpen: (sid: string) => void }) {
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const create = async (event: Event) => {
    event.preventDefault();
    setError(null);
    try {
      const conversation = await chat.client.createConversation({ friendlyName: name.trim() || "New conversation" });
      setName("");
      onOpen(conversation.sid);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const ordered = orderByLastMessage(chat.conversations);
  return (
    <nav class="list-pane" aria-label="Conversations">
      <form class="new-conversation" onSubmit={create}>
        <label for="new-conversation">New conversation</label>
        <div class="row">
          <input id="new-conversation" placeholder="Name" value={name} onInput={(e) => setName(e.currentTarget.value)} />
          <button type="submit">Create</button>
        </div>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
      </form>
      <ul class="conversations" data-testid="conversation-list">
        {ordered.map((c) => (
          <ConversationItem key={c.sid} chat={chat} conversation={c} active={c.sid === openSid} onOpen={onOpen} />
        ))}
      </ul>
    </nav>
  );
}

function ConversationItem({
  chat,
  conversation,
  active,
  onOpen,
}: {
  chat: Chat;
  conversation: Conversation;
  active: boolean;
  onOpen: (sid: string) => void;
}) {
  const unread = active ? 0 : unreadCount(conversation);
  const name = conversation.friendlyName || conversation.uniqueName || conversation.sid;
  const when = conversation.lastMessage?.dateCreated ?? conversation.dateCreated;
  return (
    <li>
      <button
        type="button"
        class={`conversation ${active ? "active" : ""}`}
        aria-current={active ? "true" : undefined}
        data-sid={conversation.sid}
        onClick={() => onOpen(conversation.sid)}
      >
        <span class="conversation-top">
          <span class="conversation-name">{name}</span>
          <span class="muted small">{shortTime(when)}</span>
        </span>
        <span class="conversation-bottom">
          <span class="preview muted" data-testid="preview">
            {chat.previews.get(conversation.sid) ?? ""}
          </span>
          {unread > 0 && (
            <span class="badge" data-testid="unread">
              {badgeText(unread)}
              <span class="sr-only"> unread</span>
            </span>
          )}
        </span>
      </button>
    </li>
  );
}
