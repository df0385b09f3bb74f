/**
 * The fixture apps (a Node bot, a React context, a plain-JS browser widget, an IP Messaging-era
 * module), migrated: the output equals the reviewed expected files, type-checks against
 * `@confab/conversations` (strict; compile errors only where a manual TODO says so), and a
 * second run changes nothing. `UPDATE_FIXTURES=1` rewrites the expected files (review the diff).
 */
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { migrate } from "../src/index.js";
import { cleanScratch, fixturesDir, flaggedForManualWork, migrateFixture, readTree, typecheck } from "./support/fixtures.js";

const scratch: string[] = [];
const withoutComments = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "");
afterAll(() => {
  for (const dir of scratch) cleanScratch(dir);
});

/** Fixtures whose output must compile with no error at all. */
const CLEAN = new Set(["support-bot", "browser-widget"]);

describe.each(["support-bot", "browser-widget", "react-chat", "ip-messaging"])("fixture %s", (fixture) => {
  const { dir, report } = migrateFixture(fixture);
  scratch.push(dir);
  const output = readTree(dir);

  it("is migrated into the reviewed expected files", () => {
    const expectedDir = join(fixturesDir, fixture, "expected");
    if (process.env.UPDATE_FIXTURES === "1") {
      for (const [file, text] of output) {
        mkdirSync(dirname(join(expectedDir, file)), { recursive: true });
        writeFileSync(join(expectedDir, file), text);
      }
    }
    const expected = readTree(expectedDir);
    expect([...output.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [file, text] of output) expect(text, file).toBe(expected.get(file));
    expect(report.files.length).toBeGreaterThan(0);
    for (const file of report.files) expect(file.changes.length).toBeGreaterThan(5);
  });

  it("leaves no twilio-chat import behind", () => {
    for (const [file, text] of output)
      expect(withoutComments(text), file).not.toMatch(/["']twilio-(chat|ip-messaging)["']|Twilio\.(Chat|IPMessaging)\b/);
  });

  it("type-checks against @confab/conversations", () => {
    const manual = report.files.flatMap((f) => f.todos.filter((t) => t.manual).map((t) => t.message));
    const diagnostics = typecheck(dir);

    if (CLEAN.has(fixture)) {
      expect(diagnostics).toEqual([]);
      return;
    }
    const unflagged = diagnostics.filter((d) => !flaggedForManualWork(output.get(d.file) ?? "", d.line, manual));
    expect(unflagged).toEqual([]);
  });

  it("changes nothing when run again", () => {
    const again = migrate({ dir });
    expect(again.files).toEqual([]);
    expect(readTree(dir)).toEqual(output);
  });
});

describe("without twilio-chat's typings (heuristics mode)", () => {
  /** A copy of a fixture's input outside this package, where twilio-chat's typings do not resolve. */
  function untypedCopy(fixture: string): string {
    const dir = mkdtempSync(join(tmpdir(), `confab-migrate-${fixture}-`));
    cpSync(join(fixturesDir, fixture, "input"), dir, { recursive: true });
    scratch.push(dir);
    return dir;
  }

  it.each(["support-bot", "browser-widget", "ip-messaging"])("migrates %s to the same output by names and data flow", (fixture) => {
    const dir = untypedCopy(fixture);
    const report = migrate({ dir });
    expect(report.typings).toBe(false);
    expect(report.files.every((f) => f.mode === "heuristics")).toBe(true);
    expect(readTree(dir)).toEqual(readTree(join(fixturesDir, fixture, "expected")));
  });

  it("misses in the React context only what needs a type: a Channel held in `current`, a descriptor in `d`", () => {
    const dir = untypedCopy("react-chat");
    migrate({ dir });
    const untyped = readTree(dir).get("ChatProvider.tsx")!;
    const typed = readTree(join(fixturesDir, "react-chat", "expected")).get("ChatProvider.tsx")!;
    const missing = typed.split("\n").filter((line) => !untyped.includes(line));
    expect(missing.map((line) => line.trim())).toEqual([
      expect.stringMatching(/^\/\/ TODO\(confab-migrate\): invite\(\) was removed/),
      "// await current.invite(identity);",
      expect.stringMatching(/^\/\/ TODO\(confab-migrate\): ChannelDescriptor\.membersCount was removed/),
    ]);
  });
});
