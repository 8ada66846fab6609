import { useEffect, useRef, useState } from 'preact/hooks';
import type { UiLanguage } from '../../lib/i18n';
import type { ChartSeries, DrawnAxis } from './uplot-chart';
import { formatCount, formatPrice } from './format';

/**
 * A chart of one or more series on a time axis. The canvas is for the eye; the tables next to it
 * carry the same numbers for screen readers and keyboards. The figure's data attributes say what
 * was drawn (points, the axis range in Unix seconds, the tick labels): the e2e tests read them.
 */
export function HistoryChart({ series, label, language, testId }: { series: ChartSeries[]; label: string; language: UiLanguage; testId?: string }) {
  const target = useRef<HTMLDivElement>(null);
  const [drawn, setDrawn] = useState<DrawnAxis | null>(null);
  const key = JSON.stringify(series);

  useEffect(() => {
    const element = target.current;
    if (!element) return;
    let chart: { destroy(): void } | undefined;
    let cancelled = false;
    const draw = async () => {
      const { drawChart } = await import('./uplot-chart');
      if (cancelled) return;
      chart?.destroy();
      chart = drawChart(
        element,
        {
          series,
          width: Math.max(240, element.clientWidth),
          language,
          formatPrice: (value) => formatPrice(value, language),
          formatCount: (value) => formatCount(value, language),
        },
        (axis) => {
          if (!cancelled) setDrawn((previous) => (JSON.stringify(previous) === JSON.stringify(axis) ? previous : axis));
        },
      );
    };
    void draw();
    // Redraw for the new size or colour scheme.
    const scheme = matchMedia('(prefers-color-scheme: dark)');
    const redraw = () => void draw();
    scheme.addEventListener('change', redraw);
    let lastWidth = element.clientWidth;
    const resize = new ResizeObserver(() => {
      if (Math.abs(element.clientWidth - lastWidth) < 8) return;
      lastWidth = element.clientWidth;
      redraw();
    });
    resize.observe(element);
    return () => {
      cancelled = true;
      scheme.removeEventListener('change', redraw);
      resize.disconnect();
      chart?.destroy();
    };
    // `key` stands for `series`: redraw when the numbers change, not on every render.
  }, [key, language]);

  return (
    <figure
      class="zc-chart"
      role="img"
      aria-label={label}
      data-testid={testId}
      data-points={drawn?.points ?? 0}
      data-series={series.length}
      data-x-min={drawn ? Math.round(drawn.xMin) : undefined}
      data-x-max={drawn ? Math.round(drawn.xMax) : undefined}
      data-ticks={drawn ? drawn.ticks.join('|') : undefined}
    >
      <div ref={target} />
    </figure>
  );
}
