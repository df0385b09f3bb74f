/**
 * Is this expression a Chat object, and which kind? First from its type (when twilio-chat's
 * typings resolve, the checker says `Channel`, `Member`…), and only when the type is unknown
 * (`any`: no typings, plain JavaScript) from names and data flow, in files that use Chat.
 */
import { Node, type Type } from "ts-morph";
import { type ChatKind, CLASS_KINDS } from "../mapping/kinds.js";
import { DISTINCTIVE, NAME_HINTS } from "../mapping/members.js";
import type { Basis } from "../report/types.js";
import { isChatModulePath } from "./modules.js";

/** A Chat object's kind and how it was found. */
export interface Classified {
  readonly kind: ChatKind;
  readonly basis: Basis;
}

/** The kind of object a Chat method returns (for data flow without types). */
const RETURNS: Readonly<Record<string, ChatKind>> = {
  getChannelBySid: "Channel",
  getChannelByUniqueName: "Channel",
  createChannel: "Channel",
  getChannel: "Channel",
  join: "Channel",
  getMemberBySid: "Member",
  getMemberByIdentity: "Member",
  getMember: "Member",
  getUser: "User",
  getUserDescriptor: "User",
  initialize: "Client",
};

/** The kind of a listener's argument, from the event's name. */
function payloadKind(event: string): ChatKind | undefined {
  if (/^channel(Added|Joined|Left|Removed|Invited)$/.test(event)) return "Channel";
  if (/^(member(Joined|Left|InfoUpdated)|typing(Started|Ended))$/.test(event)) return "Member";
  if (/^message(Added|Removed|Updated)$/.test(event)) return "Message";
  if (/^user(Subscribed|Unsubscribed)$/.test(event)) return "User";
  return undefined;
}

/**
 * The kind named by a type: a Chat class, `null` for any other known type, `undefined` for
 * `any`/`unknown` (nothing known).
 */
export function kindOfType(type: Type): ChatKind | null | undefined {
  if (type.isAny() || type.isUnknown()) return undefined;
  if (type.isUnion()) {
    let unknown = false;
    for (const part of type.getUnionTypes()) {
      if (part.isNull() || part.isUndefined()) continue;
      const kind = kindOfType(part);
      if (kind) return kind;
      if (kind === undefined) unknown = true;
    }
    return unknown ? undefined : null;
  }
  const symbol = type.getSymbol() ?? type.getAliasSymbol();
  if (!symbol) return null;
  const fromChat = symbol.getDeclarations().some((d) => isChatModulePath(d.getSourceFile().getFilePath()));
  if (!fromChat) return null;
  return CLASS_KINDS[symbol.getName().replace(/\$\d+$/, "")] ?? null;
}

/** The last name in an expression: `channel` for `this.state.channel`, `msg` for `(await msg)`. */
export function lastName(expr: Node): string | undefined {
  if (Node.isIdentifier(expr)) return expr.getText();
  if (Node.isPropertyAccessExpression(expr)) return expr.getName();
  if (Node.isParenthesizedExpression(expr) || Node.isAwaitExpression(expr) || Node.isNonNullExpression(expr) || Node.isAsExpression(expr)) {
    return lastName(expr.getExpression());
  }
  return undefined;
}

/** Finds Chat objects in one file. */
export class Classifier {
  /**
   * @param heuristics whether names and data flow may stand in for types (files that import or
   *   use Chat; elsewhere only a type proves an object is Chat's)
   */
  constructor(readonly heuristics: boolean) {}

  /** The kind of object `expr` is, when it is a Chat object; `member` is the member being used on it. */
  kindOf(expr: Node, member?: string): Classified | undefined {
    const typed = this.typeKind(expr);
    if (typed) return { kind: typed, basis: "type" };
    if (typed === null || !this.heuristics) return undefined;
    if (member && DISTINCTIVE[member]) return { kind: DISTINCTIVE[member], basis: "heuristic" };
    const flowed = this.flowKind(expr, 0);
    return flowed ? { kind: flowed, basis: "heuristic" } : undefined;
  }

  private typeKind(expr: Node): ChatKind | null | undefined {
    try {
      return kindOfType(expr.getType());
    } catch {
      return undefined;
    }
  }

  /** Where the value came from (a Chat call, a Chat event's argument), else what its name says. */
  private flowKind(expr: Node, depth: number): ChatKind | undefined {
    if (depth > 4) return undefined;
    const inner = unwrap(expr);
    if (Node.isCallExpression(inner)) {
      const callee = inner.getExpression();
      if (Node.isPropertyAccessExpression(callee)) {
        const returned = RETURNS[callee.getName()];
        if (returned) return returned;
      }
    }
    if (Node.isNewExpression(inner) && lastName(inner.getExpression()) === "Client") return "Client";
    if (Node.isIdentifier(inner)) {
      const declaration = inner.getSymbol()?.getDeclarations()[0];
      if (declaration && Node.isVariableDeclaration(declaration)) {
        const init = declaration.getInitializer();
        if (init) {
          const kind = this.flowKind(init, depth + 1);
          if (kind) return kind;
        }
      }
      if (declaration && Node.isParameterDeclaration(declaration)) {
        const kind = listenerArgumentKind(declaration);
        if (kind) return kind;
      }
    }
    const name = lastName(inner);
    if (!name) return undefined;
    return NAME_HINTS.find(([pattern]) => pattern.test(name))?.[1];
  }
}

function unwrap(expr: Node): Node {
  let node = expr;
  while (
    Node.isAwaitExpression(node) ||
    Node.isParenthesizedExpression(node) ||
    Node.isNonNullExpression(node) ||
    Node.isAsExpression(node)
  ) {
    node = node.getExpression();
  }
  return node;
}

/** `x` in `emitter.on("channelJoined", (x) => …)`: the kind the event passes. */
function listenerArgumentKind(parameter: Node): ChatKind | undefined {
  const fn = parameter.getParent();
  const call = fn?.getParent();
  if (!fn || !call || !Node.isCallExpression(call) || !(Node.isArrowFunction(fn) || Node.isFunctionExpression(fn))) return undefined;
  if (fn.getParameters()[0] !== parameter) return undefined;
  const event = call.getArguments()[0];
  return event && Node.isStringLiteral(event) ? payloadKind(event.getLiteralValue()) : undefined;
}
