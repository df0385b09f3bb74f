export { createRestClient, fillPath } from "./rest-client.js";
export type { BinaryBody, RequestOptions, RestAuth, RestClient, RestClientOptions } from "./rest-client.js";
export { ConfabApiError, ErrorCodes, twilioError, isTwilioErrorBody } from "../rest/errors.js";
export type { TwilioErrorBody } from "../rest/errors.js";
export { decodeForm, encodeForm } from "../rest/form.js";
export type { DecodedForm, FormValue } from "../rest/form.js";
export type { BodyOf, ItemOf, ListOperationId, OperationId, ParamsOf, ResponseOf } from "../rest/types.js";
