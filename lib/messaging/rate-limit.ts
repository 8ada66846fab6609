import type { MessageType } from './protocol';
import type { HandlerContext, Handlers } from './router';

/**
 * Limits on the messages that open a tab or a window or write the watchlist. Our buttons in pages
 * act only on trusted events, but a content script's messages are still the page's word for what
 * the user did: a page that found a way to press them (or a bug that loops) must not open twenty
 * tabs or fill the watchlist. The limits are far above what a person clicks and far below a flood.
 *
 * Counts live in the service worker's memory: a worker stopped while idle forgets them, which only
 * ever happens after a quiet spell, when a fresh allowance is what a person would get anyway.
 */

export interface RateRule {
  /** How many requests a sender may make… */
  max: number;
  /** …in any window of this many milliseconds. */
  windowMs: number;
}

export const OPENING_LIMITS = {
  // A person searches a few products of a note; a page script would open one tab per mark.
  'taobao:search': { max: 4, windowMs: 20_000 },
  // The product card's "Landed cost" opens a window: one at a time is all anyone needs.
  'ui:open-popup': { max: 2, windowMs: 20_000 },
  // The watch button, the popup's and the seller page's toggles.
  'watch:toggle': { max: 10, windowMs: 20_000 },
} satisfies Partial<Record<MessageType, RateRule>>;

/**
 * Our own pages (popup, side panel, seller page) are not a page's word for what the user did; their
 * allowance is larger, and still stops a bug that loops.
 */
export const EXTENSION_FACTOR = 5;

export class RateLimitError extends Error {
  constructor(readonly type: MessageType) {
    super('Too many requests at once: wait a few seconds and try again.');
    this.name = 'RateLimitError';
  }
}

/** Who is counted: each tab's content script apart, and our own pages together. */
export function senderKey(context: Pick<HandlerContext, 'kind' | 'tabId'>): string {
  return context.kind === 'extension' ? 'extension' : `${context.kind}:${context.tabId ?? 'none'}`;
}

export function createRateLimiter(rules: Partial<Record<MessageType, RateRule>>, now: () => number = Date.now) {
  const hits = new Map<string, number[]>();
  return {
    /**
     * True and counted when the sender may go on; false (and not counted) when over the limit.
     * `factor` multiplies the allowance (our own pages get more: nothing on them is a page's word).
     */
    take(type: MessageType, key: string, factor = 1): boolean {
      const rule = rules[type];
      if (!rule) return true;
      const at = now();
      const id = `${type}\u0000${key}`;
      const recent = (hits.get(id) ?? []).filter((time) => at - time < rule.windowMs);
      if (recent.length >= rule.max * factor) {
        hits.set(id, recent);
        return false;
      }
      recent.push(at);
      hits.set(id, recent);
      return true;
    },
  };
}

/** The handlers with each limited message refused (before it runs) once its sender is over the limit. */
export function withRateLimits(handlers: Handlers, rules: Partial<Record<MessageType, RateRule>> = OPENING_LIMITS, now?: () => number): Handlers {
  const limiter = createRateLimiter(rules, now);
  const limited: Record<string, unknown> = { ...handlers };
  for (const type of Object.keys(rules) as MessageType[]) {
    const handler = handlers[type] as ((payload: unknown, context: HandlerContext) => unknown) | undefined;
    if (!handler) continue;
    limited[type] = (payload: unknown, context: HandlerContext) => {
      if (!limiter.take(type, senderKey(context), context.kind === 'extension' ? EXTENSION_FACTOR : 1)) throw new RateLimitError(type);
      return handler(payload, context);
    };
  }
  return limited as Handlers;
}
