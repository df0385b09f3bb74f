// The browser tests drive Debian's Chromium. On a fresh machine it is not there yet: the shared
// scripts/ensure-debian-packages.mjs installs it with apt, so that `pnpm test` needs nothing
// installed by hand. CHROMIUM_PATH points the tests at another Chromium and skips this.
import { existsSync } from "node:fs";
import { ensureDebianPackages } from "../../../scripts/ensure-debian-packages.mjs";

const path = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (existsSync(path)) process.exit(0);
if (process.env.CHROMIUM_PATH) {
  console.error(`CHROMIUM_PATH is ${path}, which does not exist`);
  process.exit(1);
}
try {
  ensureDebianPackages(["chromium"]);
} catch (error) {
  console.error(`${error instanceof Error ? error.message : error} Or set CHROMIUM_PATH.`);
  process.exit(1);
}
