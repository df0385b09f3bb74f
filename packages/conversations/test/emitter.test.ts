/** The replay event emitter: Node's EventEmitter behaviour plus replay of the last emission. */
import { describe, expect, it, vi } from "vitest";
import { ReplayEventEmitter } from "../src/index.js";

type Events = { ready: () => void; value: (n: number, label: string) => void };

describe("ReplayEventEmitter", () => {
  it("calls listeners in order, once-listeners once, prepended ones first", () => {
    const emitter = new ReplayEventEmitter<Events>();
    const calls: string[] = [];
    emitter.on("value", (n) => calls.push(`on ${n}`));
    emitter.once("value", (n) => calls.push(`once ${n}`));
    emitter.prependListener("value", (n) => calls.push(`first ${n}`));
    expect(emitter.emit("value", 1, "a")).toBe(true);
    emitter.emit("value", 2, "b");
    expect(calls).toEqual(["first 1", "on 1", "once 1", "first 2", "on 2"]);
    expect(emitter.listenerCount("value")).toBe(2);
    expect(emitter.emit("ready")).toBe(false);
  });

  it("removes listeners with off/removeListener/removeAllListeners", () => {
    const emitter = new ReplayEventEmitter<Events>();
    const listener = vi.fn();
    emitter.addListener("ready", listener);
    emitter.off("ready", listener);
    emitter.emit("ready");
    expect(listener).not.toHaveBeenCalled();
    emitter.on("ready", listener).on("value", listener);
    emitter.removeAllListeners();
    expect(emitter.listeners("ready")).toEqual([]);
    expect(emitter.setMaxListeners(50)).toBe(emitter);
  });

  it("replays the last emission to a listener added with replay", () => {
    const emitter = new ReplayEventEmitter<Events>();
    emitter.emit("value", 1, "a");
    emitter.emit("value", 2, "b");
    const replayed = vi.fn();
    emitter.onWithReplay("value", replayed);
    expect(replayed).toHaveBeenCalledWith(2, "b");
    emitter.emit("value", 3, "c");
    expect(replayed).toHaveBeenLastCalledWith(3, "c");
    const once = vi.fn();
    emitter.onceWithReplay("value", once);
    emitter.emit("value", 4, "d");
    expect(once).toHaveBeenCalledTimes(1);
    const notYet = vi.fn();
    emitter.onceWithReplay("ready", notYet);
    expect(notYet).not.toHaveBeenCalled();
    emitter.emit("ready");
    emitter.emit("ready");
    expect(notYet).toHaveBeenCalledTimes(1);
  });
});
