import type { Conversation, Message, Paginator, Participant } from "@confab/conversations";
import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import { readBy, shortTime, typingText } from "../lib/logic.js";
import { MessageItem } from "./MessageItem.js";
import { Participants } from "./Participants.js";
import type { Chat } from "./use-chat.js";

const PAGE = 30;

/** One conversation: its messages (older ones loaded on scrolling up), who is typing, the composer. */
export function ConversationView({ chat, conversation, onClose }: { chat: Chat; conversation: Conversation; onClose: () => void }) {
  const [messages, setMessages] = useState<Message[]>([]);
  const [older, setOlder] = useState<Paginator<Message> | null>(null);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [participants, setParticipants] = useState<Participant[]>([]);
  const [typing, setTyping] = useState<string[]>([]);
  const [showPeople, setShowPeople] = useState(false);
  const [renaming, setRenaming] = useState(false);
  const [, setTick] = useState(0);
  const list = useRef<HTMLDivElement>(null);
  const keepFromBottom = useRef<number | null>(null);
  const stickToBottom = useRef(true);
  const rerender = () => setTick((t) => t + 1);

  // Read the newest page, follow the conversation's events.
  useEffect(() => {
    let closed = false;
    const markRead = () => {
      if (document.visibilityState === "visible") void conversation.setAllMessagesRead().catch(() => {});
    };
    const loadParticipants = () =>
      void conversation
        .getParticipants()
        .then((ps) => !closed && setParticipants(ps))
        .catch(() => {});
    void conversation.getMessages(PAGE).then((page) => {
      if (closed) return;
      setMessages(page.items);
      setOlder(page.hasPrevPage ? page : null);
      markRead();
    });
    loadParticipants();
    const onAdded = (message: Message) => {
      setMessages((current) => (current.some((m) => m.index === message.index) ? current : [...current, message]));
      setTyping((current) => current.filter((id) => id !== message.author));
      markRead();
    };
    const onRemoved = (message: Message) => setMessages((current) => current.filter((m) => m.sid !== message.sid));
    const onTypingStarted = (p: Participant) =>
      p.identity &&
      p.identity !== chat.identity &&
      setTyping((current) => (current.includes(p.identity!) ? current : [...current, p.identity!]));
    const onTypingEnded = (p: Participant) => setTyping((current) => current.filter((id) => id !== p.identity));
    const onVisible = () => markRead();
    conversation.on("messageAdded", onAdded);
    conversation.on("messageRemoved", onRemoved);
    conversation.on("messageUpdated", rerender);
    conversation.on("participantJoined", loadParticipants);
    conversation.on("participantLeft", loadParticipants);
    conversation.on("participantUpdated", rerender);
    conversation.on("typingStarted", onTypingStarted);
    conversation.on("typingEnded", onTypingEnded);
    conversation.on("updated", rerender);
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      closed = true;
      conversation.removeListener("messageAdded", onAdded);
      conversation.removeListener("messageRemoved", onRemoved);
      conversation.removeListener("messageUpdated", rerender);
      conversation.removeListener("participantJoined", loadParticipants);
      conversation.removeListener("participantLeft", loadParticipants);
      conversation.removeListener("participantUpdated", rerender);
      conversation.removeListener("typingStarted", onTypingStarted);
      conversation.removeListener("typingEnded", onTypingEnded);
      conversation.removeListener("updated", rerender);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [conversation, chat.identity]);

  const loadOlder = async () => {
    if (!older || loadingOlder) return;
    setLoadingOlder(true);
    const el = list.current;
    keepFromBottom.current = el ? el.scrollHeight - el.scrollTop : null;
    try {
      const page = await older.prevPage();
      setMessages((current) => [...page.items.filter((m) => !current.some((c) => c.index === m.index)), ...current]);
      setOlder(page.hasPrevPage ? page : null);
    } finally {
      setLoadingOlder(false);
    }
  };

  // Keep the view where the reader is: at the bottom for new messages, in place when older ones arrive above.
  useLayoutEffect(() => {
    const el = list.current;
    if (!el) return;
    if (keepFromBottom.current !== null) {
      el.scrollTop = el.scrollHeight - keepFromBottom.current;
      keepFromBottom.current = null;
    } else if (stickToBottom.current) {
      el.scrollTop = el.scrollHeight;
    }
  }, [messages]);

  const onScroll = () => {
    const el = list.current;
    if (!el) return;
    stickToBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
    if (el.scrollTop < 120 && older && !loadingOlder) void loadOlder();
  };

  const name = conversation.friendlyName || conversation.sid;
  return (
    <section class="conversation-pane" aria-labelledby="conversation-title" data-sid={conversation.sid}>
      <header class="conversation-header">
        <button type="button" class="secondary back" onClick={onClose} aria-label="Back to conversations">
          ←
        </button>
        {renaming ? <RenameForm conversation={conversation} onDone={() => setRenaming(false)} /> : <h2 id="conversation-title">{name}</h2>}
        <div class="actions">
          {!renaming && (
            <button type="button" class="secondary" onClick={() => setRenaming(true)}>
              Rename
            </button>
          )}
          <button
            type="button"
            class="secondary"
            aria-expanded={showPeople}
            aria-controls="participants"
            onClick={() => setShowPeople((v) => !v)}
          >
            People ({participants.length})
          </button>
          <button
            type="button"
            class="secondary danger"
            onClick={async () => {
              await conversation.leave();
              onClose();
            }}
          >
            Leave
          </button>
        </div>
      </header>
      <div class="conversation-body">
        <div class="messages-column">
          <div
            class="messages"
            ref={list}
            onScroll={onScroll}
            role="log"
            aria-live="polite"
            aria-label={`Messages in ${name}`}
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable to scroll with the keyboard
            tabIndex={0}
          >
            <ol class="message-list">
              <li class="history">
                {older ? (
                  <button type="button" class="secondary" onClick={() => void loadOlder()} disabled={loadingOlder}>
                    {loadingOlder ? "Loading…" : "Load older messages"}
                  </button>
                ) : (
                  <span class="muted small">{messages.length ? "Start of the conversation" : "No messages yet"}</span>
                )}
              </li>
              {messages.map((m) => (
                <MessageItem key={m.sid} chat={chat} message={m} status={statusOf(chat, m, participants)} />
              ))}
            </ol>
          </div>
          <p class="typing muted small" aria-live="polite" data-testid="typing">
            {typingText(typing.map((id) => chat.displayName(id)))}
          </p>
          <Composer conversation={conversation} onSent={() => (stickToBottom.current = true)} />
        </div>
        {showPeople && <Participants chat={chat} conversation={conversation} participants={participants} />}
      </div>
    </section>
  );
}

/** What a message's footer says: for one's own, whether the others have read it; delivery receipts when a channel reports them. */
function statusOf(chat: Chat, message: Message, participants: Participant[]): string {
  const parts: string[] = [];
  if (message.author === chat.identity) {
    const readers = readBy(participants, message.index, chat.identity);
    parts.push(readers.length ? `Read by ${readers.map((r) => chat.displayName(r)).join(", ")}` : "Sent");
  }
  const receipt = message.aggregatedDeliveryReceipt;
  if (receipt && receipt.total > 0) {
    parts.push(`delivered ${receipt.delivered}, read ${receipt.read}, failed ${receipt.failed} of ${receipt.total}`);
  }
  if (message.dateUpdated && message.dateCreated && message.dateUpdated.getTime() - message.dateCreated.getTime() > 1000) {
    parts.push(`edited ${shortTime(message.dateUpdated)}`);
  }
  return parts.join(" · ");
}

function RenameForm({ conversation, onDone }: { conversation: Conversation; onDone: () => void }) {
  const [name, setName] = useState(conversation.friendlyName ?? "");
  return (
    <form
      class="inline rename"
      onSubmit={async (event) => {
        event.preventDefault();
        await conversation.updateFriendlyName(name.trim());
        onDone();
      }}
    >
      <label class="sr-only" for="rename">
        Conversation name
      </label>
      <input id="rename" value={name} onInput={(e) => setName(e.currentTarget.value)} onKeyDown={(e) => e.key === "Escape" && onDone()} />
      <button type="submit">Save</button>
      <button type="button" class="secondary" onClick={onDone}>
        Cancel
      </button>
    </form>
  );
}

function Composer({ conversation, onSent }: { conversation: Conversation; onSent: () => void }) {
  const [text, setText] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);

  const send = async () => {
    const body = text.trim();
    if (!body && !file) return;
    setError(null);
    setSending(true);
    onSent();
    try {
      if (file) {
        await conversation.sendMessage({ contentType: file.type || "application/octet-stream", filename: file.name, media: file });
        setFile(null);
        if (fileInput.current) fileInput.current.value = "";
      }
      if (body) {
        setText("");
        await conversation.sendMessage(body);
      }
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setSending(false);
      textarea.current?.focus();
    }
  };

  return (
    <form
      class="composer"
      onSubmit={(event) => {
        event.preventDefault();
        void send();
      }}
    >
      <label class="sr-only" for="composer-text">
        Message
      </label>
      <textarea
        id="composer-text"
        ref={textarea}
        rows={1}
        placeholder="Write a message…"
        aria-describedby="composer-hint"
        value={text}
        onInput={(e) => {
          setText(e.currentTarget.value);
          void conversation.typing().catch(() => {});
        }}
        onKeyDown={(e) => {
          if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
            e.preventDefault();
            void send();
          }
        }}
      />
      <span id="composer-hint" class="sr-only">
        Enter sends, Shift+Enter starts a new line.
      </span>
      <label class="button secondary attach">
        Attach<span class="sr-only"> a file</span>
        <input
          ref={fileInput}
          type="file"
          class="visually-hidden-file"
          data-testid="attach"
          onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
        />
      </label>
      <button type="submit" disabled={sending || (!text.trim() && !file)}>
        Send
      </button>
      {file && (
        <p class="attachment muted small">
          Attaching {file.name}{" "}
          <button
            type="button"
            class="link"
            onClick={() => {
              setFile(null);
              if (fileInput.current) fileInput.current.value = "";
            }}
          >
            remove
          </button>
        </p>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
