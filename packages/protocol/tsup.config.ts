import { copyFileSync } from "node:fs";
import { defineConfig } from "tsup";

export default defineConfig({
  entry: {
    index: "src/index.ts",
    "client/index": "src/client/index.ts",
    "socket/index": "src/socket/index.ts",
    "server/index": "src/server/index.ts",
    "example/server": "src/example/server.ts",
  },
  format: ["esm", "cjs"],
  dts: {
    entry: {
      index: "src/index.ts",
      "client/index": "src/client/index.ts",
      "socket/index": "src/socket/index.ts",
      "server/index": "src/server/index.ts",
    },
  },
  target: "es2022",
  platform: "neutral",
  external: ["ws", /^node:/],
  sourcemap: true,
  clean: true,
  splitting: true,
  treeshake: true,
  onSuccess: async () => {
    copyFileSync("src/generated/openapi.json", "dist/openapi.json");
  },
});
