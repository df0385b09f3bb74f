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
    if ((value === "invited" || value === "unknown") && comparesChannelStatus(context, literal)) {
      context.edits.todo(literal, "status", STATUS, true);
      continue;
    }
    const reason = UPDATE_REASONS[value];
    if (reason && (DISTINCTIVE_REASONS.has(value) || nearUpdateReasons(literal))) {
      context.edits.replace(literal, `${quote}${reason}${quote}`, { kind: "literal", basis: "heuristic" });
    }
  }
}

const STATUS = 'Conversation.status is "notParticipating" or "joined": there are no invitations ("invited") and no "unknown" state';

/** `channel.status === "invited"`: a comparison with a Channel's status. */
function comparesChannelStatus(context: FileContext, literal: Node): boolean {
  const comparison = literal.getParent();
  if (!comparison || !Node.isBinaryExpression(comparison)) return false;
  if (!/^[!=]==?$/.test(comparison.getOperatorToken().getText())) return false;
  const other = comparison.getLeft() === literal ? comparison.getRight() : comparison.getLeft();
  if (!Node.isPropertyAccessExpression(other) || other.getName() !== "status") return false;
  return context.classifier.kindOf(other.getExpression())?.kind === "Channel";
}

/** `updateReasons.includes("online")`, `reasons.indexOf("online")`. */
function nearUpdateReasons(literal: Node): boolean {
  const call = literal.getParent();
  if (!call || !Node.isCallExpression(call)) return false;
  const callee = call.getExpression();
  return Node.isPropertyAccessExpression(callee) && /reasons$/i.test(lastName(callee.getExpression()) ?? "");
}
