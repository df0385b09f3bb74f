import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { credentials, freePort } from "../server-process.js";

const cli = resolve(import.meta.dirname, "../../../../packages/server/dist/cli.js");

export type ClusterNodes = {
  /** Each node's base URL. */
  urls: string[];
  serviceSid: string;
  admin(method: string, path: string, form?: Record<string, string>): Promise<{ sid: string }>;
  stop(): Promise<void>;
};

/**
 * Starts `count` built `confab start` processes: on the given store and bus (a cluster), or with
 * neither (the embedded single node: SQLite and the in-process bus). The first starts alone (it
 * creates the schema and credentials), the rest together.
 */
export async function startNodes(count: number, cluster?: { store: string; bus: string; prefix: string }): Promise<ClusterNodes> {
  const started: { child: ChildProcess; port: number; dataDir: string; output: string }[] = [];
  const startOne = async () => {
    const port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), "confab-bench-node-"));
    const args = [cli, "start", "--port", String(port), "--data-dir", dataDir];
    if (cluster) args.push("--store", cluster.store, "--bus", cluster.bus);
    const child = spawn(process.execPath, args, {
      env: {
        ...process.env,
        CONFAB_ACCOUNT_SID: credentials.accountSid,
        CONFAB_AUTH_TOKEN: credentials.authToken,
        CONFAB_API_KEY_SID: credentials.apiKeySid,
        CONFAB_API_KEY_SECRET: credentials.apiKeySecret,
        ...(cluster ? { CONFAB_BUS_PREFIX: cluster.prefix } : {}),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stderr?.resume();
    process.once("exit", () => child.kill("SIGKILL"));
    const node = { child, port, dataDir, output: "" };
    started.push(node);
    await new Promise<void>((ready, fail) => {
      const timer = setTimeout(() => fail(new Error(`a node did not start: ${node.output}`)), 30_000);
      child.stdout?.on("data", (chunk: Buffer) => {
        node.output += chunk.toString();
        if (node.output.includes("Twilio helper:")) {
          clearTimeout(timer);
          ready();
        }
      });
      child.once("exit", (code) => fail(new Error(`a node exited with ${code}: ${node.output}`)));
    });
  };
  await startOne();
  await Promise.all(Array.from({ length: count - 1 }, startOne));
  const serviceSid = /Service SID\s+(IS[0-9a-f]{32})/.exec(started[0]?.output ?? "")?.[1] ?? "";
  const urls = started.map((n) => `http://127.0.0.1:${n.port}`);
  const auth = `Basic ${Buffer.from(`${credentials.accountSid}:${credentials.authToken}`).toString("base64")}`;
  return {
    urls,
    serviceSid,
    async admin(method, path, form) {
      const res = await fetch(`${urls[0]}${path}`, {
        method,
        headers: { Authorization: auth, "Content-Type": "application/x-www-form-urlencoded" },
        ...(form ? { body: new URLSearchParams(form).toString() } : {}),
      });
      const text = await res.text();
      if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${text}`);
      return text ? JSON.parse(text) : undefined;
    },
    async stop() {
      await Promise.all(
        started.map(async (node) => {
          node.child.kill("SIGTERM");
          await new Promise((r) => (node.child.exitCode !== null ? r(undefined) : node.child.once("exit", r)));
          rmSync(node.dataDir, { recursive: true, force: true });
        }),
      );
    },
  };
}
