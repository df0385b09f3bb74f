/**
 * `Client.create(token, options)` (deprecated in Chat) → a `new Client(token, options)` that
 * resolves once the client emits `initialized` (and rejects on `initFailed`): the same
 * `Promise<Client>` the code awaited, written the Conversations way.
 */
import { Node, SyntaxKind } from "ts-morph";
import { kindOfType, lastName } from "../engine/classify.js";
import type { FileContext } from "../engine/context.js";
import type { Basis } from "../report/types.js";

/** Rewrites `Client.create(…)` calls on the Chat Client class. */
export function rewriteClientCreate(context: FileContext): void {
  const text = context.sourceFile.getFullText();
  for (const call of context.sourceFile.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    const callee = call.getExpression();
    if (!Node.isPropertyAccessExpression(callee) || callee.getName() !== "create") continue;
    const owner = callee.getExpression();
    const basis = chatClientClass(context, owner);
    if (!basis) continue;
    const lineStart = text.lastIndexOf("\n", call.getStart() - 1) + 1;
    const indent = /^\s*/.exec(text.slice(lineStart))![0];
    const typed = context.typescript && /^[\w$]+(\.[\w$]+)?$/.test(owner.getText()) && !owner.getText().startsWith("Twilio.");
    const open = `new Promise${typed ? `<${owner.getText()}>` : ""}((resolve, reject) => {\n${indent}  const created = new `;
    const close = `);\n${indent}  created.once("initialized", () => resolve(created));\n${indent}  created.once("initFailed", ({ error }) => reject(error));\n${indent}})`;
    const openParen = call.getFirstChildByKindOrThrow(SyntaxKind.OpenParenToken);
    context.edits.splice(call.getStart(), call.getStart(), open);
    context.edits.record(call.getStart(), {
      kind: "create",
      from: `${owner.getText()}.create(…)`,
      to: `new ${owner.getText()}(…), resolved on "initialized"`,
      basis,
    });
    context.edits.splice(owner.getEnd(), openParen.getEnd(), "(");
    context.edits.splice(call.getEnd() - 1, call.getEnd(), close);
  }
}

/** Whether `owner` is the Chat Client class (not an instance): by type, else by name in a Chat file. */
function chatClientClass(context: FileContext, owner: Node): Basis | undefined {
  try {
    const type = owner.getType();
    if (kindOfType(type) === "Client" && type.getConstructSignatures().length > 0) return "type";
    if (kindOfType(type) === undefined && context.classifier.heuristics && lastName(owner) === "Client") return "heuristic";
  } catch {
    return undefined;
  }
  return undefined;
}
