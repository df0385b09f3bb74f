/**
 * API parity with @twilio/conversations 3.0.1 (the API of 2.7.0), checked with the TypeScript
 * compiler against the official `builds/lib.d.ts`, and with the 1.x names that differ.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkListing, checkParity, parseApiListing } from "./support/api-parity.js";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const officialDts = join(dirname(require.resolve("@twilio/conversations/package.json")), "builds/lib.d.ts");
const ours = join(here, "../src/index.ts");
const fixtures = join(here, "fixtures/parity");

const format = (gaps: { where: string; problem: string }[]) => gaps.map((g) => `${g.where}: ${g.problem}`).join("\n");

describe("the parity checker", () => {
  it("finds a missing member, a wrong type, a wrong static-ness and a missing type", () => {
    const gaps = checkParity(join(fixtures, "official.d.ts"), join(fixtures, "ours-broken.d.ts"));
    expect(gaps).toEqual(
      expect.arrayContaining([
        { where: "Widget#rename", problem: "missing" },
        { where: "Widget#size", problem: "type string is not assignable to number | null" },
        { where: "Widget.make", problem: "is an instance member, official is static" },
        { where: "WidgetKind", problem: "not exported" },
      ]),
    );
    expect(gaps).toHaveLength(4);
  });

  it("accepts a compatible replacement", () => {
    expect(checkParity(join(fixtures, "official.d.ts"), join(fixtures, "ours-good.d.ts"))).toEqual([]);
  });
});

describe("parity with @twilio/conversations 3.0.1", () => {
  it("has every exported class, member, event constant and type, with compatible signatures", () => {
    const gaps = checkParity(officialDts, ours);
    expect(gaps, format(gaps)).toEqual([]);
  });
});

describe("parity with the 1.x names (conv1-api.txt)", () => {
  const listing = parseApiListing(readFileSync(join(here, "fixtures/conv1-api.txt"), "utf8"));

  it("reads the listing", () => {
    expect(listing.classes.map((c) => c.name)).toContain("Client");
    expect(listing.namespaced).toEqual(expect.arrayContaining(["Client.Options", "Conversation.Status", "Message.UpdateReason"]));
  });

  it("has every 1.x class member (including Client#token) and namespaced type", () => {
    const gaps = checkListing(listing, ours);
    expect(gaps, format(gaps)).toEqual([]);
  });
});
