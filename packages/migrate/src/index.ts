/**
 * @confab/migrate: a codemod from twilio-chat (and twilio-ip-messaging) to
 * `@twilio/conversations` / `@confab/conversations`.
 *
 * @packageDocumentation
 */
export { type CliOptions, runCli, usage } from "./cli/run.js";
export { TODO_MARK } from "./engine/edits.js";
export { TARGETS, type Target } from "./mapping/kinds.js";
export { type MigrateOptions, MigrateUsageError, migrate } from "./migrate.js";
export { formatDiff, formatSummary, reportJson } from "./report/format.js";
export type { Basis, Change, FileReport, MigrationReport, Todo } from "./report/types.js";
