import { type ChildProcess, spawn } from "node:child_process";
import { resolve } from "node:path";
import { mintAccessToken } from "../../src/auth/access-token.js";

const packageDir = resolve(import.meta.dirname, "../..");

/** Fixed credentials, so a restarted process on the same data answers to the same keys. */
export const processCredentials = {
  CONFAB_ACCOUNT_SID: `AC${"c".repeat(32)}`,
  CONFAB_AUTH_TOKEN: "process-test-token",
  CONFAB_API_KEY_SID: `SK${"c".repeat(32)}`,
  CONFAB_API_KEY_SECRET: "process-test-secret",
};

export const processAuth = `Basic ${Buffer.from(`${processCredentials.CONFAB_ACCOUNT_SID}:${processCredentials.CONFAB_AUTH_TOKEN}`).toString("base64")}`;

/** An access token for `identity` in the default service of a server run by `startServerProcess`. */
export const processToken = (identity: string): string =>
  mintAccessToken({
    accountSid: processCredentials.CONFAB_ACCOUNT_SID,
    apiKeySid: processCredentials.CONFAB_API_KEY_SID,
    apiKeySecret: processCredentials.CONFAB_API_KEY_SECRET,
    identity,
  });

/**
 * Runs `confab start` as a separate process (so a test can SIGKILL it) on a loopback port and a
 * data directory, and on a PostgreSQL store if `store` is given; resolves once it says it is
 * running. The caller kills it.
 */
export async function startServerProcess(port: number, dataDir: string, store?: string): Promise<ChildProcess> {
  const args = ["start", "--port", String(port), "--data-dir", dataDir, ...(store ? ["--store", store] : [])];
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli.ts", ...args], {
    cwd: packageDir,
    env: { ...process.env, ...processCredentials },
    stdio: ["ignore", "pipe", "pipe"],
  });
  await new Promise<void>((ready, fail) => {
    const timer = setTimeout(() => fail(new Error("the server did not start")), 20_000);
    child.stdout?.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("Confab is running")) {
        clearTimeout(timer);
        ready();
      }
    });
    child.once("exit", (code) => fail(new Error(`the server exited with ${code}`)));
  });
  return child;
}
