/** One figure of the benchmark: its value, unit and (where set) the budget it must meet. */
export interface BenchRow {
  group: string;
  name: string;
  value: number;
  unit: string;
  budget?: number;
  /** Defaults to true: the value must be ≤ budget. False: it must be ≥ budget (throughput). */
  lowerIsBetter?: boolean;
}

export function withinBudget(row: BenchRow): boolean {
  if (row.budget === undefined) return true;
  return row.lowerIsBetter === false ? row.value >= row.budget : row.value <= row.budget;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
