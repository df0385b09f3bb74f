/** The p-th percentile (0..100) of some samples, by nearest rank. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

/** A figure beside its baseline: what the report prints, one row each. */
export type Result = {
  scenario: string;
  metric: string;
  unit: string;
  confab: number;
  baseline: { name: string; value: number } | null;
  /** Whether less is better (latency, size) or more is (throughput). */
  lowerIsBetter: boolean;
  target?: string;
};

/** How far Confab is from its baseline: >1 means that many times the baseline's figure. */
export function ratio(result: Result): number | null {
  if (!result.baseline || result.baseline.value === 0) return null;
  return result.confab / result.baseline.value;
}

export function markdownTable(results: Result[]): string {
  const rows = results.map((r) => {
    const x = ratio(r);
    return `| ${r.scenario} | ${r.metric} | ${fmt(r.confab)} ${r.unit} | ${r.baseline ? `${fmt(r.baseline.value)} ${r.unit} (${r.baseline.name})` : "–"} | ${x === null ? "–" : `${x.toFixed(2)}×`} | ${r.target ?? ""} |`;
  });
  return ["| scenario | metric | Confab | baseline | ratio | target |", "|---|---|---|---|---|---|", ...rows].join("\n");
}

function fmt(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return value >= 100 ? value.toFixed(0) : value.toFixed(2);
}
