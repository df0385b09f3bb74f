/**
 * Runs tasks one at a time, in order. SQLite has one writer, and this store shares one
 * connection, so a transaction must not interleave with any other statement while it awaits.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T> | T): Promise<T> {
    const result = this.tail.then(task, task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
