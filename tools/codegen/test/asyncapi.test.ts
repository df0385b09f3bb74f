import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { asyncapiEntry, repoRoot } from "../src/paths.js";

const cli = resolve(repoRoot, "tools/codegen/node_modules/.bin/asyncapi");
const tsx = resolve(repoRoot, "tools/codegen/node_modules/.bin/tsx");
const env = { ...process.env, CI: "true", SUPPRESS_NO_CONFIG_WARNING: "true" };

describe("the AsyncAPI documents", () => {
  it("passes `asyncapi validate` (the CLI, with references into spec/openapi)", () => {
    const result = spawnSync(tsx, ["src/validate-asyncapi.ts"], { cwd: resolve(repoRoot, "tools/codegen"), encoding: "utf8", env });
    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/(\d+) of \1 AsyncAPI document\(s\) valid\./);
  }, 60_000);

  it("is checked for real: a document with a dangling reference fails validation", () => {
    const dir = mkdtempSync(join(tmpdir(), "confab-asyncapi-"));
    try {
      const broken = readFileSync(asyncapiEntry, "utf8").replace("'#/components/schemas/HelloFrame'", "'#/components/schemas/NoSuchFrame'");
      expect(broken).toContain("NoSuchFrame");
      const path = join(dir, "realtime.yaml");
      // Keep relative references into spec/openapi resolvable from the copy.
      writeFileSync(path, broken.replaceAll("'../openapi/", `'${resolve(repoRoot, "spec/openapi")}/`));
      const result = spawnSync(cli, ["validate", path, "--fail-severity", "error"], { encoding: "utf8", env });
      expect(result.status).not.toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
