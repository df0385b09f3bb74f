/** The p-th percentile (0..100) of some samples, by nearest rank. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

/** A baseline's figure, measured in the same run on the same machine. */
export type Baseline = { name: string; value: number };

/** A figure beside its baselines: what the report prints, one row each. */
export type Result = {
  scenario: string;
  metric: string;
  unit: string;
  confab: number;
  /** The first is the main comparison (the ceiling, usually); empty when there is none. */
  baselines: Baseline[];
  /** Whether less is better (latency, size) or more is (throughput). */
  lowerIsBetter: boolean;
  target?: string;
};

/** How far Confab is from a baseline: >1 means that many times the baseline's figure. */
export function ratio(result: Result, baseline: Baseline | undefined = result.baselines[0]): number | null {
  if (!baseline || baseline.value === 0) return null;
  return result.confab / baseline.value;
}

export function markdownTable(results: Result[]): string {
  const rows = results.map((r) => {
    const baselines = r.baselines.map((b) => `${fmt(b.value)} ${r.unit} (${b.name})`).join("; ");
    const ratios = r.baselines.map((b) => ratio(r, b)).map((x) => (x === null ? "–" : `${x.toFixed(2)}×`));
    return `| ${r.scenario} | ${r.metric} | ${fmt(r.confab)} ${r.unit} | ${baselines || "–"} | ${ratios.join("; ") || "–"} | ${r.target ?? ""} |`;
  });
  return ["| scenario | metric | Confab | baselines (same run) | Confab ÷ baseline | target |", "|---|---|---|---|---|---|", ...rows].join(
    "\n",
  );
}

function fmt(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return value.toLocaleString("en-US");
  if (value >= 10_000) return Math.round(value).toLocaleString("en-US");
  return value >= 100 ? value.toFixed(0) : value.toFixed(2);
}

/**
 * Latencies of many samples, kept as counts in log-spaced buckets (1% wide, 1 µs to ~100 s) so
 * load generators in several processes can merge theirs: percentiles are exact to 1%.
 */
export class Histogram {
  private static readonly GROWTH = 1.01;
  private static readonly FLOOR_MS = 0.001;
  readonly counts = new Map<number, number>();
  count = 0;

  add(ms: number): void {
    const bucket = ms <= Histogram.FLOOR_MS ? 0 : Math.ceil(Math.log(ms / Histogram.FLOOR_MS) / Math.log(Histogram.GROWTH));
    this.counts.set(bucket, (this.counts.get(bucket) ?? 0) + 1);
    this.count++;
  }

  /** Adds another histogram's counts (a load generator's report). */
  merge(other: { counts: Iterable<[number, number]> }): void {
    for (const [bucket, n] of other.counts) {
      this.counts.set(bucket, (this.counts.get(bucket) ?? 0) + n);
      this.count += n;
    }
  }

  /** The p-th percentile (0..100) by nearest rank: the upper bound of its bucket. */
  percentile(p: number): number {
    if (this.count === 0) return Number.NaN;
    const rank = Math.min(this.count, Math.max(1, Math.ceil((p / 100) * this.count)));
    let seen = 0;
    for (const bucket of [...this.counts.keys()].sort((a, b) => a - b)) {
      seen += this.counts.get(bucket) as number;
      if (seen >= rank) return Histogram.FLOOR_MS * Histogram.GROWTH ** bucket;
    }
    return Number.NaN;
  }

  /** Its counts as plain pairs, for IPC. */
  toJSON(): { counts: [number, number][] } {
    return { counts: [...this.counts] };
  }
}
