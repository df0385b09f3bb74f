import { connect, createServer, type Server, type Socket } from "node:net";

/**
 * A loopback TCP load balancer for cluster tests: each new connection goes to the first node in
 * its list that accepts it, so when a node dies, clients that reconnect land on the next one.
 * Connections already open to a node break with it, as they would behind a real balancer.
 */
export class FailoverProxy {
  readonly url: Promise<string>;
  /** The node port each accepted connection went to, in order. */
  readonly routed: number[] = [];
  private readonly server: Server;
  private readonly open = new Set<Socket>();

  constructor(private readonly ports: number[]) {
    this.server = createServer((client) => this.route(client));
    this.url = new Promise((resolve) => {
      this.server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(this.server.address() as { port: number }).port}`));
    });
  }

  private route(client: Socket, index = 0): void {
    const port = this.ports[index];
    if (port === undefined) {
      client.destroy();
      return;
    }
    client.pause();
    const upstream = connect(port, "127.0.0.1");
    upstream.once("error", () => {
      upstream.destroy();
      if (!client.destroyed) this.route(client, index + 1);
    });
    upstream.once("connect", () => {
      this.routed.push(port);
      upstream.removeAllListeners("error");
      for (const socket of [client, upstream]) {
        this.open.add(socket);
        socket.once("close", () => this.open.delete(socket));
        socket.on("error", () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.once("close", () => upstream.destroy());
      upstream.once("close", () => client.destroy());
      client.pipe(upstream);
      upstream.pipe(client);
      client.resume();
    });
  }

  close(): Promise<void> {
    for (const socket of this.open) socket.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
