import type { Handlers } from "@confab/protocol/server";
import { mintAccessToken } from "../../auth/access-token.js";
import type { Actor } from "../../core/context.js";
import { requireAdmin } from "../../core/permissions.js";
import { resolveService } from "../../core/services.js";
import type { RestApp } from "../app.js";

/** Confab's own operations: health and access tokens for development. */
export function confabHandlers(app: RestApp, options: { version: string; startedAt: Date }): Partial<Handlers<Actor>> {
  const { core } = app;
  return {
    FetchHealth: async () => ({
      status: "ok",
      version: options.version,
      uptime_seconds: (core.now().getTime() - options.startedAt.getTime()) / 1000,
    }),

    CreateAccessToken: async ({ principal, body }) => {
      requireAdmin(principal);
      const service = await resolveService(core, principal, body.ChatServiceSid);
      const key = (await core.store.list("apiKey", { parent: principal.accountSid, limit: 1 })).items[0];
      if (!key) throw new Error("The account has no API key to sign tokens with");
      const ttl = body.Ttl ?? 3600;
      const now = core.now();
      const token = mintAccessToken({
        accountSid: principal.accountSid,
        apiKeySid: key.sid,
        apiKeySecret: key.secret,
        identity: body.Identity,
        serviceSid: service.sid,
        ttlSeconds: ttl,
        now,
      });
      return {
        token,
        identity: body.Identity,
        chat_service_sid: service.sid,
        ttl,
        expires_at: new Date(now.getTime() + ttl * 1000).toISOString().replace(/\.\d{3}Z$/, "Z"),
      };
    },
  };
}
