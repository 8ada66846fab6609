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
    const { container, signal, connector } = session;
    let marked: Mention[] = [];
    const card = createProductCard({
      async findOnTaobao(mention) {
        await connector.send('taobao:search', { query: mention.query ?? mention.text });
      },
      async landedCost(mention) {
        // The popup opens on this product (it reads `focus` and brings the product with this query first).
        await connector.send('ui:open-popup', { focus: mention.query ?? mention.text });
      },
    });

    // What is marked in the DOM now, per field: its text and ranges, and the spans that show them.
    const shown = new Map<string, { signature: string; spans: HTMLElement[] }>();
    session.onRead(() => {
      const { read, mentions } = session.current();
      const byField = new Map<string, Mention[]>();
      for (const mention of mentions) {
        if (!MARKED_KINDS.has(mention.kind) || mention.confidence < threshold) continue;
        const list = byField.get(mention.field);
        if (list) list.push(mention);
        else byField.set(mention.field, [mention]);
      }
      const wanted = new Map<string, string>();
      for (const [field, fieldMentions] of byField) {
        // Products before brands, longer before shorter: they win when ranges overlap.
        fieldMentions.sort((a, b) => Number(b.kind === 'product') - Number(a.kind === 'product') || b.end - b.start - (a.end - a.start));
        wanted.set(field, `${read.sources.get(field)?.text ?? ''}\u0000${fieldMentions.map((m) => `${m.kind}:${m.start}-${m.end}`).join()}`);
      }
      // Comments loading only add fields: the marks already shown stay as they are. Anything else
      // (a mark to move or drop, or the page re-rendered one away) starts over from clean text.
      let sources = read.sources;
      const stale = [...shown].some(([field, { signature, spans }]) => wanted.get(field) !== signature || !spans.every((span) => span.isConnected));
      if (stale) {
        unmarkAll(container);
        shown.clear();
        marked = [];
        sources = session.reread().sources;
      }
      for (const [field, fieldMentions] of byField) {
        const source = sources.get(field);
        if (!source || shown.has(field)) continue;
        const base = marked.length;
        const spans = markRanges(
          source,
          fieldMentions.map((mention, i) => ({
            start: mention.start,
            end: mention.end,
            attributes: { [MARK_ATTRIBUTE]: mention.kind, 'data-zc-index': String(base + i), tabindex: '0' },
          })),
        ).flat();
        marked.push(...fieldMentions);
        shown.set(field, { signature: wanted.get(field)!, spans });
      }
    });

    // The price written with this product (detection gives each product its own), never the note's first.
    const brandText = (mention: Mention) =>
      mention.brand ? session.current().mentions.find((m) => m.kind === 'brand' && m.brand === mention.brand)?.text : undefined;
    const showFor = (event: Event) => {
      // A page script dispatching mouseover or focus events must not open our card (nor reach its buttons).
      if (!event.isTrusted) return;
      const target = event.target;
      const mark = target instanceof Element ? target.closest(`[${MARK_ATTRIBUTE}]`) : null;
      const mention = mark ? marked[Number(mark.getAttribute('data-zc-index'))] : undefined;
      if (mark && mention) card.show(mark, mention, mention.kind === 'product' ? mention.priceCny : undefined, brandText(mention));
    };
    // Plain listeners with the note's signal: WXT's `ctx.addEventListener` replaces the `signal`
    // option with the context's own, so a listener added per note lived until the page closed (40
    // notes opened in-app left 41 document click and keydown listeners, and their notes' DOM).
    // The note's signal is aborted when the context is invalidated too (note.ts).
    container.addEventListener('mouseover', showFor, { signal });
    container.addEventListener('focusin', showFor, { signal });
    document.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') card.hide();
    }, { signal });
    document.addEventListener('click', (event) => {
      const target = event.composedPath()[0] as Node | undefined;
      if (!card.contains(target ?? null) && !(target instanceof Element && target.closest(`[${MARK_ATTRIBUTE}]`))) card.hide();
    }, { signal });
    signal.addEventListener('abort', () => {
      card.remove();
      unmarkAll(container);
    }, { once: true });
  };
}
