/**
 * Event names in `on`/`once`/`off`… calls (`channelJoined` → `conversationJoined`,
 * `memberJoined` → `participantJoined`), the payload keys that were renamed with them
 * (`{channel, updateReasons}` → `{conversation, updateReasons}`), and removed events
 * (`channelInvited`), whose listeners are turned into comments.
 */
import { type ArrowFunction, type CallExpression, type FunctionDeclaration, type FunctionExpression, Node, SyntaxKind } from "ts-morph";
import { kindOfType } from "../engine/classify.js";
import type { FileContext } from "../engine/context.js";
import { DISTINCTIVE_EVENTS, EVENTS, type EventRule, LISTENER_METHODS, type PayloadRename } from "../mapping/events.js";
import type { Basis } from "../report/types.js";

const TTL = "tokenAboutToExpire no longer passes the time to live: the listener's argument is undefined";

/** Rewrites the events listened to on Chat objects. */
export function rewriteEvents(context: FileContext): void {
  for (const call of context.sourceFile.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    const callee = call.getExpression();
    if (!Node.isPropertyAccessExpression(callee) || !LISTENER_METHODS.has(callee.getName())) continue;
    const [event] = call.getArguments();
    if (!event || !(Node.isStringLiteral(event) || Node.isNoSubstitutionTemplateLiteral(event))) continue;
    const name = event.getLiteralValue();
    const emitter = callee.getExpression();
    const found = context.classifier.kindOf(emitter);
    let rule: EventRule | undefined;
    let basis: Basis = "type";
    if (found) {
      rule = EVENTS[found.kind]?.[name];
      basis = found.basis;
      if (!rule && found.basis === "heuristic") rule = DISTINCTIVE_EVENTS[name];
    } else if (context.classifier.heuristics && unknownType(emitter)) {
      rule = DISTINCTIVE_EVENTS[name];
      basis = "heuristic";
    }
    const onClient = found?.kind === "Client" || (!found && context.classifier.heuristics && unknownType(emitter));
    if (name === "tokenAboutToExpire" && onClient && (resolveListener(call.getArguments()[1])?.getParameters().length ?? 0) > 0) {
      context.edits.todo(call, name, TTL, false);
    }
    if (!rule) continue;
    if ("removed" in rule) {
      const statement = call.getParent();
      if (statement && Node.isExpressionStatement(statement)) context.edits.disable(statement, name, rule.removed, "listener");
      else context.edits.todo(call, name, rule.removed, true);
      continue;
    }
    if (rule.to !== name) {
      const quote = event.getText()[0]!;
      context.edits.replace(event, `${quote}${rule.to}${quote}`, { kind: "event", basis });
    }
    if (rule.payload) renamePayload(context, call, name, rule.payload, basis);
    if (rule.note) context.edits.todo(call, name, rule.note, true);
  }
}

function unknownType(node: Node): boolean {
  try {
    return kindOfType(node.getType()) === undefined;
  } catch {
    return true;
  }
}

/** In the listener: `({ channel })` → `({ conversation: channel })`, `event.channel` → `event.conversation`. */
function renamePayload(context: FileContext, call: CallExpression, event: string, payload: PayloadRename, basis: Basis): void {
  const listener = resolveListener(call.getArguments()[1]);
  const parameter = listener?.getParameters()[0];
  if (!listener || !parameter) {
    if (call.getArguments()[1]) {
      context.edits.todo(call, event, `the ${event} payload's \`${payload.from}\` is now \`${payload.to}\`: update the listener`, true);
    }
    return;
  }
  const name = parameter.getNameNode();
  const annotation = parameter.getTypeNode();
  if (annotation && Node.isTypeLiteral(annotation)) {
    const member = annotation.getProperty(payload.from);
    if (member) context.edits.replace(member.getNameNode(), payload.to, { kind: "payload", basis });
  }
  if (Node.isObjectBindingPattern(name)) {
    for (const element of name.getElements()) {
      const property = element.getPropertyNameNode();
      if (property && property.getText() === payload.from) {
        context.edits.replace(property, payload.to, { kind: "payload", basis });
      } else if (!property && element.getName() === payload.from) {
        context.edits.replace(element.getNameNode(), `${payload.to}: ${payload.from}`, { kind: "payload", basis });
      }
    }
    return;
  }
  if (!Node.isIdentifier(name)) return;
  const declaration = parameter;
  for (const access of listener.getDescendantsOfKind(SyntaxKind.PropertyAccessExpression)) {
    const target = access.getExpression();
    if (!Node.isIdentifier(target) || access.getName() !== payload.from) continue;
    if (target.getSymbol()?.getDeclarations()[0] !== declaration) continue;
    context.edits.replace(access.getNameNode(), payload.to, { kind: "payload", basis });
  }
}

/** The function a listener argument is: inline, or a function declared in this file by name. */
function resolveListener(argument: Node | undefined): ArrowFunction | FunctionExpression | FunctionDeclaration | undefined {
  if (!argument) return undefined;
  if (Node.isArrowFunction(argument) || Node.isFunctionExpression(argument)) return argument;
  if (!Node.isIdentifier(argument)) return undefined;
  const declaration = argument.getSymbol()?.getDeclarations()[0];
  if (!declaration) return undefined;
  if (Node.isFunctionDeclaration(declaration)) return declaration;
  if (Node.isVariableDeclaration(declaration)) {
    const init = declaration.getInitializer();
    if (init && (Node.isArrowFunction(init) || Node.isFunctionExpression(init))) return init;
  }
  return undefined;
}
