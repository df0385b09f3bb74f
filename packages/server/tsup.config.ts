import { defineConfig } from "tsup";

export default defineConfig({
  entry: { index: "src/index.ts", cli: "src/cli.ts" },
  format: ["esm"],
  dts: { entry: ["src/index.ts"] },
  target: "node20",
  platform: "node",
  external: ["libsql"],
  sourcemap: true,
  clean: true,
});
