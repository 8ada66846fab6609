/**
 * A page's skeleton for a bug report: tag names, ids and classes, indented by depth; no text, no
 * attributes, no URLs or query strings, so it carries nothing the user typed or anyone's name.
 * Long digit runs (item and user ids) become `0`; runs of siblings with the same shape are written
 * once with their count. Bounded in nodes, depth and characters, and walked without recursion.
 */

export interface SkeletonOptions {
  maxNodes?: number;
  maxDepth?: number;
  maxChars?: number;
}

const SKIPPED_TAGS = new Set(['script', 'style', 'noscript', 'svg', 'template', 'link', 'meta']);

/** One element as `tag#id.class.class`, without personal data. */
export function elementSignature(element: Element): string {
  const tag = element.tagName.toLowerCase();
  const id = element.id ? `#${scrub(element.id)}` : '';
  const classes = [...element.classList].slice(0, 8).map((name) => `.${scrub(name)}`).join('');
  return `${tag}${id}${classes}`;
}

function scrub(name: string): string {
  return name.slice(0, 60).replace(/\d{4,}/g, '0').replace(/[^\w\-–]/g, '_');
}

export function pageSkeleton(root: Element, { maxNodes = 1500, maxDepth = 40, maxChars = 60_000 }: SkeletonOptions = {}): string {
  const lines: string[] = [];
  let chars = 0;
  let nodes = 0;
  // Iterative walk: a page 10,000 levels deep must not overflow the stack.
  const stack: Array<{ element: Element; depth: number; repeat: number }> = [{ element: root, depth: 0, repeat: 1 }];
  while (stack.length) {
    const { element, depth, repeat } = stack.pop()!;
    const line = `${'  '.repeat(depth)}${elementSignature(element)}${repeat > 1 ? ` ×${repeat}` : ''}`;
    if (chars + line.length + 1 > maxChars || nodes >= maxNodes) {
      lines.push('…');
      break;
    }
    lines.push(line);
    chars += line.length + 1;
    nodes++;
    if (depth >= maxDepth) continue;
    // Children grouped by consecutive equal signatures, pushed in reverse so they pop in order.
    const groups: Array<{ element: Element; repeat: number; signature: string }> = [];
    for (const child of element.children) {
      if (SKIPPED_TAGS.has(child.tagName.toLowerCase())) continue;
      const signature = elementSignature(child);
      const last = groups[groups.length - 1];
      if (last && last.signature === signature) last.repeat++;
      else groups.push({ element: child, repeat: 1, signature });
    }
    for (let i = groups.length - 1; i >= 0; i--) stack.push({ element: groups[i]!.element, depth: depth + 1, repeat: groups[i]!.repeat });
  }
  return lines.join('\n');
}
