import type { BindingRecord } from "../store/index.js";

/** Delivers one push notification to one device binding. */
export interface PushSender {
  send(binding: BindingRecord, payload: Record<string, unknown>): Promise<void>;
}

/**
 * A sender that POSTs each notification as JSON to a URL: `{binding: {...}, payload}`. A small
 * relay there can forward to FCM or APNs with the deployment's own credentials; tests receive it
 * directly.
 */
export function webhookPushSender(url: string, options: { timeoutMs?: number; fetch?: typeof fetch } = {}): PushSender {
  const doFetch = options.fetch ?? globalThis.fetch;
  return {
    async send(binding, payload) {
      const res = await doFetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({
          binding: {
            sid: binding.sid,
            identity: binding.identity,
            binding_type: binding.bindingType,
            address: binding.address,
            credential_sid: binding.credentialSid,
            endpoint: binding.endpoint,
          },
          payload,
        }),
        signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
      });
      await res.arrayBuffer().catch(() => undefined);
      if (!res.ok) throw new Error(`The push relay answered ${res.status}`);
    },
  };
}
