import type { components } from "@confab/protocol";
import type { ClientContext } from "../client/context.js";
import type { Conversation } from "../conversation/conversation.js";
import { ReplayEventEmitter } from "../emitter/replay-event-emitter.js";
import type { User } from "../user/user.js";
import { type JSONValue, jsonEqual, parseAttributes } from "../util/json.js";
import { rules, validateArgs } from "../util/validate.js";

/** The channel of a participant: chat, or a messaging channel. */
export type ParticipantType = "chat" | "sms" | "whatsapp" | "email" | string;
/** Why a participant changed. */
export type ParticipantUpdateReason =
  | "attributes"
  | "dateCreated"
  | "dateUpdated"
  | "roleSid"
  | "lastReadMessageIndex"
  | "lastReadTimestamp"
  | "bindings";
/** The recipient level of an email participant. */
export type ParticipantEmailLevel = "to" | "cc";
/** The email binding of an email participant. */
export interface ParticipantEmailBinding {
  name: string;
  address: string;
  level: ParticipantEmailLevel;
}
/** The bindings of a non-chat participant. */
export interface ParticipantBindings {
  email?: ParticipantEmailBinding;
}
/** Bindings given when adding a non-chat participant. */
export interface ParticipantBindingOptions {
  email?: ParticipantEmailBinding;
}
/** The payload of a participant's `updated` event. */
export interface ParticipantUpdatedEventArgs {
  participant: Participant;
  updateReasons: ParticipantUpdateReason[];
}
/** The raw participant resource (snake_case), as `Conversation.add` resolves to it. */
export type ParticipantResponse = components["schemas"]["Participant"];

/** Events a participant emits. */
export type ParticipantEvents = {
  typingEnded: (participant: Participant) => void;
  typingStarted: (participant: Participant) => void;
  updated: (data: { participant: Participant; updateReasons: ParticipantUpdateReason[] }) => void;
};

type State = {
  attributes: JSONValue;
  dateCreated: Date | null;
  dateUpdated: Date | null;
  identity: string | null;
  roleSid: string;
  lastReadMessageIndex: number | null;
  lastReadTimestamp: Date | null;
  type: ParticipantType;
  bindings: ParticipantBindings;
};

const date = (value: string | null | undefined) => (value ? new Date(value) : null);
const sameDate = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);

function stateOf(json: ParticipantResponse): State {
  const binding = json.messaging_binding;
  const type = binding?.type ?? "chat";
  return {
    attributes: parseAttributes(json.attributes, `participant ${json.sid}`),
    dateCreated: date(json.date_created),
    dateUpdated: date(json.date_updated),
    identity: json.identity ?? null,
    roleSid: json.role_sid ?? "",
    lastReadMessageIndex: json.last_read_message_index ?? null,
    lastReadTimestamp: date(json.last_read_timestamp),
    type,
    bindings:
      type === "email" && binding
        ? { email: { name: binding.name ?? "", address: binding.address ?? "", level: (binding.level as ParticipantEmailLevel) ?? "to" } }
        : {},
  };
}

/** A member of a conversation: a chat user, or a participant on a messaging channel. */
export class Participant extends ReplayEventEmitter<ParticipantEvents> {
  /** Fired when the participant starts typing. */
  static readonly typingStarted = "typingStarted";
  /** Fired when the participant stops typing. */
  static readonly typingEnded = "typingEnded";
  /** Fired when the participant's fields change. */
  static readonly updated = "updated";

  /** The conversation the participant belongs to. */
  readonly conversation: Conversation;
  private readonly context: ClientContext;
  private readonly participantSid: string;
  private state: State;
  private typing = false;
  private typingTimer: ReturnType<typeof setTimeout> | undefined;

  /** @internal */
  constructor(json: ParticipantResponse, conversation: Conversation, context: ClientContext) {
    super();
    this.conversation = conversation;
    this.context = context;
    this.participantSid = json.sid;
    this.state = stateOf(json);
  }

