/**
 * Text edits on one file, collected while the original program is analysed (so every type
 * question is asked of unchanged code) and applied at the end in one pass.
 */
import type { Node } from "ts-morph";
import type { Basis, Change, Todo } from "../report/types.js";

/** Replace `[start, end)` of the original text with `text`. */
interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly seq: number;
}

/** A TODO to write on its own line above the statement that starts at `anchor`. */
interface PendingTodo extends Todo {
  readonly anchor: number;
}

/** The marker every comment the codemod writes starts with. */
export const TODO_MARK = "TODO(confab-migrate):";

/** The edits, changes and TODOs of one file. */
export class FileEdits {
  private readonly edits: Edit[] = [];
  private readonly pending: PendingTodo[] = [];
  /** Ranges replaced by a commented-out copy: edits inside them are dropped. */
  private readonly disabled: Array<readonly [number, number]> = [];
  private readonly recorded: Array<{ readonly start: number; readonly change: Change }> = [];
  private seq = 0;

  constructor(readonly text: string) {}

  /** Replaces a node's text (or a range of it), and records the change. */
  replace(node: Node, to: string, change: Omit<Change, "line" | "column" | "from" | "to"> & { from?: string; basis: Basis }): void {
    this.replaceRange(node.getStart(), node.getEnd(), to, { ...change, from: change.from ?? node.getText() });
  }

  /** Replaces `[start, end)`, and records the change. */
  replaceRange(start: number, end: number, to: string, change: Omit<Change, "line" | "column" | "to">): void {
    if (this.edits.some((e) => e.start === start && e.end === end)) return;
    this.edits.push({ start, end, text: to, seq: this.seq++ });
    this.record(start, { ...change, to });
  }

  /** Records a change made by splices, described by `change.to` rather than by the text written. */
  record(start: number, change: Omit<Change, "line" | "column">): void {
    this.recorded.push({ start, change: { ...change, ...this.position(start) } });
  }

  /** The changes, in line order (those inside code that was turned into comments are dropped). */
  get changes(): Change[] {
    return this.recorded
      .filter((r) => !this.disabled.some(([start, end]) => r.start >= start && r.start < end))
      .map((r) => r.change)
      .sort((a, b) => a.line - b.line || a.column - b.column);
  }

  /** A raw edit that is part of a change already recorded (e.g. the closing half of a wrapper). */
  splice(start: number, end: number, text: string): void {
    this.edits.push({ start, end, text, seq: this.seq++ });
  }

  /** Writes `// TODO(confab-migrate): message` above the statement holding `node`. */
  todo(node: Node, api: string, message: string, manual: boolean): void {
    const statement = statementOf(node);
    const anchor = statement.getStart();
    if (this.pending.some((t) => t.anchor === anchor && t.message === message)) return;
    this.pending.push({ anchor, api, message, manual, line: this.position(node.getStart()).line });
  }

  /**
   * Turns the statement `statement` into comments, under a TODO that says why. A statement that
   * is not in a block (`else x();`) cannot go: it gets a TODO for manual work instead.
   */
  disable(statement: Node, api: string, message: string, what: "call" | "listener"): void {
    if (!STATEMENT_PARENTS.has(statement.getParent()?.getKindName() ?? "")) {
      this.todo(statement, api, message, true);
      return;
    }
    message = `${message} (the ${what} below was disabled)`;
    const start = lineStart(this.text, statement.getStart());
    const end = statement.getEnd();
    const commented = this.text
      .slice(start, end)
      .split("\n")
      .map((line) => {
        const indent = /^\s*/.exec(line)![0];
        return `${indent}// ${line.slice(indent.length)}`;
      })
      .join("\n");
    this.disabled.push([start, end]);
    this.edits.push({ start, end, text: commented, seq: this.seq++ });
    this.pending.push({ anchor: statement.getStart(), api, message, manual: false, line: this.position(statement.getStart()).line });
  }

  /** The TODOs, in line order (those inside code that was turned into comments are dropped). */
  get todos(): Todo[] {
    return [...this.pending]
      .filter((t) => !this.insideDisabled(t.anchor))
      .sort((a, b) => a.line - b.line)
      .map(({ anchor: _anchor, ...todo }) => todo);
  }

  get empty(): boolean {
    return this.edits.length === 0 && this.pending.length === 0;
  }

  /** The new text. TODOs already present above their statement are not written twice. */
  apply(): string {
    const edits = this.edits.filter((e) => !this.disabled.some(([s, t]) => e.start >= s && e.end <= t && !(e.start === s && e.end === t)));
    for (const todo of this.pending) {
      if (this.insideDisabled(todo.anchor)) continue;
      const start = lineStart(this.text, todo.anchor);
      const indent = this.text.slice(start, todo.anchor);
      const comment = `// ${TODO_MARK} ${todo.message}`;
      if (this.commentsAbove(start).includes(comment)) continue;
      edits.push({ start, end: start, text: `${/^\s*$/.test(indent) ? indent : ""}${comment}\n`, seq: -1 - todo.anchor });
    }
    edits.sort((a, b) => b.start - a.start || b.end - b.start - (a.end - a.start) || b.seq - a.seq);
    let out = this.text;
    let floor = Number.POSITIVE_INFINITY;
    for (const edit of edits) {
      if (edit.end > floor) continue; // overlaps an edit already applied
      out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
      floor = edit.start;
    }
    return out;
  }

  private insideDisabled(pos: number): boolean {
    return this.disabled.some(([start, end]) => pos > start && pos < end && this.text.slice(start, pos).trim() !== "");
  }

  /** The comment lines directly above the line starting at `start`, trimmed. */
  private commentsAbove(start: number): string[] {
    const lines = this.text.slice(0, start).split("\n");
    lines.pop();
    const found: string[] = [];
    for (let i = lines.length - 1; i >= 0 && lines[i]!.trim().startsWith("//"); i--) found.push(lines[i]!.trim());
    return found;
  }

  private position(pos: number): { line: number; column: number } {
    const before = this.text.slice(0, pos);
    const line = before.split("\n").length;
    return { line, column: pos - before.lastIndexOf("\n") };
  }
}

function lineStart(text: string, pos: number): number {
  return text.lastIndexOf("\n", pos - 1) + 1;
}

const STATEMENT_PARENTS = new Set([
  "SourceFile",
  "Block",
  "CaseClause",
  "DefaultClause",
  "ModuleBlock",
  "ClassDeclaration",
  "ClassExpression",
]);

/** The statement (or class member, or JSX attribute's statement) that holds `node`. */
export function statementOf(node: Node): Node {
  let current: Node = node;
  for (;;) {
    const parent = current.getParent();
    if (!parent) return current;
    const kind = parent.getKindName();
    if (STATEMENT_PARENTS.has(kind)) return current;
    current = parent;
  }
}
