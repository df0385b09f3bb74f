import { ConfabApiError, ErrorCodes, twilioError } from "@confab/protocol/server";

/**
 * The domain's failures, with Twilio's codes. Every transport renders a ConfabApiError the same
 * way: REST as the error body, the socket as a reply error.
 */
export const fail = {
  notFound(what: string): ConfabApiError {
    return new ConfabApiError(twilioError(404, ErrorCodes.notFound, `The requested resource ${what} was not found`));
  },
  invalid(message: string, code: number = ErrorCodes.invalidParameter): ConfabApiError {
    return new ConfabApiError(twilioError(400, code, message));
  },
  conflict(message: string, code: number): ConfabApiError {
    return new ConfabApiError(twilioError(409, code, message));
  },
  forbidden(message = "You do not have permission to do this"): ConfabApiError {
    return new ConfabApiError(twilioError(403, ErrorCodes.forbidden, message));
  },
  tooLarge(message: string): ConfabApiError {
    return new ConfabApiError(twilioError(413, ErrorCodes.invalidParameter, message));
  },
  tooManyRequests(message: string): ConfabApiError {
    return new ConfabApiError(twilioError(429, ErrorCodes.tooManyRequests, message));
  },
};

/** Twilio codes the domain answers with beyond the generic ones. */
export const DomainCodes = {
  /** Conversation with this unique name already exists. */
  conversationUniqueNameTaken: 50353,
  /** Participant already exists in the conversation. */
  participantExists: 50433,
  /** User with this identity already exists. */
  userIdentityTaken: 50201,
  /** The conversation is closed. */
  conversationClosed: 50407,
  /** Too many participants in the conversation. */
  participantLimit: 50438,
  /** Timers.Inactive is shorter than a minute. */
  inactiveTimerTooShort: 50375,
  /** Timers.Closed is shorter than ten minutes. */
  closedTimerTooShort: 50376,
  /** A closed conversation cannot be opened again. */
  conversationClosedForever: 50377,
  /** The identity takes part in too many conversations. */
  identityConversationLimit: 50439,
  /** Attributes too long or not JSON. */
  invalidAttributes: 50006,
  /** Message body too long. */
  messageTooLong: 50511,
  /** Role in use, cannot be deleted. */
  roleInUse: 50300,
} as const;
