#!/usr/bin/env node
// Installs the Debian packages that the tests run for real (chromium for the browser tests,
// postgresql and redis-server for the scale-out tests) when they are missing, so that the
// README's test command needs nothing but Node 20 and npm on a fresh Debian machine.
//
//   node scripts/ensure-debian-packages.mjs postgresql redis-server chromium
//
// It uses apt (as root, or through `sudo -n`), waits for the dpkg lock when another install runs
// at the same time (turbo runs several packages' tests at once), and does nothing when every
// package is already installed. On a machine without apt it names what to install and fails.
import { spawnSync } from "node:child_process";
import { pathToFileURL } from "node:url";

/** Whether Debian's package `name` is installed (false when dpkg does not know it). */
export function isInstalled(name) {
  const result = spawnSync("dpkg-query", ["-W", "-f=${db:Status-Status}", name], { encoding: "utf8" });
  return result.status === 0 && result.stdout.trim() === "installed";
}

/**
 * Installs whichever of `packages` are missing. Throws with what to do by hand when it cannot.
 * @param {string[]} packages Debian package names.
 */
export function ensureDebianPackages(packages) {
  const hasDpkg = spawnSync("dpkg-query", ["--version"]).status === 0;
  if (!hasDpkg) {
    throw new Error(`This is not a Debian machine (no dpkg-query): install ${packages.join(", ")} (or their equivalents) yourself.`);
  }
  const missing = packages.filter((name) => !isInstalled(name));
  if (missing.length === 0) return;
  const root = process.getuid?.() === 0;
  const run = (args) => {
    const [command, ...rest] = root ? args : ["sudo", "-n", ...args];
    const result = spawnSync(command, rest, { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
    if (result.status !== 0) {
      throw new Error(`Could not install ${missing.join(", ")} (${[command, ...rest].join(" ")} failed): install them with apt by hand.`);
    }
  };
  // Another apt run (say, a second package's tests) may hold the lock: wait for it, not fail.
  const lock = ["-o", "DPkg::Lock::Timeout=300"];
  console.log(`Installing Debian's ${missing.join(", ")} for the tests…`);
  run(["apt-get", ...lock, "update"]);
  run(["apt-get", ...lock, "install", "-y", "--no-install-recommends", ...missing]);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  try {
    ensureDebianPackages(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
