/**
 * The CDN globals: `Twilio.Chat` and `Twilio.IPMessaging` → `Twilio.Conversations`; an IP
 * Messaging client built on an AccessManager gets a TODO, since Conversations takes a token.
 */
import { Node, SyntaxKind } from "ts-morph";
import type { FileContext } from "../engine/context.js";
import { lastName } from "../engine/classify.js";
import { CHAT_GLOBALS } from "../mapping/kinds.js";

const ACCESS_MANAGER =
  "IP Messaging's Client took an AccessManager: pass the token string instead, and call client.updateToken(newToken) on tokenAboutToExpire";

/** Rewrites `Twilio.Chat` / `Twilio.IPMessaging`. */
export function rewriteGlobals(context: FileContext): void {
  for (const access of context.sourceFile.getDescendantsOfKind(SyntaxKind.PropertyAccessExpression)) {
    const name = access.getName();
    if (!CHAT_GLOBALS.has(name) || lastName(access.getExpression()) !== "Twilio") continue;
    context.edits.replace(access.getNameNode(), "Conversations", { kind: "global", basis: "heuristic" });
  }
  // `new Twilio.IPMessaging.Client(accessManager)` or `new IPMessaging.Client(accessManager)`.
  for (const created of context.sourceFile.getDescendantsOfKind(SyntaxKind.NewExpression)) {
    const callee = created.getExpression();
    if (!Node.isPropertyAccessExpression(callee) || callee.getName() !== "Client") continue;
    if (!/IPMessaging$/i.test(lastName(callee.getExpression()) ?? "")) continue;
    const [first] = created.getArguments();
    if (first && !/token/i.test(first.getText())) context.edits.todo(created, "AccessManager", ACCESS_MANAGER, true);
  }
}
