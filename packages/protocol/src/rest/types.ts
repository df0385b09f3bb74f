import type { operations as OperationTypes } from "../generated/openapi-types.js";
import type { operations } from "../generated/operations.js";

/** The operationId of any REST operation. */
export type OperationId = keyof typeof operations & keyof OperationTypes;

type Parameters<K extends OperationId> = OperationTypes[K]["parameters"];
type Defined<T> = [T] extends [undefined] ? unknown : [T] extends [never] ? unknown : NonNullable<T>;

/** Path, query and header parameters of an operation, by their names in the spec. */
export type ParamsOf<K extends OperationId> = Defined<Parameters<K>["path"]> &
  Defined<Parameters<K>["query"]> &
  Defined<Parameters<K>["header"]>;

/** The form fields of an operation, or `never` when it takes none. */
export type BodyOf<K extends OperationId> = OperationTypes[K] extends {
  requestBody?: { content: { "application/x-www-form-urlencoded": infer B } };
}
  ? B
  : never;

type SuccessResponse<R> = R extends { 200: infer S } ? S : R extends { 201: infer S } ? S : R extends { 204: unknown } ? undefined : never;
type JsonContent<S> = S extends { content: { "application/json": infer J } } ? J : S extends undefined ? undefined : unknown;

/** The JSON an operation answers with on success (`undefined` for 204). */
export type ResponseOf<K extends OperationId> = JsonContent<SuccessResponse<OperationTypes[K]["responses"]>>;

/** Operations that answer with a page of items. */
export type ListOperationId = {
  [K in OperationId]: (typeof operations)[K]["listKey"] extends string ? K : never;
}[OperationId];

/** The item type of a list operation's pages. */
export type ItemOf<K extends ListOperationId> =
  ResponseOf<K> extends infer P
    ? (typeof operations)[K]["listKey"] extends infer Key extends keyof P
      ? P[Key] extends Array<infer Item>
        ? Item
        : never
      : never
    : never;
