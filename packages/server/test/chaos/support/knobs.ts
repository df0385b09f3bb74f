/**
 * The sizes of the reliability suite. The defaults are the bounded form CI runs (still the
 * issue's numbers: 10,000 messages, over 100,000 fuzz inputs); the environment scales them up
 * for a full run, e.g. `CONFAB_LOAD_SECONDS=300 pnpm test:chaos`.
 */
function knob(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number, not ${raw}`);
  return value;
}

export const knobs = {
  /** Messages sent in the chaos run. */
  messages: knob("CONFAB_CHAOS_MESSAGES", 10_000),
  /** Conversations they are spread over. */
  conversations: knob("CONFAB_CHAOS_CONVERSATIONS", 50),
  /** Users (one socket each), every one a participant of several conversations. */
  users: knob("CONFAB_CHAOS_USERS", 20),
  /** SIGKILLs of the server during the chaos run (at least 2). */
  kills: Math.max(2, knob("CONFAB_CHAOS_KILLS", 3)),
  /** Generated inputs in total across the REST, socket and twilsock fuzzers. */
  fuzzRuns: knob("CONFAB_FUZZ_RUNS", 105_000),
  /** Seconds of steady mixed load in the load-held run. */
  loadSeconds: knob("CONFAB_LOAD_SECONDS", 75),
  /** The seed of every random choice (printed, so a failing run can be replayed). */
  seed: knob("CONFAB_CHAOS_SEED", Date.now() % 2 ** 31),
};
