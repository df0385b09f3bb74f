/**
 * The module and its exports: `"twilio-chat"` → the target package in imports, `require()`,
 * `import()` and import types; renamed exports (`Channel` → `Conversation`) in named imports,
 * destructured requires and their references, and in `Chat.Channel` on a namespace binding.
 */
import { Node, type SourceFile, SyntaxKind } from "ts-morph";
import type { FileContext } from "../engine/context.js";
import { isChatSpecifier } from "../engine/modules.js";
import { EXPORTS } from "../mapping/exports.js";

/** Rewrites the file's imports of Chat and the exported names they bring in. */
export function rewriteModules(context: FileContext): void {
  const { sourceFile } = context;
  for (const declaration of sourceFile.getImportDeclarations()) {
    const specifier = declaration.getModuleSpecifier();
    if (!isChatSpecifier(specifier.getLiteralValue())) continue;
    retarget(context, specifier);
    const namespace = declaration.getNamespaceImport() ?? declaration.getDefaultImport();
    if (namespace) context.namespaces.add(namespace.getSymbol()?.getDeclarations()[0] ?? namespace);
    const taken = new Set(
      declaration
        .getNamedImports()
        .map((n) => n.getName())
        .filter((n) => !EXPORTS[n]),
    );
    for (const named of declaration.getNamedImports()) renameBinding(context, named.getNameNode(), named.getAliasNode(), taken);
  }
  for (const call of sourceFile.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    const callee = call.getExpression();
    const isRequire = Node.isIdentifier(callee) && callee.getText() === "require";
    const isImport = callee.getKind() === SyntaxKind.ImportKeyword;
    const [argument] = call.getArguments();
    if (!(isRequire || isImport) || !argument || !Node.isStringLiteral(argument) || !isChatSpecifier(argument.getLiteralValue())) continue;
    retarget(context, argument);
    const holder = call.getParent();
    if (isRequire && holder && Node.isVariableDeclaration(holder)) {
      const name = holder.getNameNode();
      if (Node.isIdentifier(name)) context.namespaces.add(holder);
      if (Node.isObjectBindingPattern(name)) {
        const taken = new Set(
          name
            .getElements()
            .map((e) => (e.getPropertyNameNode() ?? e.getNameNode()).getText())
            .filter((n) => !EXPORTS[n]),
        );
        for (const element of name.getElements()) {
          const property = element.getPropertyNameNode();
          const local = element.getNameNode();
          if (!Node.isIdentifier(local)) continue;
          if (property && Node.isIdentifier(property)) renameBinding(context, property, local, taken);
          else renameBinding(context, local, undefined, taken, element);
        }
      }
    }
  }
  for (const importType of sourceFile.getDescendantsOfKind(SyntaxKind.ImportType)) {
    const literal = importType.getArgument().getFirstDescendantByKind(SyntaxKind.StringLiteral);
    if (!literal || !isChatSpecifier(literal.getLiteralValue())) continue;
    retarget(context, literal);
    const qualifier = importType.getQualifier();
    if (qualifier && Node.isIdentifier(qualifier)) renameExportName(context, qualifier);
  }
  rewriteNamespaceMembers(context);
  rewriteJsDocImports(context, sourceFile);
}

function retarget(context: FileContext, literal: Node): void {
  const text = literal.getText();
  const quote = text[0]!;
  const rest = text.slice(1, -1).split("/").slice(1);
  if (rest.length > 0)
    context.edits.todo(literal, text.slice(1, -1), `${text} was a file inside the Chat package: import the package itself`, true);
  context.edits.replace(literal, `${quote}${context.target}${quote}`, { kind: "module", basis: "type" });
}

/** `Chat.Channel`, `require("twilio-chat").Member`, `Chat.Channel` in a type. */
function rewriteNamespaceMembers(context: FileContext): void {
  const { sourceFile } = context;
  const isNamespace = (expr: Node): boolean => {
    if (Node.isCallExpression(expr)) {
      const [argument] = expr.getArguments();
      return (
        expr.getExpression().getText() === "require" &&
        !!argument &&
        Node.isStringLiteral(argument) &&
        isChatSpecifier(argument.getLiteralValue())
      );
    }
    if (!Node.isIdentifier(expr)) return false;
    const declaration = expr.getSymbol()?.getDeclarations()[0];
    return !!declaration && [...context.namespaces].some((n) => n === declaration || n.getParent() === declaration);
  };
  for (const access of sourceFile.getDescendantsOfKind(SyntaxKind.PropertyAccessExpression)) {
    if (isNamespace(access.getExpression())) renameExportName(context, access.getNameNode());
  }
  for (const qualified of sourceFile.getDescendantsOfKind(SyntaxKind.QualifiedName)) {
    if (isNamespace(qualified.getLeft())) renameExportName(context, qualified.getRight());
  }
}

