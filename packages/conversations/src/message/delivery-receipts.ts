import type { components } from "@confab/protocol";

/** How many of a message's recipients reached a status: none, some or all. */
export type DeliveryAmount = "none" | "some" | "all";
/** The delivery status of a message to one recipient. */
export type DeliveryStatus = "sent" | "delivered" | "failed" | "read" | "undelivered" | "queued";

type DeliveryJson = NonNullable<components["schemas"]["MessageDelivery"]>;
type ReceiptJson = components["schemas"]["DeliveryReceipt"];

/** The summary of a message's delivery to its non-chat recipients (SMS, WhatsApp…). */
export class AggregatedDeliveryReceipt {
  private readonly state: Required<DeliveryJson>;

  /** @internal */
  constructor(data: DeliveryJson) {
    this.state = {
      total: data.total ?? 0,
      sent: data.sent ?? "none",
      delivered: data.delivered ?? "none",
      read: data.read ?? "none",
      undelivered: data.undelivered ?? "none",
      failed: data.failed ?? "none",
    };
  }

  /** The number of recipients the message was sent to. */
  get total(): number {
    return this.state.total;
  }
  /** How many recipients the message was sent to. */
  get sent(): DeliveryAmount {
    return this.state.sent;
  }
  /** How many recipients confirmed delivery. */
  get delivered(): DeliveryAmount {
    return this.state.delivered;
  }
  /** How many recipients read the message. */
  get read(): DeliveryAmount {
    return this.state.read;
  }
  /** How many recipients the message could not be delivered to. */
  get undelivered(): DeliveryAmount {
    return this.state.undelivered;
  }
  /** How many sends failed. */
  get failed(): DeliveryAmount {
    return this.state.failed;
  }

  /** @internal Whether this summary says the same as another one. */
  _isEqual(other: AggregatedDeliveryReceipt | null): boolean {
    return other !== null && JSON.stringify(other.state) === JSON.stringify(this.state);
  }
}

/** The delivery status of one message to one recipient. */
export class DetailedDeliveryReceipt {
  /** The receipt's SID. */
  sid: string;
  /** The message's SID. */
  messageSid: string;
  /** The conversation's SID. */
  conversationSid: string;
  /** The channel's own ID of the message (e.g. `SM…`). */
  channelMessageSid: string;
  /** The recipient participant's SID. */
  participantSid: string;
  /** The delivery status. */
  status: DeliveryStatus;
  /** The channel's error code as a string, or 0 when there was none. */
  errorCode: string | 0;
  /** When the receipt was created (ISO 8601). */
  dateCreated: string;
  /** When the receipt last changed (ISO 8601). */
  dateUpdated: string;

  /** @internal */
  constructor(data: ReceiptJson) {
    this.sid = data.sid;
    this.messageSid = data.message_sid;
    this.conversationSid = data.conversation_sid;
    this.channelMessageSid = data.channel_message_sid ?? "";
    this.participantSid = data.participant_sid;
    this.status = data.status;
    this.errorCode = data.error_code ? String(data.error_code) : 0;
    this.dateCreated = data.date_created ?? "";
    this.dateUpdated = data.date_updated ?? "";
  }
}

/** 1.x names, kept for apps written against `@twilio/conversations` 1.x. */
export declare namespace AggregatedDeliveryReceipt {
  type DeliveryAmount = import("./delivery-receipts.js").DeliveryAmount;
  type AggregatedDeliveryDescriptor = {
    total: number;
    delivered: DeliveryAmount;
    failed: DeliveryAmount;
    read: DeliveryAmount;
    sent: DeliveryAmount;
    undelivered: DeliveryAmount;
  };
}

/** 1.x names, kept for apps written against `@twilio/conversations` 1.x. */
export declare namespace DetailedDeliveryReceipt {
  type Status = DeliveryStatus;
  type Descriptor = ReceiptJson;
}
