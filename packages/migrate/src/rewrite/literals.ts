/**
 * String values that changed: update reasons (`updateReasons.includes("lastConsumedMessageIndex")`)
 * and push notification types (`"twilio.channel.new_message"`).
 */
import { Node, SyntaxKind } from "ts-morph";
import { lastName } from "../engine/classify.js";
import type { FileContext } from "../engine/context.js";
import { PUSH_TYPES, REMOVED_PUSH_TYPES, UPDATE_REASONS } from "../mapping/events.js";

/** Names that are update reasons whatever the context; `online`/`notifiable` need an `updateReasons` nearby. */
const DISTINCTIVE_REASONS = new Set(["lastConsumedMessageIndex", "lastConsumptionTimestamp"]);

/** Rewrites changed string values in a Chat file. */
export function rewriteLiterals(context: FileContext): void {
  if (!context.classifier.heuristics) return;
  for (const literal of context.sourceFile.getDescendantsOfKind(SyntaxKind.StringLiteral)) {
    const value = literal.getLiteralValue();
    const quote = literal.getText()[0]!;
    const push = PUSH_TYPES[value];
    if (push) {
      context.edits.replace(literal, `${quote}${push}${quote}`, { kind: "literal", basis: "heuristic" });
      continue;
    }
    const removed = REMOVED_PUSH_TYPES[value];
    if (removed) {
      context.edits.todo(literal, value, removed, false);
      continue;
    }
    const reason = UPDATE_REASONS[value];
    if (reason && (DISTINCTIVE_REASONS.has(value) || nearUpdateReasons(literal))) {
      context.edits.replace(literal, `${quote}${reason}${quote}`, { kind: "literal", basis: "heuristic" });
    }
  }
}

/** `updateReasons.includes("online")`, `reasons.indexOf("online")`. */
function nearUpdateReasons(literal: Node): boolean {
  const call = literal.getParent();
  if (!call || !Node.isCallExpression(call)) return false;
  const callee = call.getExpression();
  return Node.isPropertyAccessExpression(callee) && /reasons$/i.test(lastName(callee.getExpression()) ?? "");
}
