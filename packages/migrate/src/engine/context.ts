/** Everything a rewrite needs to know about the file it works on. */
import type { Node, SourceFile } from "ts-morph";
import type { Target } from "../mapping/kinds.js";
import type { Classifier } from "./classify.js";
import type { FileEdits } from "./edits.js";

/** One file being migrated. */
export interface FileContext {
  readonly sourceFile: SourceFile;
  readonly edits: FileEdits;
  readonly classifier: Classifier;
  readonly target: Target;
  /** TypeScript (type annotations allowed) rather than JavaScript. */
  readonly typescript: boolean;
  /**
   * Local bindings of a whole Chat module: `Chat` in `import * as Chat`, `import Chat`,
   * `const Chat = require("twilio-chat")`. Their members are the package's exports.
   */
  readonly namespaces: Set<Node>;
  /** The file uses IP Messaging 0.10 (`twilio-ip-messaging`, `Twilio.IPMessaging`), whose API differs from Chat 6's in places. */
  readonly ipMessaging: boolean;
}
