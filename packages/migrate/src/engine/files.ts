/** The source files of a directory that the codemod reads. */
import { readdirSync } from "node:fs";
import { join } from "node:path";

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

/** Whether a file uses Chat at all: imports or requires it, or reads the `Twilio.Chat` global. */
export function usesChat(text: string): boolean {
  return /(["'])(twilio-chat|twilio-ip-messaging)(\/[^"']*)?\1/.test(text) || /\bTwilio\s*\.\s*(Chat|IPMessaging)\b/.test(text);
}
