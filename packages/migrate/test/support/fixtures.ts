/**
 * The fixture apps: copies one into a scratch folder inside this package (so it resolves
 * twilio-chat's typings and `@confab/conversations` as an app would from its node_modules),
 * migrates it, and type-checks the result against `@confab/conversations`.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import ts from "typescript";
import { type MigrationReport, migrate } from "../../src/index.js";

export const packageDir = resolve(import.meta.dirname, "../..");
export const fixturesDir = join(packageDir, "test/fixtures");
const scratchRoot = join(packageDir, "test/.tmp");

/** A fresh copy of a fixture's input in `test/.tmp`, removed by `cleanScratch()`. */
export function scratchCopy(fixture: string, from = "input"): string {
  const dir = join(scratchRoot, `${fixture}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`);
  mkdirSync(dir, { recursive: true });
  cpSync(join(fixturesDir, fixture, from), dir, { recursive: true });
  return dir;
}

export function cleanScratch(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Every file under `dir`, relative, with its text. */
export function readTree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.set(relative(dir, path).split("\\").join("/"), readFileSync(path, "utf8"));
    }
  };
  walk(dir);
  return files;
}

/** Migrates a scratch copy of a fixture. */
export function migrateFixture(fixture: string): { dir: string; report: MigrationReport } {
  const dir = scratchCopy(fixture);
  const report = migrate({ dir });
  return { dir, report };
}

/** A compiler diagnostic, with its 1-based line. */
export interface Diagnostic {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

/**
 * Type-checks the migrated files with the workspace's TypeScript (TypeScript strictly,
 * JavaScript with checkJs), against `@confab/conversations`' own declarations. `Twilio` is declared as the
 * standalone build declares it (`Twilio.Conversations`).
 */
export function typecheck(dir: string): Diagnostic[] {
  const files = [...readTree(dir).keys()].filter((f) => /\.(ts|tsx|js|jsx|mjs|cjs)$/.test(f)).map((f) => join(dir, f));
  const globals = join(scratchRoot, "confab-globals.d.ts");
  ts.sys.writeFile(globals, 'declare var Twilio: { Conversations: typeof import("@confab/conversations") };\n');
  const program = ts.createProgram([...files, globals], {
    // TypeScript apps are checked strictly; plain JavaScript as a JS project would check it.
    strict: files.some((f) => /\.tsx?$/.test(f)),
    noEmit: true,
    allowJs: true,
    checkJs: true,
    jsx: ts.JsxEmit.ReactJSX,
    target: ts.ScriptTarget.ES2022,
    lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    esModuleInterop: true,
    skipLibCheck: true,
    types: ["node"],
  });
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const file = d.file ? relative(dir, d.file.fileName) : "";
    const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0;
    return { file, line, message: ts.flattenDiagnosticMessageText(d.messageText, "\n") };
  });
}

/**
 * Whether a diagnostic is in code the report flagged for manual work: a manual
 * `TODO(confab-migrate)` comment stands within the few lines above it.
 */
export function flaggedForManualWork(text: string, line: number, manualMessages: string[]): boolean {
  const lines = text.split("\n");
  for (let i = line - 2; i >= Math.max(0, line - 6); i--) {
    const above = lines[i]!;
    if (above.includes("TODO(confab-migrate):") && manualMessages.some((m) => above.includes(m))) return true;
  }
  return false;
}
