/**
 * Preloaded (`--import`) into the server and baseline processes the bench starts: answers a
 * `{ type: "memory" }` IPC message with the process's memory after a full garbage collection, so
 * memory is measured from inside the process that holds the connections.
 */
type Gc = () => void;

process.on("message", (message: { type?: string }) => {
  if (message?.type !== "memory") return;
  const gc = (globalThis as { gc?: Gc }).gc;
  if (!gc) throw new Error("memory-probe needs node --expose-gc");
  // Several passes: weak references and finalizers free more on the next one.
  for (let i = 0; i < 4; i++) gc();
  process.send?.({ type: "memory", usage: process.memoryUsage() });
});
// The IPC channel alone must not keep the process alive.
process.channel?.unref();
