/**
 * What the store keeps: one record type per kind of object. Records are the domain's own
 * (camelCase, no URLs); the REST layer renders them into Twilio's JSON.
 */

export type Timestamps = { dateCreated: string; dateUpdated: string };

export type AccountRecord = Timestamps & { sid: string; authToken: string; friendlyName: string };

export type ApiKeyRecord = Timestamps & { sid: string; accountSid: string; secret: string; friendlyName: string };

export type ConfigurationRecord = Timestamps & {
  /** The account SID: one configuration per account. */
  sid: string;
  accountSid: string;
  defaultChatServiceSid: string;
  defaultMessagingServiceSid: string | null;
  defaultInactiveTimer: string | null;
  defaultClosedTimer: string | null;
  /** The account-level webhook (Configuration/Webhooks). */
  webhook: WebhookSettings & { target: "webhook" | "flex" };
};

export type WebhookSettings = {
  method: "GET" | "POST";
  filters: string[];
  preWebhookUrl: string | null;
  postWebhookUrl: string | null;
};

export type ServiceRecord = Timestamps & {
  sid: string;
  accountSid: string;
  friendlyName: string;
  defaultConversationCreatorRoleSid: string;
  defaultConversationRoleSid: string;
  defaultChatServiceRoleSid: string;
  reachabilityEnabled: boolean;
  readStatusEnabled: boolean;
  notifications: ServiceNotifications;
  webhook: WebhookSettings;
  /** What Chat v2 sets beyond Conversations v1; absent until a Chat v2 update sets some (defaults then). */
  chat?: ChatServiceSettings;
};

/** A service's Chat v2 settings that Conversations v1 does not have. */
export type ChatServiceSettings = {
  typingIndicatorTimeout: number;
  consumptionReportInterval: number;
  /** Set through Chat v2's `Limits.*` (enforced then, below the server's own limits); absent: Twilio's defaults are shown. */
  limits: { channelMembers?: number; userChannels?: number };
  preWebhookRetryCount: number;
  postWebhookRetryCount: number;
  invitedToChannel: NotificationSettings;
  mediaCompatibilityMessage: string | null;
};

export type NotificationSettings = { enabled: boolean; template: string | null; sound: string | null };

export type ServiceNotifications = {
  logEnabled: boolean;
  newMessage: NotificationSettings & { badgeCountEnabled: boolean; withMedia: { enabled: boolean; template: string | null } };
  addedToConversation: NotificationSettings;
  removedFromConversation: NotificationSettings;
};

export type RoleRecord = Timestamps & {
  sid: string;
  accountSid: string;
  serviceSid: string;
  friendlyName: string;
  type: "conversation" | "service";
  permissions: string[];
};

export type UserRecord = Timestamps & {
  sid: string;
  accountSid: string;
  serviceSid: string;
  identity: string;
  friendlyName: string | null;
  attributes: string;
  roleSid: string;
  isOnline: boolean | null;
  isNotifiable: boolean | null;
};

export type ConversationState = "initializing" | "inactive" | "active" | "closed";

/**
 * Who may find a conversation without taking part in it: anyone of the service (`public`, Chat's
 * public channel) or only its participants and invitees (`private`, every Conversations v1
 * conversation).
 */
export type ConversationType = "public" | "private";

export type ConversationRecord = Timestamps & {
  sid: string;
  accountSid: string;
  serviceSid: string;
  messagingServiceSid: string | null;
  uniqueName: string | null;
  friendlyName: string | null;
  attributes: string;
  state: ConversationState;
  /** ISO 8601 durations as given (`Timers.Inactive`, `Timers.Closed`). */
  timerInactive: string | null;
  timerClosed: string | null;
  dateInactive: string | null;
  dateClosed: string | null;
  bindingsEmailAddress: string | null;
  bindingsEmailName: string | null;
  /** The index of the newest message, or null when there is none. */
  lastMessageIndex: number | null;
  lastMessageDate: string | null;
  /** The identity of the user who created it, or null when the account did (records from before have none). */
  createdBy?: string | null;
  /** Public or private; records from before channel types have none and are private. */
  type?: ConversationType;
};

export type MessagingBinding = {
  type: "sms" | "whatsapp" | "chat" | "email" | null;
  address: string | null;
  proxyAddress: string | null;
  projectedAddress: string | null;
};

export type ParticipantRecord = Timestamps & {
  sid: string;
  accountSid: string;
  serviceSid: string;
  conversationSid: string;
  identity: string | null;
  attributes: string;
  messagingBinding: MessagingBinding | null;
  roleSid: string;
  lastReadMessageIndex: number | null;
  lastReadTimestamp: string | null;
  notificationLevel: "default" | "muted";
};

/**
 * A pending invitation of a user to take part in a conversation (Chat's Invite, `IN` SID): one per
 * identity per conversation. Joining consumes it; the invitee may decline it.
 */
export type InviteRecord = Timestamps & {
  sid: string;
  accountSid: string;
  serviceSid: string;
  conversationSid: string;
  identity: string;
  /** The conversation role the invitee gets when joining. */
  roleSid: string;
  /** The inviting user's identity, or null when the account invited. */
  createdBy: string | null;
};

export type MediaRef = { sid: string; size: number; contentType: string; filename: string | null; category: string };

