export { createRouter, RawReply } from "./router.js";
export type { Handler, HandlerContext, Handlers, Router, RouterOptions, RouterRequest, RouterResponse } from "./router.js";
export { toFetchHandler, toNodeListener } from "./adapters.js";
export { describeValidationError, frameValidator, validatorsOf } from "./validation.js";
export type { OperationValidators } from "./validation.js";
export { ConfabApiError, ErrorCodes, twilioError } from "../rest/errors.js";
export type { TwilioErrorBody } from "../rest/errors.js";
export type { BodyOf, ItemOf, ListOperationId, OperationId, ParamsOf, ResponseOf } from "../rest/types.js";
export type { components as CompatComponents, operations as CompatOperations } from "../generated/compat-openapi-types.js";
