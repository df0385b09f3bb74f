import { type RunningServer, startServer } from "../../src/index.js";

/** A server on a free loopback port with an in-memory store, checking its answers against the spec. */
export async function testServer(options: Parameters<typeof startServer>[0] = {}): Promise<RunningServer> {
  const errors: unknown[] = [];
  const server = await startServer({
    port: 0,
    dataDir: ":memory:",
    dev: true,
    validateResponses: true,
    onError: (error) => errors.push(error),
    ...options,
  });
  return {
    ...server,
    async close() {
      await server.close();
      // A 500 is a bug: fail the test that caused it.
      if (errors.length > 0) throw new Error(`The server failed ${errors.length} time(s): ${String(errors[0])}`);
    },
  };
}
