import { useEffect, useRef, useState } from 'preact/hooks';
import type { Snapshot } from '../../lib/db/index';
import { priceSeries } from '../../lib/watch/history';
import type { SellerT } from './strings';

/**
 * The price-history chart of one listing. The canvas is for the eye; the history table next to it
 * carries the same numbers for screen readers and keyboards. `data-points` says how many sightings
 * are drawn (the e2e test reads it).
 */
export function PriceChart({ snapshots, t }: { snapshots: readonly Snapshot[]; t: SellerT }) {
  const target = useRef<HTMLDivElement>(null);
  const [drawn, setDrawn] = useState(0);
  const data = priceSeries(snapshots);
  const key = JSON.stringify(data);

  useEffect(() => {
    const element = target.current;
    if (!element) return;
    let chart: { destroy(): void } | undefined;
    let cancelled = false;
    const draw = async () => {
      const { drawChart } = await import('./uplot-chart');
      if (cancelled) return;
      chart?.destroy();
      chart = drawChart(element, {
        data,
        width: Math.max(240, element.clientWidth),
        labels: { lowest: t('lowest'), highest: t('highest') },
      });
      setDrawn(data[0].length);
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
    // `key` stands for `data`: redraw when the numbers change, not on every render.
  }, [key, t]);

  return (
    <figure class="zc-chart" role="img" aria-label={t('chartLabel', { count: data[0].length })} data-points={drawn}>
      <div ref={target} />
    </figure>
  );
}
