// The browser tests drive Debian's Chromium. On a fresh machine it is not there yet: install it
// with apt (as root, or through sudo) so that `pnpm test` needs nothing installed by hand.
// CHROMIUM_PATH points the tests at another Chromium and skips this.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const path = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (existsSync(path)) process.exit(0);
if (process.env.CHROMIUM_PATH) {
  console.error(`CHROMIUM_PATH is ${path}, which does not exist`);
  process.exit(1);
}
const root = process.getuid?.() === 0;
const run = (args) => {
  const [command, ...rest] = root ? args : ["sudo", "-n", ...args];
  const result = spawnSync(command, rest, { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  if (result.status !== 0) {
    console.error(`Could not install Chromium (${[command, ...rest].join(" ")}); install Debian's chromium package, or set CHROMIUM_PATH.`);
    process.exit(1);
  }
};
console.log("Installing Debian's chromium for the browser tests…");
run(["apt-get", "update"]);
run(["apt-get", "install", "-y", "--no-install-recommends", "chromium"]);
