/** The report as a person reads it (a summary per file) and as a unified diff for `--dry-run`. */
import { createTwoFilesPatch } from "diff";
import type { FileReport, MigrationReport } from "./types.js";

/** A summary: per file, every change (line, from → to) and every TODO, then totals. */
export function formatSummary(report: MigrationReport): string {
  const lines: string[] = [];
  const changes = report.files.reduce((n, f) => n + f.changes.length, 0);
  const todos = report.files.flatMap((f) => f.todos);
  const manual = todos.filter((t) => t.manual).length;
  lines.push(
    `confab migrate: ${report.files.length} of ${report.scanned} files ${report.dryRun ? "would change (dry run: nothing written)" : "changed"}, target ${report.target}`,
  );
  lines.push(
    report.typings
      ? "Chat objects were found through twilio-chat's typings (by name and data flow where a value had no type)."
      : "twilio-chat's typings were not found from this directory: Chat objects were found by name and data flow only. Install twilio-chat (npm i -D twilio-chat) and run again for type-checked renames.",
  );
  for (const file of report.files) lines.push("", ...formatFile(file));
  lines.push("", `${changes} changes, ${todos.length} TODO(confab-migrate) comments (${manual} need manual work before the code compiles)`);
  return lines.join("\n");
}

function formatFile(file: FileReport): string[] {
  const lines = [`${file.file}  (${file.mode})`];
  for (const c of file.changes)
    lines.push(
      `  ${c.line}:${c.column}  ${c.kind.padEnd(7)} ${c.from.replace(/\s+/g, " ")} → ${c.to.replace(/\s+/g, " ").slice(0, 80) || "(removed)"}${c.basis === "heuristic" ? "  (heuristic)" : ""}`,
    );
  for (const t of file.todos) lines.push(`  ${t.line}  TODO    ${t.api}: ${t.message}${t.manual ? "  [manual]" : ""}`);
  return lines;
}

/** A unified diff of every changed file. */
export function formatDiff(report: MigrationReport): string {
  return report.files.map((f) => createTwoFilesPatch(`a/${f.file}`, `b/${f.file}`, f.before, f.after, "", "", { context: 2 })).join("\n");
}

/** The report as JSON (without the files' texts). */
export function reportJson(report: MigrationReport): string {
  const files = report.files.map(({ before: _before, after: _after, ...rest }) => rest);
  return `${JSON.stringify({ ...report, files }, null, 2)}\n`;
}
