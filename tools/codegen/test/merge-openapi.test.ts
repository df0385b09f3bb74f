import { describe, expect, it } from "vitest";
import type { OpenApiDocument } from "../src/bundle-openapi.js";
import { mergeOpenApi } from "../src/merge-openapi.js";

const doc = (paths: string[], schemas: Record<string, unknown>, title = "doc"): OpenApiDocument => ({
  openapi: "3.1.0",
  info: { title },
  paths: Object.fromEntries(paths.map((p) => [p, { get: { operationId: p } }])),
  components: { schemas },
  tags: [{ name: title }],
});

describe("merging the entry documents", () => {
  it("keeps the first document's frame and adds every document's paths, tags and components", () => {
    const shared = { type: "string", pattern: "^AC" };
    const merged = mergeOpenApi([
      doc(["/v1/A"], { AccountSid: shared, A: { type: "object" } }, "first"),
      doc(["/v2/B"], { AccountSid: shared, B: { type: "object" } }, "second"),
    ]);
    expect(merged.info).toEqual({ title: "first" });
    expect(Object.keys(merged.paths)).toEqual(["/v1/A", "/v2/B"]);
    expect(Object.keys(merged.components.schemas ?? {})).toEqual(["AccountSid", "A", "B"]);
    expect(merged.tags).toEqual([{ name: "first" }, { name: "second" }]);
  });

  it("refuses a path defined twice, and a component name that means two things", () => {
    expect(() => mergeOpenApi([doc(["/v1/A"], {}), doc(["/v1/A"], {}, "other")])).toThrow(/path \/v1\/A/);
    expect(() => mergeOpenApi([doc([], { X: { type: "string" } }), doc([], { X: { type: "integer" } }, "other")])).toThrow(
      /schemas\/X differently/,
    );
  });
});
