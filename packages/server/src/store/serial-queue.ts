/**
 * Runs tasks one at a time, in order. SQLite has one writer, and its store shares one
 * connection, so a transaction must not interleave with any other statement while it awaits;
 * the PostgreSQL store queues its transactions so that at most one pooled connection per node
 * waits for the cross-node write lock.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T> | T): Promise<T> {
    const result = this.tail.then(task, task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
