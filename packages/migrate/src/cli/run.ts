/**
 * The command line: `confab-migrate <dir> [--dry-run] [--target pkg] [--report file.json]`, also
 * reached as `confab migrate <dir> …` through the server's CLI.
 */
import { writeFileSync } from "node:fs";
import { TARGETS, type Target } from "../mapping/kinds.js";
import { MigrateUsageError, migrate } from "../migrate.js";
import { formatDiff, formatSummary, reportJson } from "../report/format.js";

/** Where the command writes, and the name it goes by in messages. */
export interface CliOptions {
  readonly program?: string;
  readonly out?: (text: string) => void;
  readonly err?: (text: string) => void;
}

/** The help text. */
export function usage(program = "confab-migrate"): string {
  return `${program}: rewrite code written for twilio-chat (or twilio-ip-messaging) for Conversations

Usage:
  ${program} <dir> [--dry-run] [--target ${TARGETS.join("|")}] [--report report.json]

  <dir>        the directory to migrate, in place (node_modules, dist and hidden folders are skipped)
  --dry-run    print the diff and the report, write nothing
  --target     the package the migrated code imports (default @confab/conversations)
  --report     also write the report as JSON to this file

Removed APIs become // TODO(confab-migrate): comments. Running it again changes nothing.
Not ready to migrate? @confab/chat runs the Chat API unchanged on Confab.`;
}

/**
 * Runs the command with these arguments (without the program name).
 *
 * @returns the exit code: 0 done, 2 bad arguments (missing directory, unknown option or target)
 */
export async function runCli(argv: readonly string[], options: CliOptions = {}): Promise<number> {
  const program = options.program ?? "confab-migrate";
  const out = options.out ?? ((text: string) => console.log(text));
  const err = options.err ?? ((text: string) => console.error(text));
  if (argv.includes("--help") || argv.includes("-h")) {
    out(usage(program));
    return 0;
  }
  const parsed = parse(argv);
  if (typeof parsed === "string") {
    err(`${program}: ${parsed}\n\n${usage(program)}`);
    return 2;
  }
  try {
    const report = migrate(parsed);
    if (parsed.dryRun && report.files.length > 0) out(formatDiff(report));
    out(formatSummary(report));
    if (parsed.report) {
      writeFileSync(parsed.report, reportJson(report));
      out(`Report written to ${parsed.report}`);
    }
    return 0;
  } catch (error) {
    if (error instanceof MigrateUsageError) {
      err(`${program}: ${error.message}`);
      return 2;
    }
    throw error;
  }
}

interface Parsed {
  dir: string;
  dryRun: boolean;
  target: Target;
  report?: string;
}

function parse(argv: readonly string[]): Parsed | string {
  const positional: string[] = [];
  let dryRun = false;
  let target: string = "@confab/conversations";
  let report: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--dry-run") dryRun = true;
    else if (arg === "--target" || arg === "--report") {
      const value = argv[++i];
      if (!value || value.startsWith("--")) return `${arg} needs a value`;
      if (arg === "--target") target = value;
      else report = value;
    } else if (arg.startsWith("--")) return `unknown option ${arg}`;
    else positional.push(arg);
  }
  if (positional.length !== 1)
    return positional.length === 0 ? "which directory? Give the directory to migrate" : `one directory only, got ${positional.join(" ")}`;
  if (!(TARGETS as readonly string[]).includes(target)) return `unknown target ${target}: use ${TARGETS.join(" or ")}`;
  return { dir: positional[0]!, dryRun, target: target as Target, ...(report ? { report } : {}) };
}
