/**
 * The fixture apps (a Node bot, a React context, a plain-JS browser widget, an IP Messaging-era
 * module), migrated: the output equals the reviewed expected files, type-checks against
 * `@confab/conversations` (strict; compile errors only where a manual TODO says so), and a
 * second run changes nothing. `UPDATE_FIXTURES=1` rewrites the expected files (review the diff).
 */
import { mkdirSync, writeFileSync } from "node:fs";
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
