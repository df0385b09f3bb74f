import { createRestClient, type ItemOf, type RestClient } from "@confab/protocol/client";
import { RealtimeClient, type ServerEventFrame } from "@confab/protocol/socket";
import { useEffect, useRef, useState } from "preact/hooks";
import { fetchDevToken } from "../lib/token.js";

type Service = ItemOf<"ListService">;
type AdminConversation = ItemOf<"ListServiceConversation">;
type AdminParticipant = ItemOf<"ListServiceConversationParticipant">;
type AdminMessage = ItemOf<"ListServiceConversationMessage">;
type Credentials = { accountSid: string; authToken: string };

const STORAGE_KEY = "confab.admin";

/**
 * The admin view: the account's services, their conversations, participants and messages through
 * the REST API (HTTP Basic with the Account SID and Auth Token), and a conversation's live events.
 */
export function Admin() {
  const [credentials, setCredentials] = useState<Credentials | null>(() => {
    const saved = sessionStorage.getItem(STORAGE_KEY);
    return saved ? (JSON.parse(saved) as Credentials) : null;
  });
  if (!credentials) {
    return (
      <AdminSignIn
        onSignedIn={(c) => {
          sessionStorage.setItem(STORAGE_KEY, JSON.stringify(c));
          setCredentials(c);
        }}
      />
    );
  }
  const rest = createRestClient({ baseUrl: location.origin, auth: { username: credentials.accountSid, password: credentials.authToken } });
  return (
    <AdminConsole
      rest={rest}
      accountSid={credentials.accountSid}
      onSignOut={() => {
        sessionStorage.removeItem(STORAGE_KEY);
        setCredentials(null);
      }}
    />
  );
}

function AdminSignIn({ onSignedIn }: { onSignedIn: (c: Credentials) => void }) {
  const [accountSid, setAccountSid] = useState("");
  const [authToken, setAuthToken] = useState("");
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: Event) => {
    event.preventDefault();
    setError(null);
    const c = { accountSid: accountSid.trim(), authToken: authToken.trim() };
    try {
      await createRestClient({ baseUrl: location.origin, auth: { username: c.accountSid, password: c.authToken } }).request("ListService", {
        params: { PageSize: 1 },
      });
      onSignedIn(c);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <main class="signin">
      <h1>Confab admin</h1>
      <p class="muted">
        The Account SID and Auth Token that <code>confab start</code> printed on its first start.
      </p>
      <form onSubmit={submit}>
        <label for="account-sid">Account SID</label>
        <input id="account-sid" autocomplete="username" value={accountSid} onInput={(e) => setAccountSid(e.currentTarget.value)} />
        <label for="auth-token">Auth Token</label>
        <input
          id="auth-token"
          type="password"
          autocomplete="current-password"
          value={authToken}
          onInput={(e) => setAuthToken(e.currentTarget.value)}
        />
        <button type="submit">Sign in</button>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
      </form>
      <p class="muted">
        <a href="#/">Back to chat</a>
      </p>
    </main>
  );
}

/** Reads every page of a list operation (admin lists are small in a dev server; capped at 1000 items). */
async function readAll<T>(pages: AsyncIterable<Record<string, unknown>>, key: string): Promise<T[]> {
  const items: T[] = [];
  for await (const page of pages) {
    items.push(...((page[key] as T[]) ?? []));
    if (items.length >= 1000) break;
  }
  return items;
}

