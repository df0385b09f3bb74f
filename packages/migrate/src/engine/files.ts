/** The source files of a directory that the codemod reads. */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { Node, type SourceFile, SyntaxKind } from "ts-morph";
import { CHAT_GLOBALS } from "../mapping/kinds.js";
import { lastName } from "./classify.js";
import { isChatSpecifier } from "./modules.js";

const EXTENSIONS = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
const SKIPPED_DIRS = new Set(["node_modules", "dist", "build", "coverage", ".git", ".next", ".turbo"]);

/** Every .ts/.tsx/.js/.jsx/.mjs/.cjs (and .mts/.cts) under `dir`, except declarations and build output. */
export function sourceFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name) && !entry.name.startsWith(".")) found.push(...sourceFiles(path));
    } else if (entry.isFile() && EXTENSIONS.test(entry.name) && !/\.d\.[mc]?ts$/.test(entry.name)) {
      found.push(path);
    }
  }
  return found.sort();
}

/** Whether a file uses Chat in its code: imports or requires it, or reads the `Twilio.Chat` global. */
export function usesChat(sourceFile: SourceFile): boolean {
  for (const literal of sourceFile.getDescendantsOfKind(SyntaxKind.StringLiteral)) {
    if (!isChatSpecifier(literal.getLiteralValue())) continue;
    const parent = literal.getParent();
    if (
      parent &&
      (Node.isImportDeclaration(parent) ||
        Node.isCallExpression(parent) ||
        Node.isLiteralTypeNode(parent) ||
        Node.isExportDeclaration(parent))
    )
      return true;
  }
  return sourceFile
    .getDescendantsOfKind(SyntaxKind.PropertyAccessExpression)
    .some((access) => CHAT_GLOBALS.has(access.getName()) && lastName(access.getExpression()) === "Twilio");
}
