/**
 * Size budgets for what a browser bundles: the REST client and the socket client, minified and
 * gzipped as an app's bundler would ship them. The server stub carries every validator and is
 * not meant for browsers; it has a budget too, so growth there is a decision, not an accident.
 */
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

const budgets: { entry: string; gzipBytes: number }[] = [
  { entry: "src/client/index.ts", gzipBytes: 5 * 1024 },
  { entry: "src/socket/index.ts", gzipBytes: 4 * 1024 },
  { entry: "src/index.ts", gzipBytes: 8 * 1024 },
  // Every validator of Conversations v1 (with Confab's own operations), of Chat v2's 54
  // operations and of the compatibility protocol the official SDKs speak (spec/openapi-compat):
  // about 137 KiB once Chat v2 joined (under 128 KiB without), 164 KiB with the compat validators.
  { entry: "src/server/index.ts", gzipBytes: 176 * 1024 },
];

async function gzippedSize(entry: string): Promise<number> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    write: false,
    format: "esm",
    platform: "browser",
    external: ["ws", "node:*"],
    logLevel: "silent",
  });
  return gzipSync(result.outputFiles[0]?.contents ?? new Uint8Array()).length;
}

describe("bundle size budgets (minified + gzip)", () => {
  for (const { entry, gzipBytes } of budgets) {
    it(`${entry} stays under ${(gzipBytes / 1024).toFixed(0)} KiB`, async () => {
      const size = await gzippedSize(entry);
      expect(size, `${entry} is ${size} bytes gzipped`).toBeLessThanOrEqual(gzipBytes);
    });
  }

  it("keeps the validators out of the client bundles", async () => {
    const result = await build({
      entryPoints: ["src/index.ts"],
      bundle: true,
      write: false,
      format: "esm",
      external: ["ws"],
      logLevel: "silent",
    });
    const code = result.outputFiles[0]?.text ?? "";
    expect(code).not.toContain("_response");
    expect(code).not.toContain("validate0");
  });
});
