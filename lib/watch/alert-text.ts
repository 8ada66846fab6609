import { defineStrings, translator, type UiLanguage } from '../i18n';
import { formatMoney } from '../popup/format';
import type { Alert } from './prefs';

/** How an alert reads, on the seller page and in the browser's notification. Plain text. */
export const alertStrings = defineStrings({
  en: {
    'price-down': 'Price down from {from} to {to}',
    'price-up': 'Price up from {from} to {to}',
    target: 'Reached your target {target}: now {to}',
    title: 'Title changed (was “{from}”)',
    'sales-jump': 'Sales jumped from {fromSales} to {toSales}',
    'sold-out': 'Sold out',
    delisted: 'Taken down: the listing is gone',
    'back-in-stock': 'Back in stock (was sold out)',
    relisted: 'On sale again (was taken down)',
    notificationTitle: 'Zhongcao · watched listing',
  },
  'zh-CN': {
    'price-down': '价格从 {from} 降到 {to}',
    'price-up': '价格从 {from} 涨到 {to}',
    target: '已达到目标价 {target}：现价 {to}',
    title: '标题已更改（原为“{from}”）',
    'sales-jump': '销量从 {fromSales} 跃升到 {toSales}',
    'sold-out': '已售罄',
    delisted: '已下架：商品已不存在',
    'back-in-stock': '恢复有货（之前已售罄）',
    relisted: '重新上架（之前已下架）',
    notificationTitle: '种草 · 关注的商品',
  },
});

export function describeAlert(alert: Alert, language: UiLanguage): string {
  const t = translator(alertStrings, language);
  const money = (value: number | undefined) => (value === undefined ? '—' : formatMoney(value, 'CNY', language));
  const count = (value: number | undefined) => (value === undefined ? '—' : value.toLocaleString(language));
  if (alert.kind === 'sold-out') return t(alert.availability === 'delisted' ? 'delisted' : 'sold-out');
  if (alert.kind === 'back-in-stock') return t(alert.availability === 'delisted' ? 'relisted' : 'back-in-stock');
  return t(alert.kind, {
    from: alert.kind === 'title' ? (alert.fromTitle ?? '').slice(0, 80) : money(alert.fromCny),
    to: money(alert.toCny),
    target: money(alert.targetCny),
    fromSales: count(alert.fromSales),
    toSales: count(alert.toSales),
  });
}

export function notificationTitle(language: UiLanguage): string {
  return translator(alertStrings, language)('notificationTitle');
}
