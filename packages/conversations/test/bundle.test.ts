/**
 * The builds: the standalone script's size budget (Twilio's own is 126 KB gzipped), that it sets
 * `Twilio.Conversations` without clobbering the rest of a `Twilio` global, and that the browser
 * build leaves the `ws` package out.
 */
import { gzipSync } from "node:zlib";
import { runInNewContext } from "node:vm";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

const BUDGET_BYTES = 40 * 1024;

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

describe("the standalone bundle (twilio-conversations.min.js)", () => {
  it(`stays under ${BUDGET_BYTES / 1024} KB minified + gzipped`, async () => {
    const result = await bundle("src/global.ts", "iife");
    const code = result.outputFiles[0]!.contents;
    const size = gzipSync(code).length;
    console.log(`twilio-conversations.min.js: ${(code.length / 1024).toFixed(1)} KB minified, ${(size / 1024).toFixed(1)} KB gzipped`);
    expect(size).toBeLessThan(BUDGET_BYTES);
  });

  it("sets Twilio.Conversations and keeps the other members of an existing Twilio global", async () => {
    const result = await bundle("src/global.ts", "iife");
    const sandbox: Record<string, unknown> = {
      Twilio: { Video: "kept" },
      console,
      TextEncoder,
      TextDecoder,
      URL,
      setTimeout,
      clearTimeout,
    };
    sandbox.globalThis = sandbox;
    runInNewContext(result.outputFiles[0]!.text, sandbox);
    const twilio = sandbox.Twilio as { Video: string; Conversations: { Client: { version: string }; Conversation: unknown } };
    expect(twilio.Video).toBe("kept");
    expect(twilio.Conversations.Client.version).toBe("3.0.1");
    expect(typeof twilio.Conversations.Conversation).toBe("function");
  });
});

describe("the browser build", () => {
  it("does not contain the ws package", async () => {
    const result = await bundle("src/browser.ts", "esm");
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((path) => /node_modules\/(\.pnpm\/ws@[^/]+\/node_modules\/)?ws\//.test(path))).toBe(false);
  });
});
