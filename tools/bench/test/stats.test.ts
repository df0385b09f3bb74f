import { describe, expect, it } from "vitest";
import { markdownTable, percentile, ratio } from "../src/stats.js";

describe("stats", () => {
  it("takes percentiles by nearest rank", () => {
    const samples = [...Array(100).keys()].map((i) => i + 1);
    expect(percentile(samples, 50)).toBe(50);
    expect(percentile(samples, 99)).toBe(99);
    expect(percentile([5], 99)).toBe(5);
    expect(percentile([], 50)).toBeNaN();
  });

  it("prints each figure beside its baseline with the ratio", () => {
    const baselines = [
      { name: "b", value: 2 },
      { name: "c", value: 6 },
    ];
    const result = { scenario: "s", metric: "m", unit: "ms", confab: 3, baselines, lowerIsBetter: true };
    expect(ratio(result)).toBe(1.5);
    expect(ratio(result, baselines[1])).toBe(0.5);
    expect(markdownTable([result])).toContain("| s | m | 3 ms | 2 ms (b); 6 ms (c) | 1.50×; 0.50× |");
  });
});
