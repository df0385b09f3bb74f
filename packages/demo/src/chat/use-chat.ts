import { Client, type ConnectionState, type Conversation, type Message, type User } from "@confab/conversations";
import { useEffect, useMemo, useState } from "preact/hooks";
import { previewText } from "../lib/logic.js";
import { fetchDevToken, TokenRenewer } from "../lib/token.js";

/** Everything the chat screens read: the SDK's objects, plus what the SDK does not keep (previews, users). */
export type Chat = {
  client: Client;
  identity: string;
  state: "initializing" | "ready" | "failed";
  error: string | null;
  connection: ConnectionState;
  conversations: Conversation[];
  previews: Map<string, string>;
  users: Map<string, User>;
  renewer: TokenRenewer;
  /** Re-renders whoever reads the chat (the SDK mutates its objects in place). */
  version: number;
  user(identity: string): User | undefined;
  displayName(identity: string | null): string;
};

/**
 * Signs `identity` in with a development token and follows the client's events: one counter
 * is bumped by every event, so the screens read the SDK's objects fresh on each render.
 */
export function useChat(identity: string, ttl: number, initialToken: string): Chat {
  const [version, setVersion] = useState(0);
  const [state, setState] = useState<Chat["state"]>("initializing");
  const [error, setError] = useState<string | null>(null);
  const [connection, setConnection] = useState<ConnectionState>("connecting");
  const [conversations, setConversations] = useState<Conversation[]>([]);
  const bump = () => setVersion((v) => v + 1);

  const { client, renewer, previews, users, pending } = useMemo(() => {
    const client = new Client(initialToken, { server: location.origin });
    const renewer = new TokenRenewer(identity, ttl, (token) => client.updateToken(token), bump);
    return { client, renewer, previews: new Map<string, string>(), users: new Map<string, User>(), pending: new Set<string>() };
  }, [identity, initialToken, ttl]);

  useEffect(() => {
    let closed = false;
    const refreshList = () => {
      void client
        .getSubscribedConversations()
        .then(async (page) => {
          const all: Conversation[] = [...page.items];
          let current = page;
          while (current.hasNextPage) {
            current = await current.nextPage();
            all.push(...current.items);
          }
          if (!closed) setConversations(all.filter((c) => c.status === "joined"));
        })
        .catch(() => {});
    };
    const loadPreview = (conversation: Conversation) => {
      if (conversation.lastMessage?.index === undefined) return;
      void conversation
        .getMessages(1)
        .then((page) => {
          const last = page.items.at(-1);
          if (last) setPreview(last);
        })
        .catch(() => {});
    };
    const setPreview = (message: Message) => {
      const current = previewKeyIndex.get(message.conversation.sid) ?? -1;
      if (message.index < current) return;
      previewKeyIndex.set(message.conversation.sid, message.index);
      previews.set(
        message.conversation.sid,
        `${message.author === identity ? "You: " : ""}${previewText(message.body, message.type === "media")}`,
      );
      bump();
    };
    const previewKeyIndex = new Map<string, number>();
    const remember = (user: User) => {
      if (users.has(user.identity)) return;
      users.set(user.identity, user);
      user.on("updated", bump);
      bump();
    };

    client.on("initialized", () => {
      setState("ready");
      renewer.schedule();
      remember(client.user);
      refreshList();
      void client.getSubscribedConversations().then((page) => {
        for (const c of page.items) loadPreview(c);
      });
    });
    client.on("initFailed", ({ error }) => {
      setState("failed");
      setError(error?.message ?? "Could not connect");
    });
    client.on("connectionStateChanged", (next) => {
      setConnection(next);
      // Back online: what was missed arrives as events; re-read the list for good measure.
      if (next === "connected") refreshList();
    });
    client.on("tokenAboutToExpire", () => void renewer.renew());
    client.on("tokenExpired", () => void renewer.renew());
    for (const event of ["conversationJoined", "conversationLeft", "conversationAdded", "conversationRemoved"] as const) {
      client.on(event, refreshList);
    }
    client.on("conversationUpdated", bump);
    client.on("participantJoined", bump);
    client.on("participantLeft", bump);
    client.on("participantUpdated", bump);
    client.on("messageAdded", setPreview);
    client.on("messageUpdated", ({ message }) => {
      if (message.index >= (previewKeyIndex.get(message.conversation.sid) ?? -1)) {
        previewKeyIndex.delete(message.conversation.sid);
        setPreview(message);
      }
    });
    client.on("messageRemoved", (message) => {
      previewKeyIndex.delete(message.conversation.sid);
      previews.delete(message.conversation.sid);
      loadPreview(message.conversation);
    });
    client.on("userUpdated", bump);
    return () => {
      closed = true;
      renewer.stop();
      void client.shutdown();
    };
  }, [client, renewer, previews, users, identity]);

  return {
    client,
    identity,
    state,
    error,
    connection,
    conversations,
    previews,
    users,
    renewer,
    version,
    user: (id) => users.get(id),
    displayName(id) {
      if (!id) return "Someone";
      const user = users.get(id);
      if (!user && !pending.has(id) && state === "ready") {
        pending.add(id);
        void client
          .getUser(id)
          .then((u) => {
            if (!users.has(id)) {
              users.set(id, u);
              u.on("updated", bump);
              bump();
            }
          })
          .catch(() => {});
      }
      return user?.friendlyName || id;
    },
  };
}

export { fetchDevToken };
