import type { NoteProduct } from './products';

/**
 * Puts the product the user pointed at first (the hover card sends its query, or the words of the
 * mark when it has none), marked `focused`; the others keep their order. Without a match nothing moves.
 */
export function focusFirst(products: NoteProduct[], focus: string | undefined): Array<NoteProduct & { focused?: boolean }> {
  const wanted = focus?.trim();
  if (!wanted) return products;
  const index = products.findIndex((product) => product.query === wanted || product.text === wanted);
  if (index < 0) return products;
  const chosen = products[index]!;
  return [{ ...chosen, focused: true }, ...products.slice(0, index), ...products.slice(index + 1)];
}
