/**
 * The event emitter every emitting class extends: the surface of Node's `EventEmitter` that apps
 * use, typed by an event map, plus Twilio's replay methods. No dependency, so the browser bundle
 * does not carry the `events` polyfill.
 */

// biome-ignore lint/suspicious/noExplicitAny: listener argument lists are whatever each event declares
type AnyListener = (...args: any[]) => void;

/** An event map: event name → listener signature. */
export type EventMap = Record<string, AnyListener>;

type Entry = { listener: AnyListener; once: boolean };

/**
 * A typed, Node-compatible event emitter that remembers the last arguments of each event, so a
 * listener added "with replay" hears the latest value at once (e.g. `initialized` after the fact).
 */
export class ReplayEventEmitter<Events extends EventMap> {
  readonly #entries = new Map<string | symbol, Entry[]>();
  readonly #history = new Map<string | symbol, unknown[]>();
  #maxListeners = 10;

  on<E extends Extract<keyof Events, string>>(event: E, listener: Events[E]): this {
    return this.#add(event, listener, false, false);
  }

  addListener<E extends Extract<keyof Events, string>>(event: E, listener: Events[E]): this {
    return this.#add(event, listener, false, false);
  }

  once<E extends Extract<keyof Events, string>>(event: E, listener: Events[E]): this {
    return this.#add(event, listener, true, false);
  }

  prependListener<E extends Extract<keyof Events, string>>(event: E, listener: Events[E]): this {
    return this.#add(event, listener, false, true);
  }

  prependOnceListener<E extends Extract<keyof Events, string>>(event: E, listener: Events[E]): this {
    return this.#add(event, listener, true, true);
  }

  off<E extends Extract<keyof Events, string>>(event: E, listener: Events[E]): this {
    return this.removeListener(event, listener);
  }

  removeListener<E extends Extract<keyof Events, string>>(event: E, listener: Events[E]): this {
    const list = this.#entries.get(event);
    if (!list) return this;
    // Node removes the most recently added registration of that listener.
    for (let i = list.length - 1; i >= 0; i--) {
      if (list[i]!.listener === listener) {
        list.splice(i, 1);
        break;
      }
    }
    if (list.length === 0) this.#entries.delete(event);
    return this;
  }

  removeAllListeners<E extends Extract<keyof Events, string>>(event?: E): this {
    if (event === undefined) this.#entries.clear();
    else this.#entries.delete(event);
    return this;
  }

  /** Emits `event` to its listeners (in order, `once` ones removed first) and remembers its arguments. */
  emit<E extends Extract<keyof Events, string>>(event: E, ...args: Parameters<Events[E]>): boolean {
    this.#history.set(event, args);
    const list = this.#entries.get(event);
    if (!list || list.length === 0) return false;
    const snapshot = [...list];
    for (const entry of snapshot) {
      if (entry.once) this.removeListener(event, entry.listener as Events[E]);
      entry.listener.apply(this, args);
    }
    return true;
  }

  listeners<E extends Extract<keyof Events, string>>(event: E): Events[E][] {
    return (this.#entries.get(event) ?? []).map((entry) => entry.listener as Events[E]);
  }

  rawListeners<E extends Extract<keyof Events, string>>(event: E): Events[E][] {
    return this.listeners(event);
  }

  listenerCount<E extends Extract<keyof Events, string>>(event: E): number {
    return this.#entries.get(event)?.length ?? 0;
  }

  eventNames(): (string | symbol)[] {
    return [...this.#entries.keys()];
  }

  /** Kept for Node compatibility; like Node, exceeding it only matters for leak warnings, which this emitter does not print. */
  setMaxListeners(n: number): this {
    this.#maxListeners = n;
    return this;
  }

  getMaxListeners(): number {
    return this.#maxListeners;
  }

  /** Adds the listener and, if the event was emitted before, calls it at once with the last arguments. */
  addListenerWithReplay<E extends Extract<keyof Events, string>>(event: E, listener: Events[E]): this {
    this.on(event, listener);
    this.#replay(event, listener);
    return this;
  }

  onWithReplay<E extends Extract<keyof Events, string>>(event: E, listener: Events[E]): this {
    return this.addListenerWithReplay(event, listener);
  }

  /** Like `once`, but a past emission counts: the listener then runs at once and is not added. */
  onceWithReplay<E extends Extract<keyof Events, string>>(event: E, listener: Events[E]): this {
    if (this.#history.has(event)) this.#replay(event, listener);
    else this.once(event, listener);
    return this;
  }

  #replay(event: string, listener: AnyListener): void {
    const args = this.#history.get(event);
    if (args) listener.apply(this, args);
  }

  #add(event: string, listener: AnyListener, once: boolean, prepend: boolean): this {
    if (typeof listener !== "function") throw new TypeError('The "listener" argument must be of type function');
    let list = this.#entries.get(event);
    if (!list) {
      list = [];
      this.#entries.set(event, list);
    }
    if (prepend) list.unshift({ listener, once });
    else list.push({ listener, once });
    return this;
  }
}
