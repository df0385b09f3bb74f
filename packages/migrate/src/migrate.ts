/**
 * The codemod: reads a directory into one TypeScript program (JavaScript included), finds the
 * code written for twilio-chat, and rewrites it for Conversations.
 */
import { statSync, writeFileSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { ModuleKind, ModuleResolutionKind, Project, ScriptTarget, ts } from "ts-morph";
import { Classifier } from "./engine/classify.js";
import type { FileContext } from "./engine/context.js";
import { FileEdits } from "./engine/edits.js";
import { sourceFiles, usesChat } from "./engine/files.js";
import { TARGETS, type Target } from "./mapping/kinds.js";
import type { FileReport, MigrationReport } from "./report/types.js";
import { rewriteClientCreate } from "./rewrite/create.js";
import { rewriteEvents } from "./rewrite/events.js";
import { rewriteGlobals } from "./rewrite/globals.js";
import { rewriteLiterals } from "./rewrite/literals.js";
import { rewriteMembers } from "./rewrite/members.js";
import { rewriteModules } from "./rewrite/modules.js";

/** What to migrate and how. */
export interface MigrateOptions {
  /** The directory whose files are rewritten in place (node_modules, dist and hidden folders are skipped). */
  readonly dir: string;
  /** The package the migrated code imports. Default `@confab/conversations`. */
  readonly target?: Target;
  /** Compute everything, write nothing. */
  readonly dryRun?: boolean;
}

/** A bad argument: a missing directory, an unknown target. */
export class MigrateUsageError extends Error {
  override readonly name = "MigrateUsageError";
}

const COMPILER_OPTIONS = {
  allowJs: true,
  checkJs: false,
  noEmit: true,
  jsx: ts.JsxEmit.Preserve,
  target: ScriptTarget.ES2022,
  module: ModuleKind.ESNext,
  moduleResolution: ModuleResolutionKind.Bundler,
  esModuleInterop: true,
  skipLibCheck: true,
  types: [],
};

/**
 * Migrates the files under `options.dir` from twilio-chat (and twilio-ip-messaging) to
 * Conversations, and says what it changed and what it could not.
 *
 * @throws {MigrateUsageError} when the directory does not exist or the target is unknown
 */
export function migrate(options: MigrateOptions): MigrationReport {
  const dir = resolve(options.dir);
  const target = options.target ?? "@confab/conversations";
  if (!TARGETS.includes(target)) throw new MigrateUsageError(`Unknown target ${target}: use ${TARGETS.join(" or ")}`);
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    throw new MigrateUsageError(`No such directory: ${options.dir}`);
  }
  if (!isDir) throw new MigrateUsageError(`Not a directory: ${options.dir}`);

  const paths = sourceFiles(dir);
  const project = new Project({ compilerOptions: COMPILER_OPTIONS, skipAddingFilesFromTsConfig: true });
  for (const path of paths) project.addSourceFileAtPath(path);
  const typings = chatTypingsResolve(dir);

  const files: FileReport[] = [];
  for (const path of paths) {
    const sourceFile = project.getSourceFileOrThrow(path);
    const before = sourceFile.getFullText();
    const chat = usesChat(sourceFile);
    const context: FileContext = {
      sourceFile,
      edits: new FileEdits(before),
      classifier: new Classifier(chat),
      target,
      typescript: /\.[mc]?tsx?$/.test(path),
      namespaces: new Set(),
      ipMessaging: /["']twilio-ip-messaging["']|\bTwilio\s*\.\s*IPMessaging\b/.test(before),
    };
    rewriteModules(context);
    rewriteGlobals(context);
    rewriteClientCreate(context);
    rewriteMembers(context);
    rewriteEvents(context);
    rewriteLiterals(context);
    if (context.edits.empty) continue;
    const after = context.edits.apply();
    const todos = context.edits.todos;
    if (after === before) continue;
    const changes = context.edits.changes;
    files.push({
      file: relative(dir, path).split(sep).join("/"),
      mode: typings && changes.some((c) => c.basis === "type" && c.kind !== "module") ? "types" : "heuristics",
      changes,
      todos,
      before,
      after,
    });
  }
  if (!options.dryRun) for (const file of files) writeFileSync(join(dir, file.file), file.after);
  return { dir, target, dryRun: !!options.dryRun, typings, scanned: paths.length, files };
}

/** Whether `twilio-chat`'s typings can be found from the directory (its node_modules or a parent's). */
function chatTypingsResolve(dir: string): boolean {
  const resolved = ts.resolveModuleName("twilio-chat", join(dir, "index.ts"), COMPILER_OPTIONS, ts.sys);
  return resolved.resolvedModule?.extension === ts.Extension.Dts;
}
