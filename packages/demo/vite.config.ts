import { defineConfig } from "vite";

// The app is served by the Confab server (development mode) at `/`; `pnpm --filter @confab/demo dev`
// runs Vite's dev server and proxies the API to a server on :4000.
export default defineConfig({
  base: "/",
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  build: { outDir: "dist", emptyOutDir: true, target: "es2022", sourcemap: true },
  server: {
    proxy: {
      "/v1": { target: "http://127.0.0.1:4000", ws: true },
      "/token": "http://127.0.0.1:4000",
      "/health": "http://127.0.0.1:4000",
    },
  },
});
