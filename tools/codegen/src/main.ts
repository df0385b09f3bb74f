/**
 * `pnpm generate`: reads spec/ and writes packages/protocol/src/generated/.
 * `pnpm generate --check`: writes nothing; exits 1 and names the files that are out of date.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import { bundleOpenApi } from "./bundle-openapi.js";
import { generateOperationTable } from "./generate-operations.js";
import { generateSocketFrames } from "./generate-socket-frames.js";
import { generateSocketModels } from "./generate-socket-models.js";
import { generateRestTypes } from "./generate-types.js";
import { generateValidators } from "./generate-validators.js";
import { generatedJsonNotice } from "./header.js";
import { loadAsyncApi, socketDocumentId } from "./load-asyncapi.js";
import { asyncapiEntry, compatEntry, generatedDir, repoRoot, twilsockEntry } from "./paths.js";

/** Every generated file, by its name in the generated folder. */
export async function generateAll(): Promise<Map<string, string>> {
  const openapi = await bundleOpenApi();
  const socket = loadAsyncApi(openapi);
  const validators = generateValidators(openapi, socket);
  const files = new Map<string, string>();
  files.set("openapi.json", `${JSON.stringify({ "x-generated": generatedJsonNotice, ...openapi }, null, 2)}\n`);
  for (const path of socket.entryFiles) {
    const id = socketDocumentId(path);
    files.set(
      id.replace(/^asyncapi\./, "asyncapi-"),
      `${JSON.stringify({ "x-generated": generatedJsonNotice, ...socket.documents[id] }, null, 2)}\n`,
    );
  }
  files.set("openapi-types.ts", await generateRestTypes(openapi));
  files.set("operations.ts", generateOperationTable(openapi));
  files.set("validators-coercing.js", validators.coercing.js);
  files.set("validators-coercing.d.ts", validators.coercing.dts);
  files.set("validators-strict.js", validators.strict.js);
  files.set("validators-strict.d.ts", validators.strict.dts);
  const models = await generateSocketModels(openapi, socket, socketDocumentId(asyncapiEntry));
  files.set("socket-models.ts", models.code);
  files.set("socket-frames.ts", generateSocketFrames(socket, models.names));
  // The compatibility protocol of Twilio's official SDKs: its HTTP side (spec/openapi-compat)…
  const compat = await bundleOpenApi(compatEntry);
  files.set("compat-openapi.json", `${JSON.stringify({ "x-generated": generatedJsonNotice, ...compat }, null, 2)}\n`);
  files.set("compat-openapi-types.ts", await generateRestTypes(compat));
  files.set("compat-operations.ts", generateOperationTable(compat, "spec/openapi-compat"));
  const compatValidators = generateValidators(compat, { documents: {}, frames: {}, entryFiles: [] });
  files.set("compat-validators-coercing.js", compatValidators.coercing.js);
  files.set("compat-validators-coercing.d.ts", compatValidators.coercing.dts);
  files.set("compat-validators-strict.js", compatValidators.strict.js);
  files.set("compat-validators-strict.d.ts", compatValidators.strict.dts);
  // …and its frames (spec/asyncapi/twilsock.yaml).
  files.set("twilsock-models.ts", (await generateSocketModels(openapi, socket, socketDocumentId(twilsockEntry))).code);
  return files;
}

/** Names of files whose committed content differs from what the spec generates, and strays. */
export function outOfDate(files: Map<string, string>, dir = generatedDir): string[] {
  const stale: string[] = [];
  for (const [name, content] of files) {
    let current: string | undefined;
    try {
      current = readFileSync(resolve(dir, name), "utf8");
    } catch {
      current = undefined;
    }
    if (current !== content) stale.push(name);
  }
  for (const name of existing(dir)) if (!files.has(name)) stale.push(`${name} (no longer generated)`);
  return stale;
}

function existing(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

async function main(): Promise<void> {
  const check = process.argv.includes("--check");
  const files = await generateAll();
  if (check) {
    const stale = outOfDate(files);
    if (stale.length > 0) {
      console.error(`Generated files are out of date; run \`pnpm generate\` and commit:\n${stale.map((s) => `- ${s}`).join("\n")}`);
      process.exitCode = 1;
    } else {
      console.log(`${files.size} generated files are up to date.`);
    }
    return;
  }
  rmSync(generatedDir, { recursive: true, force: true });
  mkdirSync(generatedDir, { recursive: true });
  for (const [name, content] of files) writeFileSync(resolve(generatedDir, name), content);
  console.log(`Wrote ${files.size} files to ${relative(repoRoot, generatedDir)}/`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await main();
}
