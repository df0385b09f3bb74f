// Copies the web app's build (packages/demo/dist) into dist/demo, so it ships with the server.
// Turbo builds @confab/demo first (turbo.json); without its build the server serves no app.
import { cpSync, existsSync, rmSync } from "node:fs";

const from = new URL("../../demo/dist/", import.meta.url);
const to = new URL("../dist/demo/", import.meta.url);
rmSync(to, { recursive: true, force: true });
if (existsSync(new URL("index.html", from))) {
  cpSync(from, to, { recursive: true });
  console.log("web app copied into dist/demo");
} else {
  console.warn("packages/demo/dist/index.html not found: build @confab/demo first; the server will serve no web app");
}
