import type { Mention } from '../../lib/messaging/schemas';
import { MARK_ATTRIBUTE, markRanges, unmarkAll } from '../../lib/dom/marks';
import { createProductCard } from './card';
import type { NoteFeature } from './note';

const MARKED_KINDS = new Set<Mention['kind']>(['product', 'brand']);

/**
 * Marks confident product and brand mentions in the title, caption, tags and comments, and shows
 * the product card on hover or keyboard focus. Everything it adds goes when the note closes.
 */
export function marksFeature(threshold: number): NoteFeature {
  return (session) => {
    const { container, signal, connector, ctx } = session;
    let marked: Mention[] = [];
    const card = createProductCard({
      async findOnTaobao(mention) {
        await connector.send('taobao:search', { query: mention.query ?? mention.text });
      },
      async landedCost(mention) {
        await connector.send('ui:open-popup', { focus: mention.query ?? mention.text });
      },
    });

    session.onRead(() => {
      const { read, mentions } = session.current();
      const byField = new Map<string, Mention[]>();
      for (const mention of mentions) {
        if (!MARKED_KINDS.has(mention.kind) || mention.confidence < threshold) continue;
        byField.set(mention.field, [...(byField.get(mention.field) ?? []), mention]);
      }
      marked = [];
      for (const [field, fieldMentions] of byField) {
        const source = read.sources.get(field);
        if (!source) continue;
        // Products before brands, longer before shorter: they win when ranges overlap.
        fieldMentions.sort((a, b) => Number(b.kind === 'product') - Number(a.kind === 'product') || b.end - b.start - (a.end - a.start));
        const base = marked.length;
        markRanges(
          source,
          fieldMentions.map((mention, i) => ({
            start: mention.start,
            end: mention.end,
            attributes: { [MARK_ATTRIBUTE]: mention.kind, 'data-zc-index': String(base + i), tabindex: '0' },
          })),
        );
        marked.push(...fieldMentions);
      }
    });

    const quotedPrice = () => session.current().mentions.find((m) => m.kind === 'price' && m.priceCny !== undefined)?.priceCny;
    const showFor = (target: EventTarget | null) => {
      const mark = target instanceof Element ? target.closest(`[${MARK_ATTRIBUTE}]`) : null;
      const mention = mark ? marked[Number(mark.getAttribute('data-zc-index'))] : undefined;
      if (mark && mention) card.show(mark, mention, quotedPrice());
    };
    ctx.addEventListener(container, 'mouseover', (event) => showFor(event.target), { signal });
    ctx.addEventListener(container, 'focusin', (event) => showFor(event.target), { signal });
    ctx.addEventListener(document, 'keydown', (event) => {
      if (event.key === 'Escape') card.hide();
    }, { signal });
    ctx.addEventListener(document, 'click', (event) => {
      const target = event.composedPath()[0] as Node | undefined;
      if (!card.contains(target ?? null) && !(target instanceof Element && target.closest(`[${MARK_ATTRIBUTE}]`))) card.hide();
    }, { signal });
    signal.addEventListener('abort', () => {
      card.remove();
      unmarkAll(container);
    }, { once: true });
  };
}
