#!/usr/bin/env node
/**
 * The `confab` command: `confab start`, `confab token <identity> [--ttl seconds]`,
 * `confab migrate <dir>` (the twilio-chat codemod, from `@confab/migrate`), `confab --help`.
 */
import { mintAccessToken } from "./auth/access-token.js";
import { provision } from "./bootstrap.js";
import { defaultDemoDir } from "./http/demo-static.js";
import { redact } from "./bus/redis-url.js";
import { startServer } from "./start-server.js";
import { checkStoreUrl, openSqliteStore, openStore, redactStoreUrl } from "./store/index.js";
import { basename, join, relative, resolve } from "node:path";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const HELP = `confab: the open, self-hostable Twilio Conversations server

Usage:
  confab start [--port 4000] [--data-dir ./.confab] [--store postgres://…] [--bus redis://…]
               [--public-url URL] [--dev] [--push-webhook URL]
  confab token <identity> [--ttl 3600] [--data-dir ./.confab] [--store postgres://…]
  confab migrate <dir> [--dry-run] [--target @confab/conversations|@twilio/conversations] [--report file.json]
      rewrite twilio-chat code for Conversations (needs @confab/migrate installed)
  confab --help

Options:
  --data-dir DIR   where media files live, and the embedded SQLite database unless --store is given
  --store URL      a PostgreSQL database shared by every node: postgres://user:password@host:5432/db
                   (several stateless nodes behind a load balancer; see docs/deployment.md)
  --bus URL        Redis, through which the nodes sharing a --store reach each other's sockets:
                   redis://[user:password@]host:6379[/db]; default: in-process (one node)

Environment:
  CONFAB_PORT, CONFAB_DATA_DIR, CONFAB_STORE, CONFAB_BUS, CONFAB_PUBLIC_URL, CONFAB_DEV=1,
  CONFAB_PUSH_WEBHOOK_URL
  CONFAB_BUS_PREFIX        prefix of a cluster's Redis keys and channel (default confab), to run
                           several clusters on one Redis
  CONFAB_PRESENCE_TTL_MS   how long users of a node that stopped answering stay online (15000)
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

/** The --store URL (or CONFAB_STORE), checked before anything starts; undefined for the embedded store. */
function storeUrl(args: string[]): string | undefined {
  const value = flag(args, "--store") ?? (process.env.CONFAB_STORE || undefined);
  if (value !== undefined) checkStoreUrl(value);
  return value;
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
  const store = storeUrl(args);
  const bus = flag(args, "--bus") ?? (process.env.CONFAB_BUS || undefined);
  const presenceTtlMs = process.env.CONFAB_PRESENCE_TTL_MS ? Number(process.env.CONFAB_PRESENCE_TTL_MS) : undefined;
  if (presenceTtlMs !== undefined && !(Number.isInteger(presenceTtlMs) && presenceTtlMs > 0)) {
    throw new Error(`Bad CONFAB_PRESENCE_TTL_MS ${process.env.CONFAB_PRESENCE_TTL_MS}: a number of milliseconds`);
  }
  const cluster = {
    ...(process.env.CONFAB_BUS_PREFIX ? { prefix: process.env.CONFAB_BUS_PREFIX } : {}),
    ...(presenceTtlMs !== undefined ? { presenceTtlMs } : {}),
  };
  const server = await startServer({
    ...(bus !== undefined ? { bus, cluster } : {}),
    port,
    dataDir,
    ...(store ? { store } : {}),
    dev,
    credentials: credentialsFromEnv(),
    ...(publicUrl ? { publicUrl } : {}),
    ...(pushWebhookUrl ? { push: { webhookUrl: pushWebhookUrl } } : {}),
  });
  const c = server.credentials;
  const base = publicUrl ?? server.url;
  const app = dev && existsSync(join(defaultDemoDir(), "index.html"));
  const where = store ? `store ${redactStoreUrl(store)}, media in ${resolve(dataDir)}` : `data in ${resolve(dataDir)}`;
  const node = server.core.cluster ? `\n  Cluster node     ${server.core.cluster.id} (bus ${redact(bus as string)})\n` : "";
  console.log(`Confab is running at ${base}  (${where}${dev ? ", development mode" : ""})
${node}
  Account SID      ${c.accountSid}
  Auth Token       ${c.authToken}
  API Key SID      ${c.apiKeySid}
  API Key Secret   ${c.apiKeySecret}
  Service SID      ${c.serviceSid}

  REST:        curl -u ${c.accountSid}:${c.authToken} ${base}/v1/Conversations
  User token:  ${dev ? `curl '${base}/token?identity=alice'   or   ` : ""}${selfCommand()} token alice ${store ? "--store <the same URL>" : `--data-dir ${dataDir}`}
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
  const url = storeUrl(args);
  const path = join(resolve(dataDir), "confab.db");
  if (!url && !existsSync(path)) throw new Error(`No Confab data in ${resolve(dataDir)}: run \`confab start\` first`);
  const store = url ? await openStore({ store: url, dataDir }) : openSqliteStore({ path });
  try {
    if ((await store.count("account", {})) === 0)
      throw new Error(`No Confab data in ${url ? redactStoreUrl(url) : resolve(dataDir)}: run \`confab start\` first`);
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

/** What the server's CLI uses of `@confab/migrate` (kept out of the server's own dependencies). */
interface MigrateModule {
  runCli(argv: readonly string[], options?: { program?: string }): Promise<number>;
}

const MIGRATE_PACKAGE = "@confab/migrate";

/**
 * Loads `@confab/migrate` only when `confab migrate` runs, so the server's runtime carries no
 * TypeScript compiler: from beside the server, else from the project the command runs in.
 */
async function loadMigrate(): Promise<MigrateModule | undefined> {
  try {
    return (await import(MIGRATE_PACKAGE)) as MigrateModule;
  } catch {
    try {
      const resolved = createRequire(join(process.cwd(), "package.json")).resolve(MIGRATE_PACKAGE);
      return (await import(pathToFileURL(resolved).href)) as MigrateModule;
    } catch {
      return undefined;
    }
  }
}

async function migrateCommand(args: string[]): Promise<void> {
  const migrate = await loadMigrate();
  if (!migrate) {
    console.error(
      "confab migrate needs the codemod package, which is not installed here.\n" +
        "Install it in your project (npm install --save-dev @confab/migrate) and run this again,\n" +
        "or run it directly: npx @confab/migrate <dir>",
    );
    process.exitCode = 2;
    return;
  }
  process.exitCode = await migrate.runCli(args, { program: "confab migrate" });
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (!command || command === "--help" || command === "-h" || command === "help") {
    console.log(HELP);
    return;
  }
  if (command === "start") return start(rest);
  if (command === "token") return token(rest);
  if (command === "migrate") return migrateCommand(rest);
  console.error(`Unknown command ${command}\n\n${HELP}`);
  process.exitCode = 2;
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
