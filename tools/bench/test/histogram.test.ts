import { describe, expect, it } from "vitest";
import { Histogram } from "../src/stats.js";

describe("Histogram", () => {
  it("gives percentiles within 1% of the samples', merged across processes", () => {
    const a = new Histogram();
    const b = new Histogram();
    for (let i = 1; i <= 1000; i++) (i % 2 ? a : b).add(i / 10);
    const merged = new Histogram();
    merged.merge(a.toJSON());
    merged.merge(JSON.parse(JSON.stringify(b)));
    expect(merged.count).toBe(1000);
    expect(merged.percentile(50)).toBeGreaterThanOrEqual(50);
    expect(merged.percentile(50)).toBeLessThan(50 * 1.01);
    expect(merged.percentile(99)).toBeGreaterThanOrEqual(99);
    expect(merged.percentile(99)).toBeLessThan(99 * 1.01);
    expect(new Histogram().percentile(50)).toBeNaN();
  });
});
