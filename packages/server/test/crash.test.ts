/**
 * Kill the server with SIGKILL in the middle of a burst of writes, start it again on the same
 * data, and check that every write it acknowledged is there: on each store.
 */
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "./support/ports.js";
import { processAuth, startServerProcess } from "./support/server-process.js";
import { testStores } from "./support/stores.js";

const auth = processAuth;
const children: ChildProcess[] = [];
const dataDirs: string[] = [];

afterAll(() => {
  for (const child of children) child.kill("SIGKILL");
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

async function startProcess(port: number, dataDir: string, store: string | undefined): Promise<ChildProcess> {
  const child = await startServerProcess(port, dataDir, store);
  children.push(child);
  return child;
}

const post = (port: number, path: string, body: string) =>
  fetch(`http://127.0.0.1:${port}${path}`, {
    method: "POST",
    headers: { Authorization: auth, "Content-Type": "application/x-www-form-urlencoded" },
    body,
  });

describe.each(testStores)("crash safety on $name", ({ store }) => {
  it("keeps every acknowledged write after SIGKILL", async () => {
    const storeUrl = await store();
    const dataDir = mkdtempSync(join(tmpdir(), "confab-crash-"));
    dataDirs.push(dataDir);
    const port = await freePort();
    const first = await startProcess(port, dataDir, storeUrl);
    const conversation = (await (await post(port, "/v1/Conversations", "FriendlyName=crash")).json()) as { sid: string };

    const acknowledged: { sid: string; index: number }[] = [];
    let stop = false;
    const writers = Array.from({ length: 4 }, async (_, w) => {
      for (let i = 0; !stop; i++) {
        try {
          const res = await post(port, `/v1/Conversations/${conversation.sid}/Messages`, `Body=w${w}-${i}`);
          if (res.status === 201) acknowledged.push((await res.json()) as { sid: string; index: number });
        } catch {
          return; // the connection died with the server
        }
      }
    });
    // Let the burst run until a few dozen writes are acknowledged (however loaded the machine),
    // then kill the server in the middle of it.
    const deadline = Date.now() + 30_000;
    while (acknowledged.length < 30 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    first.kill("SIGKILL");
    stop = true;
    await Promise.all(writers);
    expect(acknowledged.length).toBeGreaterThan(20);

    await startProcess(port, dataDir, storeUrl);
    const stored = new Map<string, number>();
    let url: string | null = `http://127.0.0.1:${port}/v1/Conversations/${conversation.sid}/Messages?PageSize=1000`;
    while (url) {
      const page = (await (await fetch(url, { headers: { Authorization: auth } })).json()) as {
        messages: { sid: string; index: number }[];
        meta: { next_page_url: string | null };
      };
      for (const m of page.messages) stored.set(m.sid, m.index);
      url = page.meta.next_page_url;
    }
    for (const m of acknowledged) expect(stored.get(m.sid), m.sid).toBe(m.index);
    // Indexes stay gap-free and ordered among what was kept.
    const indexes = [...stored.values()].sort((a, b) => a - b);
    expect(indexes).toEqual(Array.from({ length: indexes.length }, (_, i) => i));
  }, 60_000);
});
