import { existsSync, mkdirSync } from "node:fs";
import { type AddressInfo, createServer, connect, type Server, type Socket } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { deflateSync } from "node:zlib";
import { type RunningServer, startServer } from "@confab/server";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The web app in Debian's Chromium against a real server on loopback: two users in two browser
// contexts chat both ways. Chromium must be installed (.ci/run installs it): without it this fails.
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const here = dirname(fileURLToPath(import.meta.url));
const demoDir = join(here, "..", "dist");
const artifacts = join(here, "..", "test-artifacts");
const WAIT = 15_000;

let server: RunningServer;
let link: Link;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's chromium (apt-get install chromium)`);
  if (!existsSync(join(demoDir, "index.html"))) throw new Error("packages/demo/dist is missing: run the demo's build first");
  mkdirSync(artifacts, { recursive: true });
  server = await startServer({
    port: 0,
    host: "127.0.0.1",
    dataDir: ":memory:",
    dev: true,
    demoDir,
    // Tokens of a minute get their warning 3 s in, so a renewal happens during the test.
    realtime: { tokenWarningMs: 57_000 },
  });
  // Online status needs the service's reachability, which the account turns on (REST, Basic auth).
  const { accountSid, authToken, serviceSid } = server.credentials;
  const res = await fetch(`${server.url}/v1/Services/${serviceSid}/Configuration`, {
    method: "POST",
    headers: {
      Authorization: `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString("base64")}`,
      "Content-Type": "application/x-www-form-urlencoded",
    },
    body: "ReachabilityEnabled=true",
  });
  expect(res.status).toBe(200);
  link = await openLink(new URL(server.url));
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    timeout: 30_000,
    // Playwright gives every launch a new, empty profile directory (its --user-data-dir).
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
    ],
  });
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await browser?.close();
  await link?.close();
  await server?.close();
});

async function newPage(viewport: { width: number; height: number }, baseURL = server.url): Promise<Page> {
  const context = await browser.newContext({ viewport, baseURL });
  context.setDefaultTimeout(WAIT);
  contexts.push(context);
  const page = await context.newPage();
  page.on("pageerror", (error) => console.error("page error:", error.message));
  return page;
}

async function signIn(page: Page, identity: string, query = ""): Promise<void> {
  await page.goto(`/${query}`);
  await page.getByLabel("Identity").fill(identity);
  await page.keyboard.press("Enter");
  await poll(() => page.getByTestId("my-name").textContent()).toBe(identity);
}

/** Polls until the matcher holds, for up to `timeout` ms (vitest's own default is one second). */
const poll = <T>(fn: () => T | Promise<T>, timeout = WAIT) => expect.poll(fn, { timeout, interval: 100 });
const shot = (page: Page, name: string) => page.screenshot({ path: join(artifacts, `${name}.png`) });
const conversationButton = (page: Page, name: string) => page.locator("button.conversation", { hasText: name });
const messageWith = (page: Page, text: string) => page.locator("li.message", { hasText: text });

