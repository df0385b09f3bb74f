import type { CachedConversation } from "../conversation/conversation.js";
import type { UserJson } from "../user/user.js";
import type { ClientStorage } from "./options.js";

/** What the client keeps between sessions: the last processed cursor and the objects it covers. */
export type ClientCacheContent = {
  version: 1;
  cursor: string;
  identity: string;
  serviceSid: string;
  conversations: CachedConversation[];
  users: UserJson[];
};

/** A storage that lives as long as the process (the default when there is no localStorage). */
export function memoryStorage(): ClientStorage {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

/** The default storage: localStorage in a browser, memory elsewhere. */
export function defaultStorage(): ClientStorage {
  const local = (globalThis as { localStorage?: ClientStorage }).localStorage;
  return local ?? memoryStorage();
}

/**
 * The cached conversation list of one identity on one server, kept in a storage. Writes are
 * coalesced (one per tick of events) and never fail the client: a full or broken storage only
 * means the next start loads everything again.
 */
export class ClientCache {
  private readonly storage: ClientStorage;
  private readonly key: string;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private next: (() => ClientCacheContent | null) | null = null;

  constructor(storage: ClientStorage, server: string, identity: string) {
    this.storage = storage;
    this.key = `confab.conversations:${server}:${identity}`;
  }

  async load(): Promise<ClientCacheContent | null> {
    try {
      const raw = await this.storage.getItem(this.key);
      if (!raw) return null;
      const content = JSON.parse(raw) as ClientCacheContent;
      return content.version === 1 && typeof content.cursor === "string" ? content : null;
    } catch {
      return null;
    }
  }

  /** Saves soon; the snapshot is taken when the write happens, so bursts cost one write. */
  schedule(snapshot: () => ClientCacheContent | null): void {
    this.next = snapshot;
    this.timer ??= setTimeout(() => void this.flush(), 50);
  }

  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const snapshot = this.next;
    this.next = null;
    if (!snapshot) return;
    try {
      const content = snapshot();
      if (content) await this.storage.setItem(this.key, JSON.stringify(content));
    } catch {
      // A cache that cannot be written is only a slower next start.
    }
  }

  async clear(): Promise<void> {
    try {
      await this.storage.removeItem(this.key);
    } catch {
      // Nothing to do: see flush().
    }
  }
}
