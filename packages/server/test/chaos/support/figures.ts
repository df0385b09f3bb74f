import { mkdirSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";

/** Where the runs write their figures (JSON), one file per run; `CONFAB_CHAOS_OUT` moves it. */
export const figuresDir = resolve(process.env.CONFAB_CHAOS_OUT ?? resolve(import.meta.dirname, "../../../chaos-results"));

/** Prints a run's figures and writes them to `<figuresDir>/<name>.json`. */
export function recordFigures(name: string, figures: Record<string, unknown>): void {
  mkdirSync(figuresDir, { recursive: true });
  const file = resolve(figuresDir, `${name}.json`);
  writeFileSync(file, `${JSON.stringify({ run: name, at: new Date().toISOString(), ...figures }, null, 2)}\n`);
  console.log(`[${name}] ${JSON.stringify(figures)}\n  -> ${file}`);
}
