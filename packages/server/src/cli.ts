#!/usr/bin/env node
/**
 * The `confab` command: `confab start`, `confab token <identity> [--ttl seconds]`, `confab --help`.
 */
import { mintAccessToken } from "./auth/access-token.js";
import { provision } from "./bootstrap.js";
import { defaultDemoDir } from "./http/demo-static.js";
import { redact } from "./bus/redis-url.js";
import { startServer } from "./start-server.js";
import { openSqliteStore } from "./store/index.js";
import { basename, join, relative, resolve } from "node:path";
import { existsSync } from "node:fs";

const HELP = `confab: the open, self-hostable Twilio Conversations server

Usage:
  confab start [--port 4000] [--data-dir ./.confab] [--public-url URL] [--dev] [--push-webhook URL]
               [--bus redis://host:6379]
  confab token <identity> [--ttl 3600] [--data-dir ./.confab]
  confab --help

Environment:
  CONFAB_PORT, CONFAB_DATA_DIR, CONFAB_PUBLIC_URL, CONFAB_DEV=1, CONFAB_PUSH_WEBHOOK_URL
  CONFAB_BUS      the bus: redis://… runs this server as one node of a cluster (with a shared
                  store); default in-process
  CONFAB_ACCOUNT_SID, CONFAB_AUTH_TOKEN, CONFAB_API_KEY_SID, CONFAB_API_KEY_SECRET
    set the credentials; on first start they are created at random and stored.
`;

/** How to run this command again from here: `confab` when installed, else `node path/to/cli.js`. */
function selfCommand(): string {
  const script = process.argv[1] ?? "confab";
  return basename(script) === "confab" ? "confab" : `node ${relative(process.cwd(), script)}`;
}

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

function credentialsFromEnv() {
  const env = process.env;
  return {
    ...(env.CONFAB_ACCOUNT_SID ? { accountSid: env.CONFAB_ACCOUNT_SID } : {}),
    ...(env.CONFAB_AUTH_TOKEN ? { authToken: env.CONFAB_AUTH_TOKEN } : {}),
    ...(env.CONFAB_API_KEY_SID ? { apiKeySid: env.CONFAB_API_KEY_SID } : {}),
    ...(env.CONFAB_API_KEY_SECRET ? { apiKeySecret: env.CONFAB_API_KEY_SECRET } : {}),
  };
}

async function start(args: string[]): Promise<void> {
  const port = Number(flag(args, "--port") ?? process.env.CONFAB_PORT ?? 4000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Bad port ${port}`);
  const dataDir = flag(args, "--data-dir") ?? process.env.CONFAB_DATA_DIR ?? ".confab";
  const publicUrl = flag(args, "--public-url") ?? process.env.CONFAB_PUBLIC_URL;
  const dev = args.includes("--dev") || process.env.CONFAB_DEV === "1";
  const pushWebhookUrl = flag(args, "--push-webhook") ?? process.env.CONFAB_PUSH_WEBHOOK_URL;
  const bus = flag(args, "--bus") ?? (process.env.CONFAB_BUS || undefined);
  const server = await startServer({
    ...(bus !== undefined ? { bus } : {}),
    port,
    dataDir,
    dev,
    credentials: credentialsFromEnv(),
    ...(publicUrl ? { publicUrl } : {}),
    ...(pushWebhookUrl ? { push: { webhookUrl: pushWebhookUrl } } : {}),
  });
  const c = server.credentials;
  const base = publicUrl ?? server.url;
  const app = dev && existsSync(join(defaultDemoDir(), "index.html"));
  const node = server.core.cluster ? `\n  Cluster node     ${server.core.cluster.id} (bus ${redact(bus as string)})\n` : "";
  console.log(`Confab is running at ${base}  (data in ${resolve(dataDir)}${dev ? ", development mode" : ""})
${node}
  Account SID      ${c.accountSid}
  Auth Token       ${c.authToken}
  API Key SID      ${c.apiKeySid}
  API Key Secret   ${c.apiKeySecret}
  Service SID      ${c.serviceSid}

  REST:        curl -u ${c.accountSid}:${c.authToken} ${base}/v1/Conversations
  User token:  ${dev ? `curl '${base}/token?identity=alice'   or   ` : ""}${selfCommand()} token alice --data-dir ${dataDir}
  Twilio helper: twilio(accountSid, authToken) with a client pointed at ${base}
${app ? `  Web app:     ${base}/   (sign in as any identity; admin view at ${base}/#/admin with the Account SID and Auth Token)\n` : ""}`);
  const stop = () => {
    void server.close().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

async function token(args: string[]): Promise<void> {
  const identity = args[0];
  if (!identity || identity.startsWith("--")) throw new Error("Usage: confab token <identity> [--ttl seconds]");
  const ttl = Number(flag(args, "--ttl") ?? 3600);
  const dataDir = flag(args, "--data-dir") ?? process.env.CONFAB_DATA_DIR ?? ".confab";
  const path = join(resolve(dataDir), "confab.db");
  if (!existsSync(path)) throw new Error(`No Confab data in ${resolve(dataDir)}: run \`confab start\` first`);
  const store = openSqliteStore({ path });
  try {
    const c = await provision(store, credentialsFromEnv());
    console.log(
      mintAccessToken({
        accountSid: c.accountSid,
        apiKeySid: c.apiKeySid,
        apiKeySecret: c.apiKeySecret,
        identity,
        serviceSid: c.serviceSid,
        ttlSeconds: ttl,
      }),
    );
  } finally {
    await store.close();
  }
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (!command || command === "--help" || command === "-h" || command === "help") {
    console.log(HELP);
    return;
  }
  if (command === "start") return start(rest);
  if (command === "token") return token(rest);
  console.error(`Unknown command ${command}\n\n${HELP}`);
  process.exitCode = 2;
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
