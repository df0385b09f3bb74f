import type { BodyOf, Handlers } from "@confab/protocol/server";
import type { Actor } from "../../core/context.js";
import {
  type CredentialInput,
  createCredential,
  deleteCredential,
  findCredential,
  listCredentials,
  updateCredential,
} from "../../core/credentials.js";
import type { RestApp } from "../app.js";
import { listResponse, pageRequest, settle } from "../paging.js";
import { renderChatCredential } from "./render/credential.js";

/** Form fields → the domain's input; only those given. */
function credentialInput(body: Partial<BodyOf<"ChatCreateCredential">>): CredentialInput {
  const input: CredentialInput = {};
  if (body.Type !== undefined) input.type = body.Type;
  if (body.FriendlyName !== undefined) input.friendlyName = body.FriendlyName;
  if (body.Certificate !== undefined) input.certificate = body.Certificate;
  if (body.PrivateKey !== undefined) input.privateKey = body.PrivateKey;
  if (body.Sandbox !== undefined) input.sandbox = body.Sandbox;
  if (body.ApiKey !== undefined) input.apiKey = body.ApiKey;
  if (body.Secret !== undefined) input.secret = body.Secret;
  return input;
}

/** Chat v2 credentials: the account's push credentials (the same records as Conversations v1's). */
export function chatCredentialsHandlers(app: RestApp): Partial<Handlers<Actor>> {
  const { core, publicUrl } = app;
  return {
    ChatListCredential: async ({ principal, params }) => {
      const request = pageRequest(params);
      const settled = settle(await listCredentials(core, principal, request), request);
      return listResponse(
        "credentials",
        settled.items.map((c) => renderChatCredential(c, publicUrl)),
        settled,
        request,
        { publicUrl, path: "/v2/Credentials" },
      ) as never;
    },
    ChatCreateCredential: async ({ principal, body }) =>
      renderChatCredential(await createCredential(core, principal, credentialInput(body)), publicUrl),
    ChatFetchCredential: async ({ principal, params }) =>
      renderChatCredential(await findCredential(core, principal, params.Sid), publicUrl),
    ChatUpdateCredential: async ({ principal, params, body }) =>
      renderChatCredential(await updateCredential(core, principal, params.Sid, credentialInput(body ?? {})), publicUrl),
    ChatDeleteCredential: async ({ principal, params }) => {
      await deleteCredential(core, principal, params.Sid);
      return undefined as never;
    },
  };
}
