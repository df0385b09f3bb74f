import { defineConfig } from "tsup";

export default defineConfig({
  entry: { index: "src/index.ts", bin: "src/bin.ts" },
  format: ["esm"],
  dts: { entry: ["src/index.ts"] },
  target: "node20",
  platform: "node",
  external: ["ts-morph", "diff"],
  sourcemap: true,
  clean: true,
});
