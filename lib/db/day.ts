/**
 * The user's local calendar day for a timestamp, as `YYYY-MM-DD`. Its own module, so views that
 * need a date (the popup) do not load Dexie with it.
 */
export function dayOf(timestamp: number): string {
  const d = new Date(timestamp);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
