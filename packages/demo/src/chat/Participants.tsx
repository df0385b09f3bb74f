import type { Conversation, Participant } from "@confab/conversations";
import { useState } from "preact/hooks";
import type { Chat } from "./use-chat.js";

/** Who takes part: names, online status (when the service tracks it), add and remove. */
export function Participants({
  chat,
  conversation,
  participants,
}: {
  chat: Chat;
  conversation: Conversation;
  participants: Participant[];
}) {
  const [identity, setIdentity] = useState("");
  const [error, setError] = useState<string | null>(null);
  const reachability = chat.client.reachabilityEnabled;
  const add = async (event: Event) => {
    event.preventDefault();
    const who = identity.trim();
    if (!who) return;
    setError(null);
    try {
      await conversation.add(who);
      setIdentity("");
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const sorted = [...participants].sort((a, b) => (a.identity ?? "").localeCompare(b.identity ?? ""));
  return (
    <aside id="participants" class="participants" aria-label="Participants">
      <h3>People</h3>
      <ul data-testid="participants">
        {sorted.map((p) => {
          const user = p.identity ? chat.user(p.identity) : undefined;
          chat.displayName(p.identity);
          const online = reachability ? (user?.isOnline ?? null) : null;
          return (
            <li key={p.sid} data-identity={p.identity ?? ""} data-online={online === null ? "unknown" : String(online)}>
              <span class={`presence ${online ? "online" : online === false ? "offline" : "unknown"}`} aria-hidden="true" />
              <span class="who">
                {user?.friendlyName || p.identity || p.sid}
                {p.identity === chat.identity && <span class="muted"> (you)</span>}
                {online !== null && <span class="muted small"> {online ? "online" : "offline"}</span>}
              </span>
              {p.identity !== chat.identity && (
                <button
                  type="button"
                  class="link danger"
                  aria-label={`Remove ${p.identity ?? p.sid}`}
                  onClick={() => void p.remove().catch((e: unknown) => setError(String(e)))}
                >
                  Remove
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {!reachability && <p class="muted small">Online status is off for this service (admin: Reachability).</p>}
      <form onSubmit={add}>
        <label for="add-participant">Add someone by identity</label>
        <div class="row">
          <input id="add-participant" placeholder="bob" value={identity} onInput={(e) => setIdentity(e.currentTarget.value)} />
          <button type="submit">Add</button>
        </div>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
      </form>
    </aside>
  );
}