function AdminConsole({ rest, accountSid, onSignOut }: { rest: RestClient; accountSid: string; onSignOut: () => void }) {
  const [services, setServices] = useState<Service[]>([]);
  const [serviceSid, setServiceSid] = useState<string | null>(null);
  const [reachability, setReachability] = useState<boolean | null>(null);
  const [conversations, setConversations] = useState<AdminConversation[]>([]);
  const [conversationSid, setConversationSid] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const fail = (e: unknown) => setError(e instanceof Error ? e.message : String(e));

  useEffect(() => {
    readAll<Service>(rest.pages("ListService", { params: { PageSize: 50 } }) as AsyncIterable<Record<string, unknown>>, "services")
      .then((list) => {
        setServices(list);
        if (list[0]) setServiceSid((current) => current ?? list[0]!.sid);
      })
      .catch(fail);
  }, [rest]);

  const loadConversations = (sid: string) =>
    readAll<AdminConversation>(
      rest.pages("ListServiceConversation", { params: { ChatServiceSid: sid, PageSize: 50 } }) as AsyncIterable<Record<string, unknown>>,
      "conversations",
    )
      .then(setConversations)
      .catch(fail);

  useEffect(() => {
    if (!serviceSid) return;
    setConversationSid(null);
    void loadConversations(serviceSid);
    rest
      .request("FetchServiceConfiguration", { params: { ChatServiceSid: serviceSid } })
      .then((c) => setReachability(Boolean(c.reachability_enabled)))
      .catch(fail);
  }, [serviceSid]);

  const toggleReachability = async () => {
    if (!serviceSid) return;
    try {
      const c = await rest.request("UpdateServiceConfiguration", {
        params: { ChatServiceSid: serviceSid },
        body: { ReachabilityEnabled: !reachability },
      });
      setReachability(Boolean(c.reachability_enabled));
    } catch (e) {
      fail(e);
    }
  };

  return (
    <div class="admin">
      <header class="topbar">
        <h1>Confab admin</h1>
        <span class="muted small">{accountSid}</span>
        <a href="#/" class="button secondary">
          Chat
        </a>
        <button type="button" class="secondary" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <div class="admin-panes">
        <nav aria-label="Services and conversations" class="admin-nav">
          <h2>Services</h2>
          <ul class="plain" data-testid="services">
            {services.map((s) => (
              <li key={s.sid}>
                <button
                  type="button"
                  class={`row-button ${s.sid === serviceSid ? "active" : ""}`}
                  aria-current={s.sid === serviceSid ? "true" : undefined}
                  onClick={() => setServiceSid(s.sid)}
                >
                  {s.friendly_name || s.sid}
                  <span class="muted small"> {s.sid}</span>
                </button>
              </li>
            ))}
          </ul>
          {serviceSid && reachability !== null && (
            <label class="checkbox">
              <input type="checkbox" checked={reachability} onChange={() => void toggleReachability()} data-testid="reachability" />
              Reachability (online status)
            </label>
          )}
          <h2>
            Conversations{" "}
            <button type="button" class="link small" onClick={() => serviceSid && void loadConversations(serviceSid)}>
              Refresh
            </button>
          </h2>
          <ul class="plain" data-testid="admin-conversations">
            {conversations.map((c) => (
              <li key={c.sid}>
                <button
                  type="button"
                  class={`row-button ${c.sid === conversationSid ? "active" : ""}`}
                  aria-current={c.sid === conversationSid ? "true" : undefined}
                  onClick={() => setConversationSid(c.sid)}
                >
                  {c.friendly_name || c.unique_name || c.sid}
                  <span class="muted small"> {c.state}</span>
                </button>
              </li>
            ))}
            {conversations.length === 0 && <li class="muted small">No conversations.</li>}
          </ul>
        </nav>
        {serviceSid && conversationSid ? (
          <ConversationDetail
            key={conversationSid}
            rest={rest}
            serviceSid={serviceSid}
            conversationSid={conversationSid}
            title={conversations.find((c) => c.sid === conversationSid)?.friendly_name ?? null}
            onError={fail}
          />
        ) : (
          <section class="empty-pane">
            <p class="muted">Choose a conversation.</p>
          </section>
        )}
      </div>
    </div>
  );
}

