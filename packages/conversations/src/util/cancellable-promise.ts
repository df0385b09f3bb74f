/**
 * A promise that can be cancelled: `cancel()` runs the cancellation callback the executor
 * registered (e.g. aborting a fetch) and rejects the promise. The same shape as
 * `@twilio/mcs-client`'s, which `@twilio/conversations` re-exports.
 */
export class CancellablePromise<T> extends Promise<T> {
  private readonly cancellation: { handler?: () => void; reject?: (reason?: string | Error) => void };

  constructor(
    executor: (
      resolve: (value: T | PromiseLike<T>) => void,
      reject: (reason?: string | Error) => void,
      onCancel: (cancellationFunction: () => void) => void,
    ) => void,
  ) {
    // The executor runs inside super(), before `this` exists: keep what it registers in a local.
    const cancellation: { handler?: () => void; reject?: (reason?: string | Error) => void } = {};
    super((resolve, reject) => {
      cancellation.reject = reject;
      executor(resolve, reject, (fn) => {
        cancellation.handler = fn;
      });
    });
    this.cancellation = cancellation;
  }

  /** Promise methods (then/catch/finally) make plain promises, not cancellable ones. */
  static override get [Symbol.species]() {
    return Promise;
  }

  /** Cancels the work and rejects the promise with "Promise cancelled". */
  cancel(): this {
    this.cancellation.handler?.();
    this.cancellation.reject?.(new Error("Promise cancelled"));
    return this;
  }
}

/** Runs `work` with an AbortSignal that `cancel()` aborts. */
export function cancellable<T>(work: (signal: AbortSignal) => Promise<T>): CancellablePromise<T> {
  return new CancellablePromise<T>((resolve, reject, onCancel) => {
    const controller = new AbortController();
    onCancel(() => controller.abort());
    work(controller.signal).then(resolve, reject);
  });
}
