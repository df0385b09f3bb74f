/**
 * The builds: the standalone scripts' size budget (Twilio's twilio-chat.min.js is 118 KB gzipped,
 * twilio-ip-messaging.min.js 290 KB), that they set `Twilio.Chat` / `Twilio.IPMessaging` without
 * clobbering the rest of a `Twilio` global, and that the browser builds leave the `ws` package out.
 */
import { runInNewContext } from "node:vm";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

const BUDGET_BYTES = 32 * 1024;

async function bundle(entry: string, format: "iife" | "esm") {
  return build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    write: false,
    format,
    platform: "browser",
    target: "es2020",
    metafile: true,
    logLevel: "silent",
  });
}

function run(code: string): Record<string, unknown> {
  const sandbox: Record<string, unknown> = {
    Twilio: { Video: "kept" },
    console,
    TextEncoder,
    TextDecoder,
    URL,
    setTimeout,
    clearTimeout,
    atob,
  };
  sandbox.globalThis = sandbox;
  runInNewContext(code, sandbox);
  return sandbox.Twilio as Record<string, unknown>;
}

describe.each([
  ["twilio-chat.min.js", "src/global.ts"],
  ["twilio-ip-messaging.min.js", "src/ip-messaging/global.ts"],
])("the standalone bundle %s", (name, entry) => {
  it(`stays under ${BUDGET_BYTES / 1024} KB minified + gzipped`, async () => {
    const code = (await bundle(entry, "iife")).outputFiles[0]!.contents;
    const size = gzipSync(code).length;
    console.log(`${name}: ${(code.length / 1024).toFixed(1)} KB minified, ${(size / 1024).toFixed(1)} KB gzipped`);
    expect(size).toBeLessThan(BUDGET_BYTES);
  });
});

describe("the globals", () => {
  it("twilio-chat.min.js sets Twilio.Chat and keeps the rest of Twilio", async () => {
    const twilio = run((await bundle("src/global.ts", "iife")).outputFiles[0]!.text) as {
      Video: string;
      Chat: { Client: { version: string }; Channel: unknown; ChannelDescriptor: unknown };
    };
    expect(twilio.Video).toBe("kept");
    expect(twilio.Chat.Client.version).toBe("6.0.0");
    expect(typeof twilio.Chat.Channel).toBe("function");
    expect(typeof twilio.Chat.ChannelDescriptor).toBe("function");
  });

  it("twilio-ip-messaging.min.js sets Twilio.IPMessaging (a factory with Client) and Twilio.AccessManager", async () => {
    const twilio = run((await bundle("src/ip-messaging/global.ts", "iife")).outputFiles[0]!.text) as {
      Video: string;
      AccessManager: unknown;
      IPMessaging: { (token: string): unknown; Client: { version: string }; AccessManager: unknown; Channel: unknown };
    };
    expect(twilio.Video).toBe("kept");
    expect(typeof twilio.IPMessaging).toBe("function");
    expect(twilio.IPMessaging.Client.version).toBe("0.10.12");
    expect(twilio.AccessManager).toBe(twilio.IPMessaging.AccessManager);
    expect(typeof twilio.IPMessaging.Channel).toBe("function");
  });
});

describe("the browser builds", () => {
  it.each(["src/browser.ts", "src/ip-messaging/browser.ts"])("%s does not contain the ws package", async (entry) => {
    const inputs = Object.keys((await bundle(entry, "esm")).metafile.inputs);
    expect(inputs.some((path) => /node_modules\/(\.pnpm\/ws@[^/]+\/node_modules\/)?ws\//.test(path))).toBe(false);
  });
});

describe("the Node builds", () => {
  // The package is marked side-effect free, so an entry that only imported a module for its side
  // effect would lose it: each Node entry must itself give the core the `ws` package.
  it.each(["src/index.ts", "src/ip-messaging/index.ts"])("%s gives the core the ws package", async (entry) => {
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      write: false,
      format: "esm",
      platform: "node",
      external: ["ws", "@confab/*"],
      metafile: true,
      logLevel: "silent",
    });
    const output = Object.values(result.metafile.outputs)[0]!;
    expect(output.imports.map((i) => i.path)).toContain("ws");
    expect(result.outputFiles[0]!.text).toMatch(/setPlatformWebSocket\(/);
  });
});
