/**
 * Counts an official declaration file's public API the way REPORT.md §1.1 does (methods,
 * properties and event constants per exported class), so the parity test can show it checked
 * all of it. The member filter is the parity checker's own (`publicMembers`).
 */
import ts from "typescript";
import { isStatic, publicMembers } from "../../../conversations/test/support/api-parity.js";

export type ClassInventory = { name: string; methods: string[]; properties: string[]; events: string[] };

export function inventory(file: string): ClassInventory[] {
  const program = ts.createProgram([file], { target: ts.ScriptTarget.ES2022, skipLibCheck: true, noEmit: true, types: ["node"] });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file)!;
  const moduleSymbol = checker.getSymbolAtLocation(source)!;
  const classes: ClassInventory[] = [];
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const declaration = symbol.declarations?.find(ts.isClassDeclaration);
    if (!declaration) continue;
    const entry: ClassInventory = { name: exported.name, methods: [], properties: [], events: [] };
    for (const member of publicMembers(declaration)) {
      const name = (member.name as ts.Identifier).text;
      const label = `${isStatic(member) ? "." : "#"}${name}`;
      // An event constant: `readonly x = "x"` (static, or instance on User).
      const initializer = ts.isPropertyDeclaration(member) ? member.initializer : undefined;
      if (initializer && ts.isStringLiteral(initializer) && initializer.text === name) entry.events.push(label);
      else if (ts.isMethodDeclaration(member) || checker.getTypeAtLocation(member).getCallSignatures().length > 0)
        entry.methods.push(label);
      else if (!(ts.isSetAccessorDeclaration(member) && entry.properties.includes(label))) {
        // A getter and its setter are one property.
        if (!entry.properties.includes(label)) entry.properties.push(label);
      }
    }
    classes.push(entry);
  }
  return classes;
}

/** Sums of an inventory. */
export function totals(classes: ClassInventory[]) {
  return {
    classes: classes.length,
    methods: classes.reduce((n, c) => n + c.methods.length, 0),
    properties: classes.reduce((n, c) => n + c.properties.length, 0),
    events: classes.reduce((n, c) => n + c.events.length, 0),
  };
}
