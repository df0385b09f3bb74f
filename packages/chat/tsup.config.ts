import { defineConfig } from "tsup";

export default defineConfig([
  // Node 20+: ESM + CJS + types for both SDKs; the conversations core and `ws` stay dependencies.
  {
    entry: { index: "src/index.ts", "ip-messaging": "src/ip-messaging/index.ts" },
    format: ["esm", "cjs"],
    dts: true,
    target: "es2022",
    platform: "node",
    external: ["ws", /^@confab\//],
    splitting: true,
    sourcemap: true,
    clean: true,
    treeshake: true,
  },
  // Browsers: ESM without `ws` (the global WebSocket is used).
  {
    entry: { browser: "src/browser.ts", "ip-messaging-browser": "src/ip-messaging/browser.ts" },
    format: ["esm"],
    dts: true,
    target: "es2022",
    platform: "browser",
    external: [/^@confab\//],
    splitting: true,
    sourcemap: true,
    treeshake: true,
  },
  // The standalone scripts for a <script> tag, everything bundled: `Twilio.Chat` and `Twilio.IPMessaging`.
  {
    entry: { "twilio-chat": "src/global.ts", "twilio-ip-messaging": "src/ip-messaging/global.ts" },
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