export type MessageRecord = Timestamps & {
  sid: string;
  accountSid: string;
  serviceSid: string;
  conversationSid: string;
  index: number;
  author: string;
  participantSid: string | null;
  body: string | null;
  attributes: string;
  media: MediaRef[] | null;
  contentSid: string | null;
  subject: string | null;
  idempotencyKey: string | null;
  /** Chat v2's `LastUpdatedBy`: who last edited it (absent on messages nobody named). */
  lastUpdatedBy?: string | null;
  /** Whether the body was changed after the message was sent (Chat v2's `was_edited`). */
  edited?: boolean;
};

export type ReceiptRecord = Timestamps & {
  sid: string;
  accountSid: string;
  serviceSid: string;
  conversationSid: string;
  messageSid: string;
  participantSid: string;
  channelMessageSid: string;
  status: "read" | "failed" | "delivered" | "undelivered" | "sent";
  errorCode: number | null;
};

export type ConversationWebhookRecord = Timestamps & {
  sid: string;
  accountSid: string;
  serviceSid: string;
  conversationSid: string;
  target: "webhook" | "trigger" | "studio";
  url: string | null;
  method: "GET" | "POST";
  filters: string[];
  triggers: string[];
  flowSid: string | null;
  replayAfter: number | null;
  /** Chat v2's `Configuration.RetryCount` (absent when never set). */
  retryCount?: number | null;
};

export type CredentialRecord = Timestamps & {
  sid: string;
  accountSid: string;
  friendlyName: string | null;
  type: "apn" | "gcm" | "fcm";
  sandbox: boolean;
  /** Secrets are stored but never rendered. */
  secrets: Record<string, string>;
};

export type BindingRecord = Timestamps & {
  sid: string;
  accountSid: string;
  serviceSid: string;
  credentialSid: string;
  endpoint: string;
  identity: string;
  bindingType: "apn" | "gcm" | "fcm";
  messageTypes: string[];
  address: string | null;
};

export type AddressConfigurationRecord = Timestamps & {
  sid: string;
  accountSid: string;
  type: string;
  address: string;
  friendlyName: string | null;
  addressCountry: string | null;
  autoCreation: {
    enabled: boolean;
    type: "webhook" | "studio" | "default" | null;
    conversationServiceSid: string | null;
    webhookUrl: string | null;
    webhookMethod: "get" | "post" | null;
    webhookFilters: string[];
    studioFlowSid: string | null;
    studioRetryCount: number | null;
  };
};

export type MediaRecord = Timestamps & {
  sid: string;
  accountSid: string;
  serviceSid: string;
  contentType: string;
  filename: string | null;
  size: number;
  /** The uploader's identity, or `system` for the account. */
  author: string;
  category: "media" | "body" | "history";
  messageSid: string | null;
  conversationSid: string | null;
  dateUploadUpdated: string | null;
};

/**
 * A domain event waiting to be published: written in the same transaction as the change it
 * describes, published on the bus after the commit, and deleted once published (so a crash in
 * between publishes it at the next start instead of losing it).
 */
export type OutboxRecord = Timestamps & {
  sid: string;
  accountSid: string;
  type: string;
  serviceSid: string;
  conversationSid: string | null;
  data: Record<string, unknown>;
  origin: { source: "SDK" | "API"; identity?: string; webhooks: boolean };
  date: string;
  /** In a cluster: the node that recorded it, which publishes it unless it dies first. */
  node?: string;
  /** In a cluster: the node publishing it now, and until when (ms since the epoch) that claim holds. */
  claimedBy?: string;
  claimedUntil?: number;
  /** The stream events the relay wrote for it in the same transaction, published with it. */
  deliveries?: {
    serviceSid: string;
    identity: string;
    frame: { type: "event"; event: string; cursor?: string; data: unknown; date: string };
  }[];
};

/**
 * One event of a user's durable stream (the native socket's cursor is its `position`). The
 * payload is kept once per event in `streamPayload`, however many users receive it.
 */
export type StreamEventRecord = Timestamps & {
  sid: string;
  serviceSid: string;
  identity: string;
  /** The socket event name, e.g. `messageAdded`, `conversationJoined`. */
  event: string;
  payloadSid: string;
  /** Filled by the store: the record's position, strictly increasing along every stream. */
  position: number;
};

/** The wire `data` of a stream event and when it happened, shared by its recipients. */
export type StreamPayloadRecord = Timestamps & {
  sid: string;
  serviceSid: string;
  data: unknown;
  date: string;
};

/** Per service, the newest stream position dropped by retention (`sid` is the service SID). */
export type StreamFloorRecord = Timestamps & { sid: string; position: number };

/** Every kind of record, by name. */
export type Records = {
  account: AccountRecord;
  apiKey: ApiKeyRecord;
  configuration: ConfigurationRecord;
  service: ServiceRecord;
  role: RoleRecord;
  user: UserRecord;
  conversation: ConversationRecord;
  participant: ParticipantRecord;
  invite: InviteRecord;
  message: MessageRecord;
  receipt: ReceiptRecord;
  conversationWebhook: ConversationWebhookRecord;
  credential: CredentialRecord;
  binding: BindingRecord;
  addressConfiguration: AddressConfigurationRecord;
  media: MediaRecord;
  outbox: OutboxRecord;
  streamEvent: StreamEventRecord;
  streamPayload: StreamPayloadRecord;
  streamFloor: StreamFloorRecord;
};

export type Kind = keyof Records;
