import { spawn } from "node:child_process";
import { resolve } from "node:path";

/** What the store seeder (store-seeder.ts) writes. */
export type SeedJob = { dataDir: string } & (
  | {
      type: "conversations";
      /** A conversation the server created, copied `count` times (friendly names `<prefix><n>`). */
      templateConversationSid: string;
      count: number;
      prefix: string;
    }
  | {
      type: "members";
      /** A user and a participant the server created, copied for every member. */
      templateUserSid: string;
      templateParticipantSid: string;
      members: { conversationSid: string; identity: string }[];
    }
  | {
      type: "messages";
      /** A message the server created: the conversation gets `count` messages in all, this one first. */
      templateMessageSid: string;
      count: number;
    }
);

/** Runs the seeder in its own process; resolves when its transactions are committed, with the SIDs it created (conversations). */
export function seed(job: SeedJob, timeoutMs = 300_000): Promise<string[]> {
  const child = spawn(process.execPath, ["--import", "tsx", resolve(import.meta.dirname, "store-seeder.ts")], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  return new Promise((done, fail) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      fail(new Error(`seeding ${job.type} took over ${timeoutMs} ms`));
    }, timeoutMs);
    child.once("message", (reply: { ok: boolean; error?: string; sids?: string[] }) => {
      clearTimeout(timer);
      if (reply.ok) done(reply.sids ?? []);
      else fail(new Error(`seeding ${job.type} failed: ${reply.error}`));
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      if (code !== 0) fail(new Error(`the seeder exited with ${code}`));
    });
    child.send(job);
  });
}
