// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { detectMentions } from '../../../lib/mentions/detect';
import { findPrices } from '../../../lib/mentions/prices';
import { groupProducts } from '../../../lib/popup/products';
import '../../../lib/mentions/lexicon-bundled';

/** Each product or brand the note names, with the price it holds ('—' for none), as a reader would list them. */
function pricesByProduct(text: string): Record<string, number | '—'> {
  const owned: Record<string, number | '—'> = {};
  for (const mention of detectMentions({ desc: text })) {
    if (mention.kind !== 'product' && mention.kind !== 'brand') continue;
    owned[mention.text] = mention.priceCny ?? '—';
  }
  return owned;
}

describe('a price belongs to the product written with it', () => {
  it.each([
    // The note's one price is the hoodie's: the hat and Uniqlo, in another clause, have none.
    ['这件卫衣¥68.29，帽子是优衣库的', { 卫衣: 68.29, 帽子: '—', 优衣库: '—' }],
    // Same clause, nearest: each product its own price.
    ['裤子89元 卫衣129元', { 裤子: 89, 卫衣: 129 }],
    ['优衣库的卫衣才79包邮，裤子也不错', { 优衣库: '—', 卫衣: 79, 裤子: '—' }],
    // A price before its product.
    ['¥39.9的果汁笔，本子没买', { 果汁笔: 39.9, 本子: '—' }],
    // A clause with a product and no price, then one with both.
    ['口红颜色很正。粉底液才299', { 口红: '—', 粉底液: 299 }],
    // A brand on its own holds the price written with it.
    ['优衣库99元，质量一般', { 优衣库: 99 }],
    // A price alone in its clause speaks for the nearest product of its sentence.
    ['这支口红显白不拔干，某宝129元，闭眼入！', { 口红: 129 }],
    ['口红很显白，129元。粉底液一般', { 口红: 129, 粉底液: '—' }],
  ] as const)('%s', (text, expected) => {
    expect(pricesByProduct(text)).toEqual(expected);
  });

  it('a product with no price in its clause shows none in the popup', () => {
    const products = groupProducts(detectMentions({ desc: '这件卫衣¥68.29，帽子是优衣库的' }), 0);
    expect(Object.fromEntries(products.map((product) => [product.query, product.priceCny ?? null]))).toEqual({ 卫衣: 68.29, 帽子: null, 优衣库: null });
  });
});

describe('prices after 才, 仅, 只要, 到手 and 券后', () => {
  it.each([
    ['才79包邮', '79', 79],
    ['才39.9', '39.9', 39.9],
    ['才299', '299', 299],
    ['只要59一件', '59', 59],
    ['仅19.9！', '19.9', 19.9],
    ['到手才129', '到手才129', 129],
    ['券后39.9', '券后39.9', 39.9],
    ['才99元', '99元', 99],
  ])('%s reads %s as ¥%f', (text, priceText, amount) => {
    expect(findPrices(text).map((price) => [price.text, price.amount])).toEqual([[priceText, amount]]);
  });

  it.each(['才3天就坏了', '只要2次', '仅5个人', '才1.5米'])('%s has no price', (text) => {
    expect(findPrices(text)).toEqual([]);
  });
});

describe('whole product words', () => {
  it.each([
    ['百乐果汁笔真的好写', '果汁笔', 'Pilot gel pen'],
    ['兰蔻粉水用完了', '粉水', 'Lancôme toner'],
  ])('%s names %s (%s)', (text, word, english) => {
    const products = detectMentions({ desc: text }).filter((mention) => mention.kind === 'product');
    expect(products.map((mention) => [mention.text, mention.en])).toEqual([[word, english]]);
  });

  it('marks no one-character product word, even after a brand', () => {
    const marked = detectMentions({ desc: '兰蔻粉好用，在淘宝买的' }).filter((mention) => mention.kind === 'product' && mention.confidence >= 0.5);
    expect(marked.map((mention) => mention.text)).toEqual([]);
  });
});