describe("the web app in Chromium", () => {
  it("two users chat both ways: typing, read status, media, edits, offline and back, admin", async () => {
    const alice = await newPage({ width: 1280, height: 800 });
    // Bob reaches the server through a link on loopback that the test can cut, as a lost network would.
    const bob = await newPage({ width: 375, height: 740 }, link.url);

    // Sign-in screen, then both users sign in (alice with one-minute tokens, renewed as they near expiry).
    await alice.goto("/");
    await poll(() => alice.getByLabel("Identity").isVisible()).toBe(true);
    await shot(alice, "01-sign-in");
    await signIn(alice, "alice", "?ttl=60");
    await signIn(bob, "bob");

    // Alice creates a conversation with the keyboard and adds bob.
    await alice.getByLabel("New conversation").fill("Weekend plans");
    await alice.getByLabel("New conversation").press("Enter");
    await poll(() => alice.locator("#conversation-title").textContent()).toBe("Weekend plans");
    await alice.getByRole("button", { name: /People/ }).click();
    await alice.getByLabel("Add someone by identity").fill("bob");
    await alice.getByLabel("Add someone by identity").press("Enter");
    await poll(() => alice.locator('[data-testid="participants"] li').count()).toBe(2);

    // Alice writes; bob sees the conversation with a preview and an unread badge.
    const composerA = alice.getByLabel("Message", { exact: true });
    await composerA.fill("Hi Bob! Hiking on Saturday?");
    await composerA.press("Enter");
    await poll(() => conversationButton(bob, "Weekend plans").getByTestId("preview").textContent()).toContain("Hiking on Saturday");
    await poll(() => conversationButton(bob, "Weekend plans").getByTestId("unread").textContent()).toContain("1");
    await shot(bob, "02-phone-conversation-list");

    // Bob opens it: his read horizon moves, and alice sees "Read by bob".
    await conversationButton(bob, "Weekend plans").click();
    await poll(() => messageWith(bob, "Hiking on Saturday").isVisible()).toBe(true);
    await poll(() => messageWith(alice, "Hiking on Saturday").getByTestId("status").textContent()).toBe("Read by bob");

    // Bob types: alice sees the indicator; bob sends, alice receives.
    const composerB = bob.getByLabel("Message", { exact: true });
    await composerB.pressSequentially("Sure, ", { delay: 20 });
    await poll(() => alice.getByTestId("typing").textContent()).toBe("bob is typing…");
    await composerB.pressSequentially("let's go at 9", { delay: 5 });
    await composerB.press("Enter");
    await poll(() => messageWith(alice, "let's go at 9").isVisible()).toBe(true);
    await poll(() => alice.getByTestId("typing").textContent()).toBe("");
    await poll(() => messageWith(bob, "let's go at 9").getByTestId("status").textContent()).toBe("Read by alice");

    // Online status: both are online in each other's view.
    await bob.getByRole("button", { name: /People/ }).click();
    await poll(() => bob.locator('[data-identity="alice"]').getAttribute("data-online")).toBe("true");
    await poll(() => alice.locator('[data-identity="bob"]').getAttribute("data-online")).toBe("true");
    await bob.getByRole("button", { name: /People/ }).click();

    // Alice uploads an image; bob sees it rendered, with a download link.
    await alice.getByTestId("attach").setInputFiles({ name: "trail.png", mimeType: "image/png", buffer: pngImage(96, 64) });
    await alice.getByRole("button", { name: "Send", exact: true }).click();
    const image = bob.locator('li.message img[alt="trail.png"]');
    await poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(96);
    expect(await bob.getByRole("link", { name: "Download trail.png" }).getAttribute("href")).toContain("/Content");
    await poll(() => alice.locator('li.message img[alt="trail.png"]').isVisible()).toBe(true);

    // Edit and delete: bob sees both.
    await composerA.fill("Bring snacks");
    await composerA.press("Enter");
    await poll(() => messageWith(bob, "Bring snacks").isVisible()).toBe(true);
    await messageWith(alice, "Bring snacks")
      .getByRole("button", { name: /^Edit message/ })
      .click();
    await alice.getByRole("textbox", { name: "Edit message" }).fill("Bring snacks and water");
    await alice.getByRole("textbox", { name: "Edit message" }).press("Enter");
    await poll(() => messageWith(bob, "Bring snacks and water").isVisible()).toBe(true);
    await composerA.fill("typo message");
    await composerA.press("Enter");
    await poll(() => messageWith(bob, "typo message").count()).toBe(1);
    await messageWith(alice, "typo message")
      .getByRole("button", { name: /^Delete message/ })
      .click();
    await poll(() => messageWith(bob, "typo message").count()).toBe(0);
    await shot(alice, "03-desktop-conversation");
    await shot(bob, "04-phone-conversation");

    // Bob goes offline: his app says so, alice sees him offline and writes; back online, bob gets what he missed.
    await bob.context().setOffline(true);
    link.cut();
    await poll(() => bob.getByTestId("connection").textContent(), 30_000).toMatch(/Offline|retrying|Connect/);
    await shot(bob, "05-phone-offline");
    await alice.getByRole("button", { name: /People/ }).isVisible();
    await poll(() => alice.locator('[data-identity="bob"]').getAttribute("data-online"), 30_000).toBe("false");
    await composerA.fill("Missed me? 1");
    await composerA.press("Enter");
    await composerA.fill("Missed me? 2");
    await composerA.press("Enter");
    link.restore();
    await bob.context().setOffline(false);
    await poll(() => bob.getByTestId("connection").textContent(), 30_000).toBe("");
    await poll(() => messageWith(bob, "Missed me? 2").isVisible(), 30_000).toBe(true);
    expect(await messageWith(bob, "Missed me? 1").count()).toBe(1);
    await poll(() => alice.locator('[data-identity="bob"]').getAttribute("data-online"), 30_000).toBe("true");

    // Rename, add and remove a participant, profile name: the other side follows.
    await alice.getByRole("button", { name: "Rename" }).click();
    await alice.getByLabel("Conversation name").fill("Saturday hike");
    await alice.getByLabel("Conversation name").press("Enter");
    await poll(() => bob.locator("#conversation-title").textContent()).toBe("Saturday hike");
    await alice.getByLabel("Add someone by identity").fill("carol");
    await alice.getByLabel("Add someone by identity").press("Enter");
    await poll(() => alice.locator('[data-testid="participants"] li').count()).toBe(3);
    await alice.getByRole("button", { name: "Remove carol" }).click();
    await poll(() => alice.locator('[data-testid="participants"] li').count()).toBe(2);
    await bob.getByRole("button", { name: "Edit name" }).click();
    await bob.getByLabel("Your display name").fill("Bob B.");
    await bob.getByLabel("Your display name").press("Enter");
    await poll(() => alice.locator('[data-identity="bob"] .who').textContent()).toContain("Bob B.");

    // Leave: a second conversation disappears from alice's list when she leaves it.
    await alice.getByLabel("New conversation").fill("Scratch");
    await alice.getByLabel("New conversation").press("Enter");
    await poll(() => alice.locator("#conversation-title").textContent()).toBe("Scratch");
    await alice.getByRole("button", { name: "Leave" }).click();
    await poll(() => conversationButton(alice, "Scratch").count()).toBe(0);
    // The list is ordered by last message: the hike is the only one left, newest first.
    expect(await alice.locator("button.conversation .conversation-name").allTextContents()).toEqual(["Saturday hike"]);

    // Alice's one-minute token was renewed before it expired, and she is still connected.
    await poll(() => alice.getByTestId("token-info").getAttribute("data-renewals")).not.toBe("0");
    expect(await alice.getByTestId("connection").textContent()).toBe("");

    // Admin: account credentials, the service, the conversation's participants and messages, its live events.
    const admin = await newPage({ width: 1280, height: 900 });
    await admin.goto("/#/admin");
    await admin.getByLabel("Account SID").fill(server.credentials.accountSid);
    await admin.getByLabel("Auth Token").fill(server.credentials.authToken);
    await admin.getByLabel("Auth Token").press("Enter");
    await poll(() => admin.locator('[data-testid="services"] button').count()).toBe(1);
    expect(await admin.getByTestId("reachability").isChecked()).toBe(true);
    await admin.getByRole("button", { name: /Saturday hike/ }).click();
    await poll(() => admin.locator('[data-testid="admin-participants"] tbody tr').count()).toBe(2);
    await poll(() => admin.locator('[data-testid="admin-messages"] tbody tr', { hasText: "Missed me? 2" }).count()).toBe(1);
    await admin.getByLabel("Watch as").selectOption("alice");
    await admin.getByRole("button", { name: "Watch" }).click();
    await poll(() => admin.getByRole("status").filter({ hasText: "Socket as alice" }).textContent()).toContain("connected");
    await composerB.fill("Seen from the admin view");
    await composerB.press("Enter");
    await poll(() => admin.getByTestId("live-events").textContent()).toContain("Seen from the admin view");
    expect(await admin.locator('[data-testid="live-events"] .event-name').allTextContents()).toContain("messageAdded");
    await shot(admin, "06-admin");
  }, 240_000);
});

