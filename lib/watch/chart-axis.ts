/**
 * The chart's time axis: a range that reads right for one sighting, for a day and for years, and
 * tick labels in the page's language. uPlot left to itself pads a single point into a window of
 * years and labels sightings a second apart in milliseconds. Times here are Unix seconds (uPlot's).
 */

const HOUR = 3600;
const DAY = 24 * HOUR;
/** The narrowest window drawn: sightings minutes apart still sit on an axis of hours and minutes. */
export const MIN_SPAN = 2 * HOUR;

/** The x range to draw for sightings from `min` to `max`: at least MIN_SPAN, centred, with a margin. */
export function timeRange(min: number, max: number): [number, number] {
  const span = max - min;
  if (span < MIN_SPAN) {
    const middle = (min + max) / 2;
    return [middle - MIN_SPAN / 2, middle + MIN_SPAN / 2];
  }
  const margin = span * 0.04;
  return [min - margin, max + margin];
}

export type TickUnit = 'minute' | 'day' | 'month';

/** What a tick shows, from the distance between ticks: times of day, days, or months. */
export function tickUnit(step: number): TickUnit {
  if (step < DAY) return 'minute';
  if (step < 28 * DAY) return 'day';
  return 'month';
}

const formats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(language: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${language}|${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) formats.set(key, (format = new Intl.DateTimeFormat(language, options)));
  return format;
}

/**
 * Labels for ticks `step` seconds apart: `14:30` (with the date on the first tick and where the
 * day changes), `11 Jun` / `6月11日`, `Jun 2025` / `2025年6月`.
 */
export function tickLabels(ticks: readonly number[], step: number, language: string): string[] {
  const unit = tickUnit(step);
  const time = dateFormat(language, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const day = dateFormat(language, { month: 'short', day: 'numeric' });
  const month = dateFormat(language, { year: 'numeric', month: 'short' });
  let lastDay = '';
  return ticks.map((tick) => {
    const date = new Date(tick * 1000);
    if (unit === 'month') return month.format(date);
    if (unit === 'day') return day.format(date);
    const dayText = day.format(date);
    const label = dayText === lastDay ? time.format(date) : `${time.format(date)}\n${dayText}`;
    lastDay = dayText;
    return label;
  });
}
