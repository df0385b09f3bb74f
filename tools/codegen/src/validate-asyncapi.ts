/**
 * `pnpm validate:asyncapi`: validates every AsyncAPI document in spec/asyncapi with the official
 * AsyncAPI CLI (its parser plus the Spectral governance rules, references into spec/openapi
 * included). The code generator only parses the document; this catches what the parser lets
 * through, and fails CI on any error-level diagnostic. Files without a top-level `asyncapi:` key
 * (shared schema files) are checked through the documents that reference them.
 */
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import { repoRoot, specDir } from "./paths.js";

const asyncapiDir = resolve(specDir, "asyncapi");
const cli = resolve(repoRoot, "tools/codegen/node_modules/.bin/asyncapi");

const documents = readdirSync(asyncapiDir)
  .filter((file) => file.endsWith(".yaml"))
  .map((file) => resolve(asyncapiDir, file))
  .filter((path) => /^asyncapi\s*:/m.test(readFileSync(path, "utf8")))
  .sort();

if (documents.length === 0) {
  console.error(`No AsyncAPI document in ${relative(repoRoot, asyncapiDir)}/`);
  process.exit(1);
}

let failed = 0;
for (const path of documents) {
  const name = relative(repoRoot, path);
  console.log(`\n== asyncapi validate ${name}`);
  const result = spawnSync(cli, ["validate", path, "--fail-severity", "error"], {
    cwd: repoRoot,
    encoding: "utf8",
    // CI=true keeps the CLI from prompting (analytics consent) and from colouring its output.
    env: { ...process.env, CI: "true", SUPPRESS_NO_CONFIG_WARNING: "true" },
  });
  if (result.error) throw result.error;
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  if (result.status !== 0) {
    failed++;
    console.error(`FAILED: ${name} (exit code ${result.status ?? result.signal})`);
  }
}

console.log(`\n${documents.length - failed} of ${documents.length} AsyncAPI document(s) valid.`);
process.exit(failed > 0 ? 1 : 0);
