/**
 * What the codemod did and could not do, per file: the shape of `--report` JSON and of the
 * value `migrate()` returns.
 */
import type { Target } from "../mapping/kinds.js";

/** Why the codemod took an object for a Chat object. */
export type Basis = "type" | "heuristic";

/** One rewrite. Lines and columns are 1-based, in the file as it was before the run. */
export interface Change {
  readonly line: number;
  readonly column: number;
  readonly kind: "module" | "global" | "export" | "member" | "event" | "payload" | "create" | "option" | "literal";
  readonly from: string;
  readonly to: string;
  readonly basis: Basis;
}

/** A `// TODO(confab-migrate): …` comment the codemod wrote above the code it concerns. */
export interface Todo {
  readonly line: number;
  /** The Chat API concerned, e.g. `getPublicChannelDescriptors`. */
  readonly api: string;
  readonly message: string;
  /**
   * True when the code still uses an API that Conversations does not have: it will not compile
   * or run until someone changes it. False for advice about code that was migrated or disabled.
   */
  readonly manual: boolean;
}

/** The result for one file. */
export interface FileReport {
  /** Relative to the migrated directory, with `/` separators. */
  readonly file: string;
  /** `types`: Chat objects were found through twilio-chat's typings; `heuristics`: by names and data flow. */
  readonly mode: "types" | "heuristics";
  readonly changes: readonly Change[];
  readonly todos: readonly Todo[];
  /** The file's text after the run (equal to before when nothing changed). */
  readonly after: string;
  readonly before: string;
}

/** The result of a run. */
export interface MigrationReport {
  readonly dir: string;
  readonly target: Target;
  readonly dryRun: boolean;
  /** Whether twilio-chat's typings were found from the directory (otherwise every file is in heuristics mode). */
  readonly typings: boolean;
  readonly scanned: number;
  /** Files that changed (or would, in a dry run). */
  readonly files: readonly FileReport[];
}
