/** The `confab` command, run as a person would: help, start with flags and environment, token. */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, inject, it } from "vitest";
import { freePort } from "./support/ports.js";
import { freshPostgresUrl } from "./support/postgres.js";

const run = promisify(execFile);
const packageDir = resolve(import.meta.dirname, "..");
const dataDir = mkdtempSync(join(tmpdir(), "confab-cli-"));
const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children) child.kill("SIGTERM");
  rmSync(dataDir, { recursive: true, force: true });
});

const cli = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  run(process.execPath, ["--import", "tsx", "src/cli.ts", ...args], { cwd: packageDir, env: { ...process.env, ...env } });

function start(args: string[], env: NodeJS.ProcessEnv): Promise<{ output: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli.ts", "start", ...args], {
    cwd: packageDir,
    env: { ...process.env, ...env },
  });
  children.push(child);
  return new Promise((ready, fail) => {
    let output = "";
    const timer = setTimeout(() => fail(new Error(`no start: ${output}`)), 20_000);
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Twilio helper:")) {
        clearTimeout(timer);
        ready({ output });
      }
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
  });
}

describe("confab CLI", () => {
  it("prints its help", async () => {
    const { stdout } = await cli(["--help"]);
    expect(stdout).toContain("confab start");
    expect(stdout).toContain("confab token <identity>");
  });

  it("starts with credentials from the environment, prints them, and mints tokens that work", async () => {
    const env = {
      CONFAB_ACCOUNT_SID: `AC${"a".repeat(32)}`,
      CONFAB_AUTH_TOKEN: "cli-token",
      CONFAB_API_KEY_SID: `SK${"a".repeat(32)}`,
      CONFAB_API_KEY_SECRET: "cli-secret",
    };
    const port = await freePort();
    const { output } = await start(["--port", String(port), "--data-dir", dataDir, "--public-url", "https://chat.example.test"], env);
    expect(output).toContain("Confab is running at https://chat.example.test");
    expect(output).toContain(env.CONFAB_ACCOUNT_SID);
    expect(output).toContain(env.CONFAB_API_KEY_SID);

    const basic = `Basic ${Buffer.from(`${env.CONFAB_ACCOUNT_SID}:${env.CONFAB_AUTH_TOKEN}`).toString("base64")}`;
    const created = await fetch(`http://127.0.0.1:${port}/v1/Conversations`, {
      method: "POST",
      headers: { Authorization: basic, "Content-Type": "application/x-www-form-urlencoded" },
      body: "FriendlyName=cli",
    });
    // The public URL is the base of every link.
    expect(((await created.json()) as { url: string }).url).toMatch(/^https:\/\/chat\.example\.test\/v1\/Conversations\/CH/);

    const { stdout } = await cli(["token", "carol", "--ttl", "600", "--data-dir", dataDir], env);
    const token = stdout.trim();
    const res = await fetch(`http://127.0.0.1:${port}/v1/Conversations`, { headers: { "X-Twilio-Token": token } });
    expect(res.status).toBe(200);
  }, 40_000);

  it("refuses a token without data to sign with", async () => {
    const empty = mkdtempSync(join(tmpdir(), "confab-cli-empty-"));
    await expect(cli(["token", "dave", "--data-dir", empty])).rejects.toMatchObject({ code: 1 });
    rmSync(empty, { recursive: true, force: true });
  });

  it("runs two nodes on one PostgreSQL store (--store, CONFAB_STORE) that share their data, and mints tokens from it", async () => {
    const store = await freshPostgresUrl();
    const env = {
      CONFAB_ACCOUNT_SID: `AC${"b".repeat(32)}`,
      CONFAB_AUTH_TOKEN: "pg-token",
      CONFAB_API_KEY_SID: `SK${"b".repeat(32)}`,
      CONFAB_API_KEY_SECRET: "pg-secret",
    };
    const [portA, portB] = [await freePort(), await freePort()];
    const media = mkdtempSync(join(tmpdir(), "confab-cli-media-"));
    const a = await start(["--port", String(portA), "--store", store, "--data-dir", media], env);
    expect(a.output).toContain(`store ${store}, media in ${media}`);
    const b = await start(["--port", String(portB), "--data-dir", media], { ...env, CONFAB_STORE: store });
    expect(b.output).toContain(`store ${store}`);

    const basic = `Basic ${Buffer.from(`${env.CONFAB_ACCOUNT_SID}:${env.CONFAB_AUTH_TOKEN}`).toString("base64")}`;
    const created = await fetch(`http://127.0.0.1:${portA}/v1/Conversations`, {
      method: "POST",
      headers: { Authorization: basic, "Content-Type": "application/x-www-form-urlencoded" },
      body: "FriendlyName=shared",
    });
    const { sid } = (await created.json()) as { sid: string };
    const fetched = await fetch(`http://127.0.0.1:${portB}/v1/Conversations/${sid}`, { headers: { Authorization: basic } });
    expect(await fetched.json()).toMatchObject({ sid, friendly_name: "shared" });

    const { stdout } = await cli(["token", "erin", "--store", store], env);
    const res = await fetch(`http://127.0.0.1:${portB}/v1/Conversations`, { headers: { "X-Twilio-Token": stdout.trim() } });
    expect(res.status).toBe(200);
    rmSync(media, { recursive: true, force: true });
  }, 60_000);

  it("refuses a store it cannot use with a clear error, without printing its password", async () => {
    const port = String(await freePort());
    const fails = (args: string[], env: NodeJS.ProcessEnv = {}) =>
      cli(["start", "--port", port, "--data-dir", dataDir, ...args], env).then(
        () => expect.fail("the server started"),
        (error: { code: number; stderr: string }) => error,
      );
    const wrongScheme = await fails(["--store", "mysql://root:hunter2@127.0.0.1/confab"]);
    expect(wrongScheme.code).toBe(1);
    expect(wrongScheme.stderr).toContain('Unsupported store "mysql:" URL: give a PostgreSQL URL');
    expect(wrongScheme.stderr).not.toContain("hunter2");
    const fromEnv = await fails([], { CONFAB_STORE: "not a url" });
    expect(fromEnv.code).toBe(1);
    expect(fromEnv.stderr).toContain("Unsupported store value");
    // Nothing listens on port 1 of the loopback.
    const unreachable = await fails(["--store", "postgres://confab:hunter2@127.0.0.1:1/confab"]);
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toContain("Cannot open the PostgreSQL store 127.0.0.1:1/confab");
    expect(unreachable.stderr).not.toContain("hunter2");
    const missing = new URL(inject("postgresUrl"));
    missing.pathname = "/no_such_database";
    const noDatabase = await fails(["--store", missing.toString()]);
    expect(noDatabase.code).toBe(1);
    expect(noDatabase.stderr).toContain(`Cannot open the PostgreSQL store ${missing.host}/no_such_database`);
    const noData = await cli(["token", "frank", "--store", await freshPostgresUrl()]).then(
      () => expect.fail("a token was minted"),
      (error: { code: number; stderr: string }) => error,
    );
    expect(noData.code).toBe(1);
    expect(noData.stderr).toContain("No Confab data in postgres://");
  }, 40_000);
});
