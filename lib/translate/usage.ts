import { storage } from 'wxt/utils/storage';

/** Characters sent to remote providers on one local day, kept across restarts (per-day budget, Options). */
export interface DailyUsage {
  day: string;
  chars: number;
  requests: number;
}

export interface UsageStore {
  get(): Promise<DailyUsage | null>;
  set(usage: DailyUsage): Promise<void>;
}

const usageItem = storage.defineItem<DailyUsage | null>('local:translationUsage', { fallback: null });
export const STORED_USAGE: UsageStore = { get: () => usageItem.getValue(), set: (usage) => usageItem.setValue(usage) };

/** The local calendar day, `YYYY-MM-DD`: "per day" as the user counts days. */
export function localDay(time: number): string {
  const date = new Date(time);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}
