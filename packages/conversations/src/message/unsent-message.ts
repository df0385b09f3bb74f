import type { ContentTemplateVariable } from "../content/content-template.js";
import type { MediaCategory } from "../media/media.js";
import type { SendMediaOptions } from "../media/upload.js";
import type { CancellablePromise } from "../util/cancellable-promise.js";
import type { JSONValue } from "../util/json.js";

/** Options of an email message. */
export interface SendEmailOptions {
  subject?: string;
}

/** Sends a built message; the conversation provides it. */
export type UnsentMessageSender = (message: UnsentMessage) => CancellablePromise<number | null>;

/** A message built with MessageBuilder, ready to send. */
export class UnsentMessage {
  /** The text. */
  text?: string;
  /** The attributes. */
  attributes: JSONValue = {};
  /** The media to upload and attach, with their categories. */
  mediaContent: [MediaCategory, FormData | SendMediaOptions][] = [];
  /** Email options (subject). */
  emailOptions: SendEmailOptions = {};
  /** The content template to send. */
  contentSid?: string;
  /** Values of the template's variables. */
  contentVariables?: ContentTemplateVariable[];
  private readonly sender: UnsentMessageSender;

  /** @internal */
  constructor(sender: UnsentMessageSender) {
    this.sender = sender;
  }

  /** Sends the message; resolves to its index. */
  send(): CancellablePromise<number | null> {
    return this.sender(this);
  }
}
