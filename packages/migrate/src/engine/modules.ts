/** Recognising the Chat packages: module specifiers, their typings' paths, and their bindings. */
import { CHAT_MODULES } from "../mapping/kinds.js";

/** Whether a declaration file belongs to twilio-chat or twilio-ip-messaging. */
export function isChatModulePath(path: string): boolean {
  return /[\\/]node_modules[\\/](twilio-chat|twilio-ip-messaging)[\\/]/.test(path);
}

/** Whether an import or require specifier names a Chat package (or one of its files). */
export function isChatSpecifier(specifier: string): boolean {
  const name = specifier.split("/")[0]!;
  return CHAT_MODULES.has(name);
}
