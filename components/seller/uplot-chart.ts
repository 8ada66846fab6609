import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/**
 * The uPlot half of the price chart, loaded on demand so the watchlist renders before the charting
 * library has arrived. Colours come from the page's CSS variables, so light and dark both read well.
 */
export interface ChartInput {
  data: [number[], Array<number | null>, Array<number | null>];
  width: number;
  labels: { lowest: string; highest: string };
}

function cssVar(element: Element, name: string, fallback: string): string {
  return getComputedStyle(element).getPropertyValue(name).trim() || fallback;
}

export function drawChart(target: HTMLElement, { data, width, labels }: ChartInput): { destroy(): void } {
  const accent = cssVar(target, '--zc-accent', '#e0245e');
  const muted = cssVar(target, '--zc-muted', '#6b6b73');
  const fg = cssVar(target, '--zc-fg', '#1d1d1f');
  const grid = cssVar(target, '--zc-border', '#e3e3e8');
  const axis = { stroke: fg, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
  // The variant range is drawn only when some sighting showed one: an empty series would still sit in the legend.
  const showRange = data[2].some((value) => value !== null);
  const price = (_u: uPlot, value: number | null) => (value == null ? '—' : `¥${value}`);
  const options: uPlot.Options = {
    width,
    height: 220,
    scales: { x: { time: true } },
    legend: { show: true },
    cursor: { focus: { prox: 16 } },
    series: [
      {},
      { label: labels.lowest, stroke: accent, width: 2, points: { show: true, size: 8, fill: accent }, value: price },
      ...(showRange ? [{ label: labels.highest, stroke: muted, width: 1, dash: [4, 4], points: { show: true, size: 5 }, value: price }] : []),
    ],
    axes: [axis, { ...axis, values: (_u, ticks) => ticks.map((tick) => `¥${tick}`) }],
  };
  return new uPlot(options, showRange ? data : [data[0], data[1]], target);
}
