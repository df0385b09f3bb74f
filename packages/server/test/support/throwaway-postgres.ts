import { execFileSync, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startChildService } from "./child-service.js";
import { freePort } from "./ports.js";
import pg from "pg";

/** A running throwaway server: its URL, and how to stop it and remove its data. */
export type ThrowawayService = { url: string; stop(): Promise<void> };

/**
 * Where the PostgreSQL server programs are: Debian's newest /usr/lib/postgresql/N/bin, or the
 * PATH (""); undefined when there is no initdb at all.
 */
export function postgresBinDir(): string | undefined {
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? readdirSync(root).filter((v) => /^\d+$/.test(v)) : [];
  for (const version of versions.sort((a, b) => Number(b) - Number(a))) {
    const dir = join(root, version, "bin");
    if (existsSync(join(dir, "initdb"))) return dir;
  }
  return spawnSync("initdb", ["--version"]).status === 0 ? "" : undefined;
}

/**
 * PostgreSQL refuses to run as root: as root, run it as Debian's `postgres` system user (which the
 * postgresql package creates); as anyone else, as that user.
 */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    return { uid, gid };
  } catch {
    throw new Error("PostgreSQL does not run as root, and there is no postgres user to run it as: install Debian's postgresql package");
  }
}

/**
 * Starts a throwaway PostgreSQL: a fresh cluster in a temporary directory (trust auth, for
 * loopback only), listening on a free 127.0.0.1 port with its socket in that directory. fsync
 * stays on, as in production, since tests kill servers and check that acknowledged writes
 * survive. `stop()` shuts it down and removes the directory.
 */
export async function startThrowawayPostgres(binDir: string): Promise<ThrowawayService> {
  const bin = (name: string) => (binDir ? join(binDir, name) : name);
  const user = serverUser();
  const dir = mkdtempSync(join(tmpdir(), "confab-postgres-"));
  const data = join(dir, "data");
  if (user) chownSync(dir, user.uid, user.gid);
  const asServer = user ? { uid: user.uid, gid: user.gid } : {};
  try {
    // --no-sync only skips flushing initdb's own files: the cluster is thrown away if the machine dies.
    const init = spawnSync(bin("initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"], {
      ...asServer,
      encoding: "utf8",
      cwd: dir,
    });
    if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.error}`);
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      try {
        const server = await startChildService(
          "PostgreSQL",
          bin("postgres"),
          [
            ...["-D", data, "-p", String(port), "-k", dir],
            ...["-c", "listen_addresses=127.0.0.1", "-c", "fsync=on", "-c", "max_connections=300"],
          ],
          { ...asServer, cwd: dir },
          (output) => output.includes("ready to accept connections"),
          // PostgreSQL's immediate shutdown: its sessions end with it.
          "SIGQUIT",
        );
        return {
          url: `postgres://postgres@127.0.0.1:${port}/postgres`,
          async stop() {
            // SIGINT is PostgreSQL's fast shutdown: it ends the sessions and stops cleanly.
            await server.stop("SIGINT");
            rmSync(dir, { recursive: true, force: true });
          },
        };
      } catch (error) {
        // The free port may have been taken in the meantime: try another, a few times.
        if (attempt >= 3) throw error;
      }
    }
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** Creates an empty database `name` on the PostgreSQL server at `serverUrl`; resolves the new database's URL. */
export async function createDatabase(serverUrl: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
