import { defineConfig } from "tsup";

export default defineConfig([
  // Node 20+: ESM + CJS + types; `ws` and the protocol package stay dependencies. The internal
  // entry (the core for @confab/chat) shares its chunks with the public one, in CJS too, so an
  // app that uses both SDKs has one copy of the core.
  {
    entry: { index: "src/index.ts", internal: "src/internal.ts" },
    splitting: true,
    format: ["esm", "cjs"],
    dts: true,
    target: "es2022",
    platform: "node",
    external: ["ws", /^@confab\/protocol/],
    sourcemap: true,
    clean: true,
    treeshake: true,
  },
  // Browsers: ESM without `ws` (the global WebSocket is used).
  {
    entry: { browser: "src/browser.ts", "internal-browser": "src/internal.ts" },
    splitting: true,
    format: ["esm"],
    dts: true,
    target: "es2022",
    platform: "browser",
    external: [/^@confab\/protocol/],
    sourcemap: true,
    treeshake: true,
  },
  // The standalone script for a <script> tag: everything bundled, sets Twilio.Conversations.
  {
    entry: { "twilio-conversations": "src/global.ts" },
    format: ["iife"],
    outExtension: () => ({ js: ".min.js" }),
    target: "es2020",
    platform: "browser",
    noExternal: [/.*/],
    minify: true,
    sourcemap: true,
    treeshake: true,
  },
]);