type Link = { url: string; cut(): void; restore(): void; close(): Promise<void> };

/**
 * A TCP relay on loopback in front of the server. `cut()` drops every connection through it and
 * refuses new ones (Chromium's offline emulation leaves open WebSockets alone); `restore()` lets
 * connections through again.
 */
async function openLink(target: URL): Promise<Link> {
  let down = false;
  const open = new Set<Socket>();
  const relay: Server = createServer((client) => {
    if (down) {
      client.destroy();
      return;
    }
    const upstream = connect(Number(target.port), target.hostname);
    for (const socket of [client, upstream]) {
      open.add(socket);
      socket.on("close", () => open.delete(socket));
      socket.on("error", () => {});
    }
    client.pipe(upstream).pipe(client);
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  await new Promise<void>((resolve) => relay.listen(0, "127.0.0.1", resolve));
  const { port } = relay.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    cut() {
      down = true;
      for (const socket of open) socket.destroy();
    },
    restore() {
      down = false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        relay.close(() => resolve());
      }),
  };
}

/** A solid-colour RGB PNG, made here so the test needs no fixture file. */
function pngImage(width: number, height: number): Buffer {
  const row = Buffer.alloc(1 + width * 3);
  for (let x = 0; x < width; x++) row.set([47, 91, 211], 1 + x * 3);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
