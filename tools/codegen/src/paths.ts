import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The monorepo root, found from this file's place in tools/codegen/src. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

export const specDir = resolve(repoRoot, "spec");
/**
 * The REST API's entry documents, bundled into one document (one operation table, one router):
 * Twilio's Conversations v1, then Twilio's Chat v2 (which IP Messaging v2 shares).
 */
export const openapiEntries = [resolve(specDir, "openapi/conversations-v1.yaml"), resolve(specDir, "openapi/chat-v2.yaml")];
export const asyncapiEntry = resolve(specDir, "asyncapi/realtime.yaml");
/** The HTTP side of the compatibility protocol of the official Twilio SDKs. */
export const compatEntry = resolve(specDir, "openapi-compat/twilio-client-api.yaml");
/** The twilsock compatibility protocol of the official Twilio SDKs. */
export const twilsockEntry = resolve(specDir, "asyncapi/twilsock.yaml");

/** Where generated code goes: the committed, generated half of @confab/protocol. */
export const generatedDir = resolve(repoRoot, "packages/protocol/src/generated");

/** Twilio's own documents: a test oracle for ours, never an input to generation. */
export const twilioReferenceDir = resolve(repoRoot, "../shared/reference/twilio-rest");
