import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { tickLabels, timeRange } from '../../lib/watch/chart-axis';

/**
 * The uPlot half of the seller's charts, loaded on demand so the watchlist renders before the
 * charting library has arrived. Series of different listings are joined on one time axis (a
 * listing not seen at a moment has a gap there, bridged by its line). Colours come from the
 * page's CSS variables, so light and dark both read well.
 */
export interface ChartSeries {
  label: string;
  /** [Unix seconds, value], any order. */
  points: Array<[number, number]>;
  /** A CSS colour or `var(--name)`. */
  colour: string;
  dash?: number[];
  /** Prices on the left axis, sales counts on the right. */
  scale: 'price' | 'sales';
  width?: number;
}

export interface ChartInput {
  series: ChartSeries[];
  width: number;
  height?: number;
  language: string;
  formatPrice: (value: number) => string;
  formatCount: (value: number) => string;
}

/** What was drawn, for the figure's data attributes (the e2e tests read them). */
export interface DrawnAxis {
  points: number;
  xMin: number;
  xMax: number;
  ticks: string[];
}

function resolveColour(target: Element, colour: string): string {
  const variable = /^var\((--[\w-]+)\)$/.exec(colour);
  if (!variable) return colour;
  return getComputedStyle(target).getPropertyValue(variable[1]!).trim() || '#888';
}

/** One x column for every series: each series' value at each time, null where it has none. */
export function joinSeries(series: readonly ChartSeries[]): [number[], ...Array<Array<number | null>>] {
  const xs = [...new Set(series.flatMap((s) => s.points.map(([x]) => x)))].sort((a, b) => a - b);
  const index = new Map(xs.map((x, i) => [x, i]));
  const columns = series.map((s) => {
    const column: Array<number | null> = new Array<number | null>(xs.length).fill(null);
    for (const [x, y] of s.points) column[index.get(x)!] = y;
    return column;
  });
  return [xs, ...columns];
}

export function drawChart(target: HTMLElement, input: ChartInput, onDrawn: (axis: DrawnAxis) => void): { destroy(): void } {
  const fg = resolveColour(target, 'var(--zc-fg)');
  const grid = resolveColour(target, 'var(--zc-border)');
  const data = joinSeries(input.series);
  const xs = data[0];
  const hasSales = input.series.some((s) => s.scale === 'sales');
  let ticks: string[] = [];
  const axis = { stroke: fg, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
  const options: uPlot.Options = {
    width: input.width,
    height: input.height ?? 240,
    scales: {
      x: { time: true, range: (_u, min, max) => (xs.length ? timeRange(min, max) : [0, 1]) },
      price: { auto: true },
      ...(hasSales ? { sales: { auto: true } } : {}),
    },
    // The legend names the series; the values are in the tables beside the chart.
    legend: { show: true, live: false },
    cursor: { focus: { prox: 16 } },
    series: [
      {},
      ...input.series.map((s) => {
        const colour = resolveColour(target, s.colour);
        return {
          label: s.label,
          scale: s.scale,
          stroke: colour,
          width: s.width ?? 2,
          spanGaps: true,
          ...(s.dash ? { dash: s.dash } : {}),
          points: { show: true, size: 7, fill: colour },
        };
      }),
    ],
    axes: [
      {
        ...axis,
        size: 48,
        values: (_u, splits, _axisIdx, _space, step) => {
          ticks = tickLabels(splits, step, input.language);
          return ticks;
        },
      },
      { ...axis, scale: 'price', size: 64, values: (_u, splits) => splits.map((value) => input.formatPrice(value)) },
      ...(hasSales ? [{ ...axis, scale: 'sales', side: 1, size: 56, grid: { show: false }, values: (_u: uPlot, splits: number[]) => splits.map((value) => input.formatCount(value)) }] : []),
    ],
    hooks: {
      draw: [
        (u) => onDrawn({ points: xs.length, xMin: u.scales.x!.min ?? 0, xMax: u.scales.x!.max ?? 0, ticks }),
      ],
    },
  };
  const chart = new uPlot(options, data as uPlot.AlignedData, target);
  keyboardLegend(chart);
  return chart;
}

/**
 * uPlot's legend hides or shows a series when its label is clicked, by mouse only: each label
 * becomes a toggle button that Tab reaches and Enter or Space presses, saying whether it is shown.
 */
function keyboardLegend(chart: uPlot): void {
  for (const row of chart.root.querySelectorAll<HTMLElement>('.u-legend .u-series')) {
    const label = row.querySelector<HTMLElement>('th');
    if (!label) continue;
    const sync = () => label.setAttribute('aria-pressed', String(!row.classList.contains('u-off')));
    label.tabIndex = 0;
    label.setAttribute('role', 'button');
    sync();
    label.addEventListener('click', () => queueMicrotask(sync));
    label.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter' && event.key !== ' ') return;
      event.preventDefault();
      label.click();
    });
  }
}
