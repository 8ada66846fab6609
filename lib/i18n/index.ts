import type { Settings } from '../settings/schema';

/**
 * UI strings in English and Simplified Chinese. Each screen keeps its own table next to its
 * components (`defineStrings({...})`), so adding a string never touches another screen's file.
 */
export type UiLanguage = Settings['uiLanguage'];

export type StringTable<K extends string> = Record<UiLanguage, Record<K, string>>;

export function defineStrings<K extends string>(table: StringTable<K>): StringTable<K> {
  return table;
}

/**
 * A translator for one table and language. `{name}` placeholders are replaced from `values`;
 * the result is plain text for text nodes, never HTML.
 */
export function translator<K extends string>(table: StringTable<K>, language: UiLanguage) {
  const strings = table[language] ?? table.en;
  return (key: K, values?: Record<string, string | number>): string => {
    const template = strings[key] ?? table.en[key] ?? key;
    return values ? template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole)) : template;
  };
}