  /** The participant's SID (`MB…`). */
  get sid(): string {
    return this.participantSid;
  }
  /** Application data, parsed from JSON. */
  get attributes(): JSONValue {
    return this.state.attributes;
  }
  get dateCreated(): Date | null {
    return this.state.dateCreated;
  }
  get dateUpdated(): Date | null {
    return this.state.dateUpdated;
  }
  /** The chat user's identity; null for a non-chat participant. */
  get identity(): string | null {
    return this.state.identity;
  }
  /** Whether the participant is typing now. */
  get isTyping(): boolean {
    return this.typing;
  }
  /** The index of the last message the participant read, or null. */
  get lastReadMessageIndex(): number | null {
    return this.state.lastReadMessageIndex;
  }
  /** When the participant's read horizon last moved, or null. */
  get lastReadTimestamp(): Date | null {
    return this.state.lastReadTimestamp;
  }
  /** The participant's conversation role. */
  get roleSid(): string {
    return this.state.roleSid;
  }
  /** The channel: `chat`, `sms`, `whatsapp`, `email`… */
  get type(): ParticipantType {
    return this.state.type;
  }
  /** The email binding of an email participant. */
  get bindings(): ParticipantBindings {
    return this.state.bindings;
  }

  /** The user behind a chat participant; rejects for a non-chat one. */
  async getUser(): Promise<User> {
    if (this.state.type !== "chat" || !this.state.identity) {
      throw new Error(`Getting User is not supported for this Participant type: ${this.state.type}`);
    }
    return this.context.getUser(this.state.identity);
  }

  /** Removes the participant from the conversation. */
  async remove(): Promise<void> {
    return this.conversation.removeParticipant(this);
  }

  /** Replaces the participant's attributes. */
  async updateAttributes(attributes: JSONValue): Promise<Participant> {
    validateArgs([attributes], [rules.json]);
    const json = await this.context.send("UpdateConversationParticipant", {
      params: { ConversationSid: this.conversation.sid, Sid: this.participantSid },
      body: { Attributes: JSON.stringify(attributes) },
    });
    this._update(json);
    return this;
  }

  /** @internal Applies a fresh copy of the resource; emits `updated` with what changed. */
  _update(json: ParticipantResponse, reasons?: ParticipantUpdateReason[]): ParticipantUpdateReason[] {
    const next = stateOf(json);
    const previous = this.state;
    const changed: ParticipantUpdateReason[] = [];
    if (!jsonEqual(previous.attributes, next.attributes)) changed.push("attributes");
    if (!sameDate(previous.dateCreated, next.dateCreated)) changed.push("dateCreated");
    if (!sameDate(previous.dateUpdated, next.dateUpdated)) changed.push("dateUpdated");
    if (previous.roleSid !== next.roleSid) changed.push("roleSid");
    if (previous.lastReadMessageIndex !== next.lastReadMessageIndex) changed.push("lastReadMessageIndex");
    if (!sameDate(previous.lastReadTimestamp, next.lastReadTimestamp)) changed.push("lastReadTimestamp");
    if (!jsonEqual(previous.bindings, next.bindings)) changed.push("bindings");
    this.state = next;
    const updateReasons = changed.length > 0 ? changed : (reasons ?? []);
    if (updateReasons.length > 0) this.emit("updated", { participant: this, updateReasons });
    return updateReasons;
  }

  /** @internal The participant started (true) or stopped (false) typing; ends by itself after `timeoutMs`. */
  _setTyping(typing: boolean, timeoutMs?: number): void {
    clearTimeout(this.typingTimer);
    this.typingTimer = undefined;
    if (typing && timeoutMs) this.typingTimer = setTimeout(() => this._setTyping(false), timeoutMs);
    if (this.typing === typing) return;
    this.typing = typing;
    this.emit(typing ? "typingStarted" : "typingEnded", this);
  }
}

/** 1.x names, kept for apps written against `@twilio/conversations` 1.x. */
export declare namespace Participant {
  type UpdateReason = ParticipantUpdateReason;
  type Type = ParticipantType;
  type UpdatedEventArgs = ParticipantUpdatedEventArgs;
}
