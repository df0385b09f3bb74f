import { createServer } from "node:net";

/** A port on 127.0.0.1 that was free a moment ago, for a server run as a separate process. */
export function freePort(): Promise<number> {
  return new Promise((done) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
  });
}
