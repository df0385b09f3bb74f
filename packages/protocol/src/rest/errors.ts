import type { components } from "../generated/openapi-types.js";

/** Twilio's error body: `{ code, message, more_info, status }`. */
export type TwilioErrorBody = components["schemas"]["Error"];

/** Twilio error codes Confab answers with. */
export const ErrorCodes = {
  /** A parameter is missing or invalid. */
  invalidParameter: 20001,
  /** No credentials or bad credentials. */
  unauthenticated: 20003,
  /** The access token is malformed, forged, of an unknown key or service. */
  invalidAccessToken: 20101,
  /** The access token has expired. */
  accessTokenExpired: 20104,
  /** The method is not allowed on this resource. */
  methodNotAllowed: 20004,
  /** Valid credentials without the needed permission. */
  forbidden: 20403,
  /** The resource does not exist. */
  notFound: 20404,
  /** Too many requests. */
  tooManyRequests: 20429,
  /** The server failed; no partial write was made. */
  internal: 20500,
  /** The server cannot take requests now. */
  unavailable: 20503,
} as const;

export function twilioError(status: number, code: number, message: string): TwilioErrorBody {
  return { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status };
}

export function isTwilioErrorBody(value: unknown): value is TwilioErrorBody {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.code === "number" && typeof v.message === "string" && typeof v.status === "number";
}

/** Thrown by the REST and socket clients when the server answers with an error. */
export class ConfabApiError extends Error {
  readonly code: number;
  readonly status: number;
  readonly moreInfo: string;

  constructor(body: TwilioErrorBody) {
    super(body.message);
    this.name = "ConfabApiError";
    this.code = body.code;
    this.status = body.status;
    this.moreInfo = body.more_info;
  }

  toJSON(): TwilioErrorBody {
    return { code: this.code, message: this.message, more_info: this.moreInfo, status: this.status };
  }
}
