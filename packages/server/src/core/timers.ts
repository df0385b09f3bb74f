import { type ConversationRecord, eachRecord } from "../store/index.js";
import type { Core } from "./context.js";
import { changedFields } from "./changes.js";
import { DomainCodes, fail } from "./errors.js";
import { flushOutbox, recordEvent } from "./events.js";
import { durationMs, isoSeconds } from "./time.js";

/**
 * A conversation's state as of `now`: its timers move it from active to inactive and from there
 * to closed without anyone writing, so every read applies them.
 */
export function withTimers(conversation: ConversationRecord, now: Date): ConversationRecord {
  const at = isoSeconds(now);
  if (conversation.state !== "closed" && conversation.dateClosed && conversation.dateClosed <= at)
    return { ...conversation, state: "closed" };
  if (conversation.state === "active" && conversation.dateInactive && conversation.dateInactive <= at)
    return { ...conversation, state: "inactive" };
  return conversation;
}

/** Twilio's bounds of conversation timers; the upper one keeps every date a real date. */
export const TIMER_LIMITS = {
  inactive: { minMs: 60_000, min: "PT1M", code: DomainCodes.inactiveTimerTooShort },
  closed: { minMs: 600_000, min: "PT10M", code: DomainCodes.closedTimerTooShort },
  maxMs: 10 * 365 * 86_400_000,
} as const;

/** Checks a timer (`Timers.Inactive`, `DefaultClosedTimer`…): a duration within Twilio's bounds. */
export function checkTimer(value: string, name: string, kind: "inactive" | "closed"): string {
  let ms: number;
  try {
    ms = durationMs(value);
  } catch {
    throw fail.invalid(`${name} must be an ISO 8601 duration such as PT10M`);
  }
  const bounds = TIMER_LIMITS[kind];
  if (ms < bounds.minMs) throw fail.invalid(`${name} must be at least ${bounds.min}`, bounds.code);
  if (ms > TIMER_LIMITS.maxMs) throw fail.invalid(`${name} must be at most ten years`);
  return value;
}

/**
 * Stores the state changes the timers of a service's conversations have made by now, with their
 * events (so `onConversationStateUpdated` fires and state filters see the real state). Reads
 * apply timers on the fly; this makes them permanent. Resolves how many changed.
 */
export async function applyDueTimers(core: Core, serviceSid: string): Promise<number> {
  const now = core.now();
  const due: { before: ConversationRecord }[] = [];
  for (const state of ["active", "inactive"] as const) {
    for await (const c of eachRecord(core.store, "conversation", { parent: serviceSid, where: { state } })) {
      if (withTimers(c, now).state !== c.state) due.push({ before: c });
    }
  }
  if (due.length === 0) return 0;
  await core.store.transaction(async (tx) => {
    for (const candidate of due) {
      // Read again inside the write, so a change made since the scan is kept, not overwritten.
      const before = await tx.get("conversation", candidate.before.sid);
      if (!before) continue;
      const after = withTimers(before, now);
      if (after.state === before.state) continue;
      await tx.update("conversation", after);
      await recordEvent(
        tx,
        core,
        "conversation.updated",
        { accountSid: after.accountSid, serviceSid: after.serviceSid, conversationSid: after.sid },
        {
          conversation: after,
          updated: changedFields(before, after),
        },
      );
    }
  });
  await flushOutbox(core);
  return due.length;
}
