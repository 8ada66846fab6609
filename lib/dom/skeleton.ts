/**
 * The page as a bug report needs it: tag names, ids and classes, indented by depth, and nothing
 * else — no text, no other attributes, no URLs (so no query strings, tokens or user names). Runs in
 * the page through `scripting.executeScript`, so it is one self-contained function. A loop with a
 * stack, not recursion (pages nest deep), capped in elements and depth; a run of siblings with the
 * same tag, id and classes is written once with its count.
 */
export function pageSkeleton(maxElements = 4000, maxDepth = 40): string {
  const lines: string[] = [`path: ${location.hostname}${location.pathname}`];
  const describe = (el: Element) => {
    // Long digit runs are item and user ids: not layout, and not ours to report.
    const scrub = (name: string) => name.replace(/\d{4,}/g, '0');
    const id = el.id ? (/^[\w-]{1,80}$/.test(el.id) ? `#${scrub(el.id)}` : '#…') : '';
    const classes = [...el.classList].filter((c) => /^[\w-]{1,80}$/.test(c)).slice(0, 12).map((c) => `.${scrub(c)}`).join('');
    return `${el.tagName.toLowerCase()}${id}${classes}`;
  };
  type Item = { el: Element; depth: number; repeat: number } | { note: string; depth: number };
  const stack: Item[] = [{ el: document.body ?? document.documentElement, depth: 0, repeat: 1 }];
  let count = 0;
  while (stack.length > 0 && count < maxElements) {
    const item = stack.pop()!;
    const indent = '  '.repeat(item.depth);
    if ('note' in item) {
      lines.push(`${indent}${item.note}`);
      continue;
    }
    const { el, depth, repeat } = item;
    count++;
    // Our own insertions are not the page's layout.
    if (el.hasAttribute('data-zc-ui') || el.hasAttribute('data-zc-translation')) continue;
    lines.push(`${indent}${describe(el)}${repeat > 1 ? `  ×${repeat}` : ''}`);
    if (/^(script|style|svg|noscript|template)$/i.test(el.tagName)) continue;
    if (depth >= maxDepth) {
      if (el.firstElementChild) stack.push({ note: '…', depth: depth + 1 });
      continue;
    }
    const folded: Array<{ el: Element; depth: number; repeat: number }> = [];
    for (const child of el.children) {
      const last = folded[folded.length - 1];
      if (last && describe(last.el) === describe(child)) last.repeat++;
      else folded.push({ el: child, depth: depth + 1, repeat: 1 });
    }
    // Reversed onto the stack, so they come off in page order.
    for (let i = folded.length - 1; i >= 0; i--) stack.push(folded[i]!);
  }
  if (stack.length > 0) lines.push(`… more elements not listed (limit ${maxElements})`);
  return lines.join('\n');
}
