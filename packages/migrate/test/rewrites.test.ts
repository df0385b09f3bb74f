/** Single rewrites, TODO comments, heuristics mode, --dry-run, the report and bad input. */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { migrate, runCli } from "../src/index.js";
import { packageDir } from "./support/fixtures.js";

const run = promisify(execFile);
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A project folder with one file; inside this package (twilio-chat's typings resolve) unless `untyped`. */
function project(file: string, text: string, untyped = false): string {
  const root = untyped ? tmpdir() : join(packageDir, "test/.tmp");
  const dir = join(root, `unit-${process.pid}-${Math.random().toString(36).slice(2, 8)}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, file), text);
  dirs.push(dir);
  return dir;
}

function migrated(file: string, text: string, untyped = false) {
  const dir = project(file, text, untyped);
  const report = migrate({ dir });
  return { text: readFileSync(join(dir, file), "utf8"), report, dir };
}

describe("rewrites", () => {
  it("renames a Channel's members only when the object is a twilio-chat Channel (by type)", () => {
    const { text, report } = migrated(
      "a.ts",
      `import type { Channel } from "twilio-chat";
class Room { getMembers(): string[] { return []; } }
export async function f(channel: Channel, room: Room) {
  const members = await channel.getMembers();
  return [members, room.getMembers(), channel.lastConsumedMessageIndex];
}
`,
    );
    expect(text).toContain("await channel.getParticipants()");
    expect(text).toContain("room.getMembers()");
    expect(text).toContain("channel.lastReadMessageIndex");
    expect(text).toContain('import type { Conversation } from "@confab/conversations"');
    expect(report.files[0]!.mode).toBe("types");
    expect(report.files[0]!.changes.filter((c) => c.kind === "member").every((c) => c.basis === "type")).toBe(true);
  });

  it("writes the import the --target asks for", () => {
    const dir = project("a.js", `const { Client } = require("twilio-chat");\nmodule.exports = (t) => new Client(t);\n`);
    migrate({ dir, target: "@twilio/conversations" });
    expect(readFileSync(join(dir, "a.js"), "utf8")).toContain('require("@twilio/conversations")');
  });

  it("maps client events, member events and their payload keys", () => {
    const { text } = migrated(
      "a.ts",
      `import { Client } from "twilio-chat";
export function watch(client: Client) {
  client.on("channelAdded", (c) => c.sid);
  client.on("memberUpdated", (event) => event.member.identity);
  client.on("channelUpdated", ({ channel }) => channel.sid);
}
`,
    );
    expect(text).toContain('client.on("conversationAdded"');
    expect(text).toContain('client.on("participantUpdated", (event) => event.participant.identity)');
    expect(text).toContain('client.on("conversationUpdated", ({ conversation: channel }) => channel.sid)');
  });

  it("turns removed APIs into TODO(confab-migrate) comments that say what to do, and mentions @confab/chat in the usage", async () => {
    const { text, report } = migrated(
      "a.ts",
      `import { Client } from "twilio-chat";
export async function f(client: Client) {
  const page = await client.getPublicChannelDescriptors();
  const channel = await client.getChannelBySid("CH1");
  await channel.decline();
  client.on("channelInvited", (invited) => invited.getMembers());
  return page;
}
`,
    );
    expect(text).toContain('  // client.on("channelInvited", (invited) => invited.getMembers());');
    // Code turned into comments is not reported as changed.
    expect(report.files[0]!.changes.filter((c) => c.line === 6)).toEqual([]);
    expect(text).toContain(
      "  // TODO(confab-migrate): getPublicChannelDescriptors() was removed: Conversations has no public channel directory.",
    );
    expect(text).toContain("  // await channel.decline();");
    const todos = report.files[0]!.todos;
    expect(todos.map((t) => [t.api, t.manual])).toEqual([
      ["getPublicChannelDescriptors", true],
      ["decline", false],
      ["channelInvited", false],
    ]);
    const out: string[] = [];
    await runCli(["--help"], { out: (t) => out.push(t) });
    expect(out.join("\n")).toContain("@confab/chat runs the Chat API unchanged");
  });

  it("falls back to names and data flow without typings, and says so", () => {
    const { text, report } = migrated(
      "chat.js",
      `const Chat = require("twilio-chat");
async function run(token) {
  const client = await Chat.Client.create(token);
  const general = await client.getChannelByUniqueName("general");
  general.on("memberJoined", (m) => console.log(m.lastConsumptionTimestamp));
  const msg = (await general.getMessages()).items[0];
  return [msg.channel.sid, general.getMembers()];
}
module.exports = run;
`,
      true,
    );
    expect(report.typings).toBe(false);
    expect(report.files[0]!.mode).toBe("heuristics");
    expect(text).toContain('general.on("participantJoined", (m) => console.log(m.lastReadTimestamp))');
    expect(text).toContain("msg.conversation.sid");
    expect(text).toContain("const created = new Chat.Client(token);");
    expect(text).not.toContain("new Promise<");
  });

  it("rewrites the Twilio.Chat global", () => {
    const { text } = migrated("w.js", `var client = new Twilio.Chat.Client(token);\nclient.on("channelJoined", function (c) {});\n`, true);
    expect(text).toBe(`var client = new Twilio.Conversations.Client(token);\nclient.on("conversationJoined", function (c) {});\n`);
  });

  it("renames static event constants and flags invitations in status checks and the ttl of tokenAboutToExpire", () => {
    const { text, report } = migrated(
      "a.ts",
      `import { Client, type Channel } from "twilio-chat";
export function watch(client: Client, channel: Channel) {
  client.on(Client.channelAdded, (c: Channel) => c.sid);
  client.on("tokenAboutToExpire", (ttl) => console.log(ttl));
  if (channel.status === "invited") return channel.join();
  return channel.status !== "joined";
}
`,
    );
    expect(text).toContain("client.on(Client.conversationAdded, (c: Conversation) => c.sid);");
    expect(report.files[0]!.todos.map((t) => [t.api, t.manual])).toEqual([
      ["tokenAboutToExpire", false],
      ["status", true],
    ]);
    expect(text).toContain('  // TODO(confab-migrate): Conversation.status is "notParticipating" or "joined"');
  });

  it("flags IP Messaging's getMessages(), which returned an array", () => {
    const { text } = migrated(
      "ipm.js",
      `var IPMessaging = require("twilio-ip-messaging");\nfunction last(channel) {\n  return channel.getMessages(10).then(function (messages) { return messages[0]; });\n}\n`,
      true,
    );
    expect(text).toContain(
      "  // TODO(confab-migrate): IP Messaging's getMessages() returned an array of messages; Conversations' returns a Paginator: read .items\n  return channel.getMessages(10)",
    );
  });

  it("reads .mjs, .cjs and .jsx files: ESM imports, require() and JSX", () => {
    const dir = project("a.mjs", `import { Client } from "twilio-chat";\nexport const open = (c) => c.getChannelBySid("CH1");\n`);
    writeFileSync(join(dir, "b.cjs"), `const Chat = require("twilio-chat");\nmodule.exports = (c) => c.getSubscribedChannels();\n`);
    writeFileSync(
      join(dir, "c.jsx"),
      `import { Client } from "twilio-chat";\nexport const Unread = ({ channel }) => <b>{channel.lastConsumedMessageIndex}</b>;\n`,
    );
    const report = migrate({ dir });
    expect(report.files.map((f) => f.file)).toEqual(["a.mjs", "b.cjs", "c.jsx"]);
    expect(readFileSync(join(dir, "a.mjs"), "utf8")).toContain(
      'from "@confab/conversations";\nexport const open = (c) => c.getConversationBySid("CH1");',
    );
    expect(readFileSync(join(dir, "b.cjs"), "utf8")).toContain(
      'require("@confab/conversations");\nmodule.exports = (c) => c.getSubscribedConversations();',
    );
    expect(readFileSync(join(dir, "c.jsx"), "utf8")).toContain("<b>{channel.lastReadMessageIndex}</b>");
  });

  it("leaves files that do not use Chat alone", () => {
    const { report, text } = migrated("x.js", `socket.on("channelJoined", (channel) => channel.getMembers());\n`, true);
    expect(report.files).toEqual([]);
    expect(text).toBe(`socket.on("channelJoined", (channel) => channel.getMembers());\n`);
  });
});

describe("the command", () => {
  const source = `import { Client } from "twilio-chat";\nexport const f = (c: Client) => c.getSubscribedChannels();\n`;

  it("--dry-run prints the diff and the report and writes nothing", async () => {
    const dir = project("a.ts", source);
    const out: string[] = [];
    const code = await runCli([dir, "--dry-run", "--report", join(dir, "report.json")], { out: (t) => out.push(t) });
    expect(code).toBe(0);
    expect(readFileSync(join(dir, "a.ts"), "utf8")).toBe(source);
    const printed = out.join("\n");
    expect(printed).toContain("-export const f = (c: Client) => c.getSubscribedChannels();");
    expect(printed).toContain("+export const f = (c: Client) => c.getSubscribedConversations();");
    expect(printed).toContain("would change (dry run: nothing written)");
    const json = JSON.parse(readFileSync(join(dir, "report.json"), "utf8"));
    expect(json.dryRun).toBe(true);
    expect(json.files[0].changes).toContainEqual(
      expect.objectContaining({ line: 2, from: "getSubscribedChannels", to: "getSubscribedConversations", kind: "member" }),
    );
  });

  it("refuses a missing directory, an unknown option or target, with exit code 2 and a clear message", async () => {
    for (const argv of [["/no/such/dir"], [], ["."], [".", "--target", "socket.io"], [".", "--bogus"]]) {
      const err: string[] = [];
      const args = argv.length === 1 && argv[0] === "." ? [".", "extra"] : argv;
      const code = await runCli(args, { err: (t) => err.push(t), out: () => {} });
      expect(code, args.join(" ")).toBe(2);
      expect(err.join("\n")).toMatch(/No such directory|which directory|one directory only|unknown target|unknown option/);
    }
    expect(existsSync("/no/such/dir")).toBe(false);
  });

  it("confab-migrate exits 2 with a clear message on a missing directory", async () => {
    const failure = await run(process.execPath, ["--import", "tsx", "src/bin.ts", "does-not-exist"], { cwd: packageDir }).catch((e) => e);
    expect(failure.code).toBe(2);
    expect(failure.stderr).toContain("confab-migrate: No such directory: does-not-exist");
  });
});
