/**
 * API parity with twilio-chat 6.0.0, checked with the TypeScript compiler against the official
 * `builds/lib.d.ts` (every class, method, property, event constant and exported type), and with
 * the IP Messaging 0.10.12 names of REPORT.md §4 (a listing, since that package has no typings).
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkListing, checkParity, parseApiListing } from "../../conversations/test/support/api-parity.js";
import { checkEvents, listedEvents } from "./support/events.js";
import { inventory, totals } from "./support/inventory.js";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const officialDts = join(dirname(require.resolve("twilio-chat/package.json")), "builds/lib.d.ts");
const ours = join(here, "../src/index.ts");
const oursIpm = join(here, "../src/ip-messaging/index.ts");
const fixtures = join(here, "fixtures/parity");
const ipmListingText = readFileSync(join(here, "fixtures/ip-messaging-api.txt"), "utf8");

const format = (gaps: { where: string; problem: string }[]) => gaps.map((g) => `${g.where}: ${g.problem}`).join("\n");

describe("the parity checker", () => {
  it("finds a missing event constant, a missing method, a wrong property type and a missing type", () => {
    const gaps = checkParity(join(fixtures, "official.d.ts"), join(fixtures, "ours-broken.d.ts"));
    expect(gaps).toEqual([
      { where: "Channel.memberJoined", problem: "missing" },
      { where: "Channel#lastConsumedMessageIndex", problem: "type string is not assignable to number | null" },
      { where: "Channel#advanceLastConsumedMessageIndex", problem: "missing" },
      { where: "ChannelType", problem: "not exported" },
    ]);
  });

  it("accepts a compatible replacement", () => {
    expect(checkParity(join(fixtures, "official.d.ts"), join(fixtures, "ours-good.d.ts"))).toEqual([]);
  });

  it("finds a missing listed member and a missing listed event", () => {
    const listing =
      "Exports (1): Channel\n\n## class Channel [exported]\n  PROP  sid\n  METH  getMessagesPaged()\n  EVENT memberInfoUpdated\n";
    const broken = join(fixtures, "ipm-broken.ts");
    expect(checkListing(parseApiListing(listing), broken)).toEqual([{ where: "Channel#getMessagesPaged", problem: "missing" }]);
    expect(checkEvents(listedEvents(listing), broken)).toEqual([{ where: "Channel event memberInfoUpdated", problem: "missing" }]);
  });
});

describe("parity with twilio-chat 6.0.0", () => {
  it("counts the official API as REPORT.md §3 does: 10 classes, 61 methods, 86 properties, 40 events", () => {
    expect(totals(inventory(officialDts))).toEqual({ classes: 10, methods: 61, properties: 86, events: 40 });
  });

  it("has every exported class, member, event constant and type, with compatible signatures", () => {
    const gaps = checkParity(officialDts, ours);
    expect(gaps, format(gaps)).toEqual([]);
  });
});

describe("parity with twilio-ip-messaging 0.10.12 (REPORT.md §4)", () => {
  const listing = parseApiListing(ipmListingText);
  const events = listedEvents(ipmListingText);

  it("lists REPORT.md's counts: 6 classes, 36 methods, 44 properties (plus 4 static enums/version), 33 events", () => {
    const listed = listing.classes.flatMap((c) => c.members.map((m) => ({ ...m, owner: c.name })));
    const methods = ipmListingText.match(/^ {2}METH/gm)?.length;
    const statics = listed.filter((m) => m.static).length;
    expect(listing.classes).toHaveLength(6);
    expect(methods).toBe(36);
    expect(listed.length - methods! - statics).toBe(44);
    expect(statics).toBe(4);
    expect([...events.values()].flat()).toHaveLength(33);
  });

  it("has every class, member and static of the listing", () => {
    const gaps = checkListing(listing, oursIpm);
    expect(gaps, format(gaps)).toEqual([]);
  });

  it("emits every listed event (each class's Events map names it)", () => {
    const gaps = checkEvents(events, oursIpm);
    expect(gaps, format(gaps)).toEqual([]);
  });
});
