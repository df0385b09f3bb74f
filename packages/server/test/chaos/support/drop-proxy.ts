import { connect, createServer, type Server, type Socket } from "node:net";

type Pair = { client: Socket; upstream: Socket };

/**
 * A TCP proxy on 127.0.0.1 in front of a server port that can cut the connections passing
 * through it, as a network drop would: both ends see their socket reset, with no close frame.
 * It keeps forwarding to the same port across server restarts; while the server is down a new
 * connection is closed at once (the client sees it fail and backs off).
 */
export class DropProxy {
  private readonly pairs = new Set<Pair>();
  private readonly server: Server;
  port = 0;

  private constructor(targetPort: number) {
    this.server = createServer((client) => {
      const upstream = connect(targetPort, "127.0.0.1");
      const pair = { client, upstream };
      this.pairs.add(pair);
      const end = () => {
        this.pairs.delete(pair);
        client.destroy();
        upstream.destroy();
      };
      client.on("error", end).on("close", end);
      upstream.on("error", end).on("close", end);
      client.pipe(upstream);
      upstream.pipe(client);
    });
  }

  /** Starts a proxy to `targetPort` on a free loopback port (`proxy.port`). */
  static async start(targetPort: number): Promise<DropProxy> {
    const proxy = new DropProxy(targetPort);
    await new Promise<void>((ready) => proxy.server.listen(0, "127.0.0.1", ready));
    proxy.port = (proxy.server.address() as { port: number }).port;
    return proxy;
  }

  /** How many connections pass through now. */
  get open(): number {
    return this.pairs.size;
  }

  /** Cuts up to `count` open connections, each picked by `pick(n)` (an index below n); returns how many it cut. */
  cut(count: number, pick: (n: number) => number): number {
    let cut = 0;
    for (; cut < count && this.pairs.size > 0; cut++) {
      const all = [...this.pairs];
      const pair = all[pick(all.length)] as Pair;
      this.pairs.delete(pair);
      // A TCP reset on both sides, like a connection lost mid-stream (not an orderly FIN).
      pair.upstream.resetAndDestroy();
      pair.client.resetAndDestroy();
    }
    return cut;
  }

  close(): Promise<void> {
    for (const { client, upstream } of this.pairs) {
      client.destroy();
      upstream.destroy();
    }
    return new Promise((done) => this.server.close(() => done()));
  }
}
