/**
 * Members of Chat objects: renamed methods and properties (`getMembers` → `getParticipants`,
 * `lastConsumedMessageIndex` → `lastReadMessageIndex`…), removed ones turned into TODOs, and
 * `createChannel`'s `isPrivate` option.
 */
import { Node, type ObjectLiteralExpression, type PropertyAccessExpression, SyntaxKind } from "ts-morph";
import type { Classified } from "../engine/classify.js";
import type { FileContext } from "../engine/context.js";
import { EVENTS } from "../mapping/events.js";
import { MEMBERS, type MemberRule } from "../mapping/members.js";

/** Rewrites the members used on Chat objects. */
export function rewriteMembers(context: FileContext): void {
  for (const access of context.sourceFile.getDescendantsOfKind(SyntaxKind.PropertyAccessExpression)) {
    const name = access.getName();
    const receiver = access.getExpression();
    if (receiver.getKind() === SyntaxKind.ThisKeyword) continue;
    const found = context.classifier.kindOf(receiver, name);
    if (!found) continue;
    const rule = MEMBERS[found.kind][name];
    if (rule) apply(context, access, name, rule, found);
    else if (found.basis === "type") renameEventConstant(context, access, found);
    if (context.ipMessaging && name === "getMessages" && found.kind === "Channel") {
      context.edits.todo(access, name, IPM_GET_MESSAGES, true);
    }
  }
}

const IPM_GET_MESSAGES = "IP Messaging's getMessages() returned an array of messages; Conversations' returns a Paginator: read .items";

/** `Client.channelAdded` (Chat's static event-name constants) → `Client.conversationAdded`. */
function renameEventConstant(context: FileContext, access: PropertyAccessExpression, found: Classified): void {
  const name = access.getName();
  const rule = EVENTS[found.kind]?.[name];
  if (!rule || !("to" in rule) || rule.to === name) return;
  if (access.getExpression().getType().getConstructSignatures().length === 0) return;
  context.edits.replace(access.getNameNode(), rule.to, { kind: "event", basis: "type" });
}

function apply(context: FileContext, access: PropertyAccessExpression, name: string, rule: MemberRule, found: Classified): void {
  if ("to" in rule) {
    context.edits.replace(access.getNameNode(), rule.to, { kind: "member", basis: found.basis });
    if (rule.note) context.edits.todo(access, name, rule.note, rule.manual ?? false);
    if (name === "createChannel") dropIsPrivate(context, access);
    return;
  }
  const message = rule.instead ? `${rule.removed}; ${rule.instead}` : rule.removed;
  const call = access.getParent();
  const statement = call && Node.isCallExpression(call) && call.getExpression() === access ? valueIgnored(call) : undefined;
  if (statement) context.edits.disable(statement, name, message, "call");
  else context.edits.todo(access, name, message, true);
}

/** The expression statement a call makes up (alone or awaited), when its value is not used. */
function valueIgnored(call: Node): Node | undefined {
  let node: Node = call;
  let parent = node.getParent();
  while (parent && (Node.isAwaitExpression(parent) || Node.isVoidExpression(parent))) {
    node = parent;
    parent = node.getParent();
  }
  return parent && Node.isExpressionStatement(parent) ? parent : undefined;
}

const IS_PRIVATE =
  "createConversation() has no `isPrivate` option (it was dropped here): every conversation is visible only to its participants";

/** `createChannel({ uniqueName, isPrivate: true })` → `createConversation({ uniqueName })`. */
function dropIsPrivate(context: FileContext, access: PropertyAccessExpression): void {
  const call = access.getParent();
  if (!call || !Node.isCallExpression(call)) return;
  const [options] = call.getArguments();
  if (!options) return;
  if (!Node.isObjectLiteralExpression(options)) {
    context.edits.todo(
      call,
      "isPrivate",
      "createConversation() has no `isPrivate` option: remove it from these options if they set it",
      false,
    );
    return;
  }
  const property = options.getProperty("isPrivate");
  if (!property) return;
  removeProperty(context, options, property);
  context.edits.todo(call, "isPrivate", IS_PRIVATE, false);
}

function removeProperty(context: FileContext, object: ObjectLiteralExpression, property: Node): void {
  const properties = object.getProperties();
  const index = properties.indexOf(property as (typeof properties)[number]);
  const from = property.getText();
  if (properties.length === 1) {
    context.edits.replaceRange(object.getStart(), object.getEnd(), "{}", { kind: "option", from: object.getText(), basis: "type" });
  } else if (index < properties.length - 1) {
    context.edits.replaceRange(property.getStart(), properties[index + 1]!.getStart(), "", { kind: "option", from, basis: "type" });
  } else {
    context.edits.replaceRange(properties[index - 1]!.getEnd(), property.getEnd(), "", { kind: "option", from, basis: "type" });
  }
}