function ConversationDetail({
  rest,
  serviceSid,
  conversationSid,
  title,
  onError,
}: {
  rest: RestClient;
  serviceSid: string;
  conversationSid: string;
  title: string | null;
  onError: (e: unknown) => void;
}) {
  const [participants, setParticipants] = useState<AdminParticipant[]>([]);
  const [messages, setMessages] = useState<AdminMessage[]>([]);
  const [morePages, setMorePages] = useState<AsyncIterator<Record<string, unknown>> | null>(null);
  const params = { ChatServiceSid: serviceSid, ConversationSid: conversationSid };

  const load = () => {
    readAll<AdminParticipant>(
      rest.pages("ListServiceConversationParticipant", { params: { ...params, PageSize: 100 } }) as AsyncIterable<Record<string, unknown>>,
      "participants",
    )
      .then(setParticipants)
      .catch(onError);
    const pages = (
      rest.pages("ListServiceConversationMessage", { params: { ...params, PageSize: 25, Order: "desc" } }) as AsyncIterable<
        Record<string, unknown>
      >
    )[Symbol.asyncIterator]();
    setMessages([]);
    void nextPage(pages);
  };
  const nextPage = async (pages: AsyncIterator<Record<string, unknown>>) => {
    try {
      const page = await pages.next();
      if (page.done) {
        setMorePages(null);
        return;
      }
      const items = (page.value.messages as AdminMessage[]) ?? [];
      setMessages((current) => [...current, ...items]);
      const meta = page.value.meta as { next_page_url?: string | null } | undefined;
      setMorePages(meta?.next_page_url ? pages : null);
    } catch (e) {
      onError(e);
    }
  };
  useEffect(load, [conversationSid]);

  return (
    <section class="admin-detail" aria-labelledby="admin-conversation-title">
      <h2 id="admin-conversation-title">
        {title ?? conversationSid} <span class="muted small mono">{title ? conversationSid : ""}</span>{" "}
        <button type="button" class="link small" onClick={load}>
          Refresh
        </button>
      </h2>
      <h3>Participants</h3>
      <table data-testid="admin-participants">
        <thead>
          <tr>
            <th scope="col">Identity</th>
            <th scope="col">SID</th>
            <th scope="col">Last read</th>
          </tr>
        </thead>
        <tbody>
          {participants.map((p) => (
            <tr key={p.sid}>
              <td>{p.identity ?? "(non-chat)"}</td>
              <td class="mono small">{p.sid}</td>
              <td>{p.last_read_message_index ?? "–"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Messages (newest first)</h3>
      <table data-testid="admin-messages">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Author</th>
            <th scope="col">Body</th>
            <th scope="col">Created</th>
          </tr>
        </thead>
        <tbody>
          {messages.map((m) => (
            <tr key={m.sid}>
              <td>{m.index}</td>
              <td>{m.author}</td>
              <td>{m.body ?? (m.media ? "(media)" : "")}</td>
              <td class="small">{m.date_created}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {morePages && (
        <button type="button" class="secondary" onClick={() => void nextPage(morePages)}>
          Older messages
        </button>
      )}
      <LiveEvents conversationSid={conversationSid} identities={participants.map((p) => p.identity).filter((i): i is string => !!i)} />
    </section>
  );
}

type Logged = { at: string; event: string; data: unknown; key: number };

/**
 * A conversation's live events. The socket is per user, so the stream is what one participant's
 * socket receives: the view connects as the chosen identity with a development token and shows
 * the events that concern this conversation (typing included). Connecting makes that user online
 * while it watches, as any of their devices would.
 */
function LiveEvents({ conversationSid, identities }: { conversationSid: string; identities: string[] }) {
  const [identity, setIdentity] = useState("");
  const [watching, setWatching] = useState<string | null>(null);
  const [state, setState] = useState("disconnected");
  const [events, setEvents] = useState<Logged[]>([]);
  const counter = useRef(0);

  useEffect(() => {
    if (!watching) return;
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    const socket = new RealtimeClient({
      url: `${scheme}//${location.host}/v1/socket`,
      token: async () => (await fetchDevToken(watching, 3600)).token,
    });
    socket.on("stateChanged", ({ state }) => setState(state));
    socket.on("event", (frame: ServerEventFrame) => {
      const data = frame.data as unknown as Record<string, unknown>;
      const concerns = data.conversation_sid === conversationSid || data.sid === conversationSid;
      if (!concerns) return;
      counter.current += 1;
      const logged = { at: frame.date, event: frame.event, data: frame.data, key: counter.current };
      setEvents((current) => [logged, ...current].slice(0, 200));
    });
    return () => void socket.disconnect();
  }, [watching, conversationSid]);

  return (
    <section class="live" aria-labelledby="live-title">
      <h3 id="live-title">Live events</h3>
      <form
        class="inline"
        onSubmit={(event) => {
          event.preventDefault();
          setEvents([]);
          setWatching(identity || identities[0] || null);
        }}
      >
        <label for="watch-as">Watch as</label>
        <select id="watch-as" value={identity} onChange={(e) => setIdentity(e.currentTarget.value)}>
          {identities.map((i) => (
            <option key={i} value={i}>
              {i}
            </option>
          ))}
        </select>
        <button type="submit" disabled={identities.length === 0}>
          {watching ? "Switch" : "Watch"}
        </button>
        {watching && (
          <button type="button" class="secondary" onClick={() => setWatching(null)}>
            Stop
          </button>
        )}
      </form>
      <p class="muted small" role="status">
        {watching ? `Socket as ${watching}: ${state}` : "Not watching. The stream is what the chosen participant's socket receives."}
      </p>
      <ol class="events mono small" data-testid="live-events" aria-live="polite">
        {events.map((e) => (
          <li key={e.key}>
            <span class="event-name">{e.event}</span> <span class="muted">{e.at}</span>
            <pre>{JSON.stringify(e.data, null, 1)}</pre>
          </li>
        ))}
      </ol>
    </section>
  );
}
