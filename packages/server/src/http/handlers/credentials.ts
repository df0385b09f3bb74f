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
import { renderCredential } from "../render/credential.js";

/**
 * Form fields → the domain's input; only those given. `Type` goes as given: the domain lower-cases
 * it. Chat v2's credential form has the same fields, so its handlers use this too.
 */
export function credentialInput(body: Partial<BodyOf<"CreateCredential"> | BodyOf<"ChatCreateCredential">>): CredentialInput {
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

/** The account's push credentials. */
export function credentialsHandlers(app: RestApp): Partial<Handlers<Actor>> {
  const { core, publicUrl } = app;
  return {
    ListCredential: async ({ principal, params }) => {
      const request = pageRequest(params);
      const settled = settle(await listCredentials(core, principal, request), request);
      return listResponse(
        "credentials",
        settled.items.map((c) => renderCredential(c, publicUrl)),
        settled,
        request,
        { publicUrl, path: "/v1/Credentials" },
      ) as never;
    },
    CreateCredential: async ({ principal, body }) =>
      renderCredential(await createCredential(core, principal, credentialInput(body)), publicUrl),
    FetchCredential: async ({ principal, params }) => renderCredential(await findCredential(core, principal, params.Sid), publicUrl),
    UpdateCredential: async ({ principal, params, body }) =>
      renderCredential(await updateCredential(core, principal, params.Sid, credentialInput(body)), publicUrl),
    DeleteCredential: async ({ principal, params }) => {
      await deleteCredential(core, principal, params.Sid);
      return undefined as never;
    },
  };
}
