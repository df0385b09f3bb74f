export type { Filter, ListQuery, Page, Store, StoreReader, StoreWriter } from "./store.js";
export { MissingRecordError, UniqueKeyError } from "./store.js";
export type * from "./records.js";
export { layouts, streamOf } from "./kinds.js";
export { openSqliteStore } from "./sqlite/sqlite-store.js";
export { eachRecord } from "./each-record.js";
export type { SqliteStoreOptions } from "./sqlite/sqlite-store.js";
