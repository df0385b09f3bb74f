import type { ConversationLimits } from "../client/options.js";
import type { ContentTemplateVariable } from "../content/content-template.js";
import type { SendMediaOptions } from "../media/upload.js";
import type { CancellablePromise } from "../util/cancellable-promise.js";
import type { JSONValue } from "../util/json.js";
import { custom, rules, validateArgs } from "../util/validate.js";
import { UnsentMessage, type UnsentMessageSender } from "./unsent-message.js";

const mediaPayload = custom(
  "FormData or SendMediaOptions",
  (v) => (typeof FormData !== "undefined" && v instanceof FormData) || (typeof v === "object" && v !== null && "media" in v),
);

/** Builds a message (text, attributes, media, content template) step by step. */
export class MessageBuilder {
  private readonly message: UnsentMessage;
  private readonly limits: ConversationLimits;
  private readonly emailBodies = new Map<string, FormData | SendMediaOptions>();
  private readonly emailHistories = new Map<string, FormData | SendMediaOptions>();

  /** @internal */
  constructor(limits: ConversationLimits, sender: UnsentMessageSender) {
    this.limits = limits;
    this.message = new UnsentMessage(sender);
  }

  /** Sets the text. */
  setBody(text: string): MessageBuilder {
    validateArgs([text], [rules.string]);
    this.message.text = text;
    return this;
  }

  /** Sets the subject (email). */
  setSubject(subject: string): MessageBuilder {
    validateArgs([subject], [rules.string]);
    this.message.emailOptions.subject = subject;
    return this;
  }

  /** Sets the attributes. */
  setAttributes(attributes: JSONValue): MessageBuilder {
    validateArgs([attributes], [rules.json]);
    this.message.attributes = attributes;
    return this;
  }

  /** Sets the email body of a content type. */
  setEmailBody(contentType: string, body: FormData | SendMediaOptions): MessageBuilder {
    validateArgs([contentType, body], [rules.string], [mediaPayload]);
    this.emailBodies.set(contentType, body);
    return this;
  }

  /** Sets the email history of a content type. */
  setEmailHistory(contentType: string, history: FormData | SendMediaOptions): MessageBuilder {
    validateArgs([contentType, history], [rules.string], [mediaPayload]);
    this.emailHistories.set(contentType, history);
    return this;
  }

  /** Makes the message from a content template, with values for its variables. */
  setContentTemplate(contentSid: string, contentVariables: ContentTemplateVariable[] = []): MessageBuilder {
    validateArgs([contentSid, contentVariables], [rules.string], [rules.array]);
    this.message.contentSid = contentSid;
    this.message.contentVariables = contentVariables;
    return this;
  }

  /** Adds a media attachment. */
  addMedia(payload: FormData | SendMediaOptions): MessageBuilder {
    validateArgs([payload], [mediaPayload]);
    this.message.mediaContent.push(["media", payload]);
    return this;
  }

  /** Checks the message against the conversation limits and returns it. */
  build(): UnsentMessage {
    for (const [type, body] of this.emailBodies) {
      if (!this.limits.emailBodiesAllowedContentTypes.includes(type)) throw new Error(`Unsupported content type ${type} for email body.`);
      this.message.mediaContent.push(["body", body]);
    }
    for (const [type, history] of this.emailHistories) {
      if (!this.limits.emailHistoriesAllowedContentTypes.includes(type))
        throw new Error(`Unsupported content type ${type} for email history.`);
      this.message.mediaContent.push(["history", history]);
    }
    this.emailBodies.clear();
    this.emailHistories.clear();
    const attachments = this.message.mediaContent.filter(([category]) => category === "media").length;
    if (attachments > this.limits.mediaAttachmentsCountLimit) {
      throw new Error(`Too many media attachments in the message (${attachments} > ${this.limits.mediaAttachmentsCountLimit}).`);
    }
    return this.message;
  }

  /** Builds and sends; resolves to the message index. */
  buildAndSend(): CancellablePromise<number | null> {
    return this.build().send();
  }
}
