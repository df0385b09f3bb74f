import type { OperationId, ResponseOf } from "@confab/protocol";
import type { RealtimeClient, RequestCallOptions } from "@confab/protocol/socket";
import type { Conversation } from "../conversation/conversation.js";
import type { MediaCategory } from "../media/media.js";
import type { MediaJson } from "../media/upload.js";
import type { User } from "../user/user.js";
import type { ConversationLimits } from "./options.js";

/**
 * What the object model (conversations, participants, messages, users) needs from the client:
 * the socket for requests, who the user is, and the registries objects look each other up in.
 * One per Client; objects keep a reference instead of reaching for globals.
 */
export interface ClientContext {
  readonly socket: RealtimeClient;
  /** The user's identity (from the welcome). */
  readonly identity: string;
  /** The Conversations service the token is for (from the welcome). */
  readonly serviceSid: string;
  readonly limits: ConversationLimits;
  /** How long a typing indicator lasts without another `typing()` (ms). */
  readonly typingTimeoutMs: number;
  readonly reachabilityEnabled: boolean;
  /** A read: any operation over the socket, with the usual timeout. */
  call<K extends OperationId>(operation: K, options?: RequestCallOptions<K>): Promise<ResponseOf<K>>;
  /**
   * A write: queued while offline (no timeout while waiting) and sent with an idempotency key,
   * so resending it after a reconnect never makes a duplicate.
   */
  send<K extends OperationId>(operation: K, options?: RequestCallOptions<K>): Promise<ResponseOf<K>>;
  /** Uploads media bytes over HTTP. */
  uploadMedia(body: Blob | Uint8Array, contentType: string, filename: string | undefined, category: MediaCategory): Promise<MediaJson>;
  /** The user object of an identity (fetched and subscribed on first use). */
  getUser(identity: string): Promise<User>;
  /** This user joined a conversation: read its view of it and announce it (`conversationJoined`). */
  joined(conversationSid: string): Promise<void>;
  /** This user left a conversation: announce it (`conversationLeft`, `conversationRemoved`). */
  left(conversation: Conversation): void;
  /** A conversation object the client already holds. */
  knownConversation(sid: string): Conversation | undefined;
}
