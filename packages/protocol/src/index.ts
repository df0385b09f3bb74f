/**
 * @confab/protocol: Confab's protocol, generated from spec/.
 *
 * - Types of every REST resource, parameter set and response (`components`, `operations`, `paths`)
 *   and of every socket frame.
 * - `operations`: the operation table (operationId → method, path, parameters, body, status).
 * - `createRestClient`: a thin typed REST client. Also at `@confab/protocol/client`.
 * - `RealtimeClient`: the realtime socket client. Also at `@confab/protocol/socket`.
 * - The server stub (`createRouter` and its `Handlers` interface) is at `@confab/protocol/server`,
 *   so clients do not bundle the validators.
 *
 * @packageDocumentation
 */
export * from "./client/index.js";
export * from "./socket/index.js";
export { operations } from "./generated/operations.js";
export type { components, operations as OperationTypes, paths } from "./generated/openapi-types.js";
export { formats } from "./runtime/formats.js";
export type { ValidationError, Validator } from "./runtime/validator.js";
