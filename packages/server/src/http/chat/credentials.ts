import type { Handlers } from "@confab/protocol/server";
import type { Actor } from "../../core/context.js";
import { createCredential, deleteCredential, findCredential, listCredentials, updateCredential } from "../../core/credentials.js";
import type { RestApp } from "../app.js";
import { credentialInput } from "../handlers/credentials.js";
import { listResponse, pageRequest, settle } from "../paging.js";
import { renderChatCredential } from "./render/credential.js";

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
