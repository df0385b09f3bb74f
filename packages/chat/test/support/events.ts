/**
 * The event half of a listing check: for each listed class `X` with `EVENT` lines, our module must
 * export an `XEvents` map (the type `on`/`emit` are typed by) with every listed event name.
 */
import ts from "typescript";
import type { ParityGap } from "../../../conversations/test/support/api-parity.js";

/** The `EVENT` lines of a listing, by class. */
export function listedEvents(text: string): Map<string, string[]> {
  const events = new Map<string, string[]>();
  let current: string | null = null;
  for (const line of text.split("\n")) {
    const header = /^## class (\w+)/.exec(line);
    if (header) {
      current = header[1]!;
      events.set(current, []);
      continue;
    }
    const event = /^ {2}EVENT (\w+)/.exec(line);
    if (current && event) events.get(current)!.push(event[1]!);
  }
  return events;
}

export function checkEvents(events: Map<string, string[]>, ourFile: string): ParityGap[] {
  const program = ts.createProgram([ourFile], {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    types: ["node"],
  });
  const checker = program.getTypeChecker();
  const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(ourFile)!)!;
  const exports = new Map(checker.getExportsOfModule(moduleSymbol).map((s) => [s.name, s]));
  const gaps: ParityGap[] = [];
  for (const [className, names] of events) {
    if (names.length === 0) continue;
    const exported = exports.get(`${className}Events`);
    if (!exported) {
      gaps.push({ where: `${className}Events`, problem: "not exported" });
      continue;
    }
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const map = checker.getDeclaredTypeOfSymbol(symbol);
    for (const name of names) if (!map.getProperty(name)) gaps.push({ where: `${className} event ${name}`, problem: "missing" });
  }
  return gaps;
}