function renameExportName(context: FileContext, name: Node): void {
  const rule = EXPORTS[name.getText()];
  if (!rule) return;
  if ("removed" in rule) {
    context.edits.todo(name, name.getText(), rule.removed, true);
    return;
  }
  context.edits.replace(name, rule.to, { kind: "export", basis: "type" });
  if (rule.note) context.edits.todo(name, name.getText(), rule.note, false);
}

/**
 * A named import (or destructured require) of a renamed export: renames the imported name and,
 * when the local name is the same, every reference to it in the file.
 */
function renameBinding(context: FileContext, imported: Node, alias: Node | undefined, taken: Set<string>, element?: Node): void {
  const name = imported.getText();
  const rule = EXPORTS[name];
  if (!rule) return;
  if ("removed" in rule) {
    context.edits.todo(imported, name, rule.removed, true);
    return;
  }
  if (rule.note) context.edits.todo(imported, name, rule.note, false);
  if (alias) {
    context.edits.replace(imported, rule.to, { kind: "export", basis: "type" });
    return;
  }
  const local = imported;
  const symbol = local.getSymbol();
  const declarations = new Set(symbol?.getDeclarations() ?? []);
  const collides = context.sourceFile.getDescendantsOfKind(SyntaxKind.Identifier).some(
    (id) =>
      id.getText() === rule.to &&
      !taken.has(rule.to) &&
      id
        .getSymbol()
        ?.getDeclarations()
        .some((d) => !declarations.has(d)),
  );
  if (collides) {
    // Another `Conversation` is in scope: keep the local name.
    context.edits.replace(imported, element ? `${rule.to}: ${name}` : `${rule.to} as ${name}`, { kind: "export", basis: "type" });
    return;
  }
  const holder = element ?? imported.getParent()!;
  const duplicate = taken.has(rule.to);
  taken.add(rule.to);
  if (duplicate) {
    // `{ User, UserDescriptor }` → `{ User }`: drop the duplicate.
    removeListItem(context, holder, `${name} (now ${rule.to}, already imported)`);
  } else {
    context.edits.replace(imported, rule.to, { kind: "export", basis: "type" });
  }
  for (const id of context.sourceFile.getDescendantsOfKind(SyntaxKind.Identifier)) {
    if (id === imported || id.getText() !== name) continue;
    const refersTo = id.getSymbol()?.getDeclarations() ?? [];
    if (!refersTo.some((d) => declarations.has(d) || d === holder)) continue;
    const parent = id.getParent();
    if (parent && Node.isShorthandPropertyAssignment(parent)) {
      context.edits.replace(id, `${name}: ${rule.to}`, { kind: "export", basis: "type" });
    } else {
      context.edits.replace(id, rule.to, { kind: "export", basis: "type" });
    }
  }
}

function removeListItem(context: FileContext, item: Node, from: string): void {
  const text = context.sourceFile.getFullText();
  const next = item.getNextSibling();
  let end = next && next.getKind() === SyntaxKind.CommaToken ? next.getEnd() : item.getEnd();
  let start = item.getStart();
  const lineBegin = text.lastIndexOf("\n", start - 1) + 1;
  const rest = /^[ \t]*(\r?\n|$)/.exec(text.slice(end));
  if (/^[ \t]*$/.test(text.slice(lineBegin, start)) && rest?.[1]) {
    // Alone on its line (a multi-line import): the whole line goes.
    start = lineBegin;
    end += rest[0].length;
  } else {
    while (text[end] === " ") end++;
  }
  context.edits.replaceRange(start, end, "", { kind: "export", from, basis: "type" });
}

/** `@param {import("twilio-chat").Channel} channel` in JSDoc. */
function rewriteJsDocImports(context: FileContext, sourceFile: SourceFile): void {
  const text = sourceFile.getFullText();
  const pattern = /import\((["'])(twilio-chat|twilio-ip-messaging)\1\)(\.(\w+))?/g;
  for (const match of text.matchAll(pattern)) {
    const start = match.index;
    const lineText = text.slice(text.lastIndexOf("\n", start) + 1, start).trim();
    if (!(lineText.startsWith("*") || lineText.startsWith("/*") || lineText.startsWith("//"))) continue;
    const quote = match[1]!;
    const exported = match[4];
    const rule = exported ? EXPORTS[exported] : undefined;
    const renamed = rule && "to" in rule ? rule.to : exported;
    const to = `import(${quote}${context.target}${quote})${renamed ? `.${renamed}` : ""}`;
    context.edits.replaceRange(start, start + match[0].length, to, { kind: "module", from: match[0], basis: "type" });
  }
}
