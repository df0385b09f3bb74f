/** The recipient level of an email recipient. */
export type EmailRecipientLevel = "to" | "from" | "cc";

/** An email recipient of a message. */
export class EmailRecipientDescriptor {
  readonly type = "email";
  readonly messageSid: string;
  readonly level: EmailRecipientLevel;
  readonly name: string;
  readonly address: string;

  /** @internal */
  constructor(data: { message_sid: string; level: EmailRecipientLevel; name: string; address: string }) {
    this.messageSid = data.message_sid;
    this.level = data.level;
    this.name = data.name;
    this.address = data.address;
  }
}

/** A recipient of a kind this SDK does not know, with its raw data. */
export class UnknownRecipientDescriptor {
  readonly type: string;
  readonly messageSid: string;
  readonly rawData: string;

  /** @internal */
  constructor(data: { message_sid: string; type: string } & Record<string, unknown>) {
    this.type = data.type;
    this.messageSid = data.message_sid;
    this.rawData = JSON.stringify(data);
  }
}

/** A recipient of a message on a non-chat channel. */
export type RecipientDescriptor = EmailRecipientDescriptor | UnknownRecipientDescriptor;
