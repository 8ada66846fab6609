import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readingLine } from '../../../entrypoints/xiaohongshu.content/reading-view';
import '../../../lib/mentions/lexicon-bundled';
import { loadLexiconData } from '../../../lib/mentions/lexicon-data';
import { findPrices } from '../../../lib/mentions/prices';
import { loadCedictFile } from '../../../lib/translate/cedict-file';
import { createOfflineReader, type OfflineReader } from '../../../lib/translate/reading';

/** The reading line for keyboard and screen-reader users: one tab stop, arrows between words, the tip. */

let reader: OfflineReader;
beforeAll(async () => {
  await loadLexiconData();
  reader = createOfflineReader({ dictionary: loadCedictFile(), findPrices });
});
afterEach(() => document.body.replaceChildren());

function mount(text: string) {
  const line = readingLine(reader.line(text));
  document.body.append(line);
  const words = [...line.querySelectorAll<HTMLElement>('.zc-reading-word')];
  const tip = line.querySelector<HTMLElement>('[role="tooltip"]')!;
  const press = (key: string) => {
    const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
    document.activeElement!.dispatchEvent(event);
    return event;
  };
  return { line, words, tip, press };
}

describe('the reading line from the keyboard', () => {
  it('is one tab stop, and the focused word tells its pinyin in a tip the word is described by', () => {
    const { line, words, tip } = mount('面料软糯不起球');
    expect(words.length).toBeGreaterThan(2);
    expect(words.filter((word) => word.tabIndex === 0)).toEqual([words[0]]);
    expect(line.getAttribute('role')).toBe('group');
    expect(line.getAttribute('aria-label')).toBe('Word-by-word reading');
    expect(tip.hidden).toBe(true);

    words[0]!.focus();
    expect(tip.hidden).toBe(false);
    expect(tip.textContent).toBe(words[0]!.title);
    expect(tip.textContent).toMatch(/^面料 miàn liào — /);
    expect(words[0]!.getAttribute('aria-describedby')).toBe(tip.id);
  });

  it('moves between words with the arrow keys, Home and End, and keeps the page’s own keys out of it', () => {
    const { words, tip, press } = mount('面料软糯不起球');
    let pageSaw = 0;
    document.addEventListener('keydown', () => pageSaw++);
    words[0]!.focus();
    expect(press('ArrowRight').defaultPrevented).toBe(true);
    expect(document.activeElement).toBe(words[1]);
    expect(tip.textContent).toBe(words[1]!.title);
    expect(words[1]!.getAttribute('aria-describedby')).toBe(tip.id);
    expect(words[0]!.hasAttribute('aria-describedby')).toBe(false);
    // Still one tab stop: the word last focused.
    expect(words.filter((word) => word.tabIndex === 0)).toEqual([words[1]]);

    press('End');
    const last = words.at(-1)!;
    expect(document.activeElement).toBe(last);
    expect(last.dataset.zh).toBe('不起球');
    expect(tip.textContent).toMatch(/^不起球 .*— /);
    press('ArrowRight');
    expect(document.activeElement).toBe(last);
    press('Home');
    expect(document.activeElement).toBe(words[0]);
    press('ArrowLeft');
    expect(document.activeElement).toBe(words[0]);
    expect(pageSaw).toBe(0);
  });

  it('hides the tip on Escape, leaving the next Escape to the page, and shows it again on the next word', () => {
    const { words, tip, press } = mount('大家都说好吃');
    words[0]!.focus();
    expect(press('Escape').defaultPrevented).toBe(true);
    expect(tip.hidden).toBe(true);
    expect(words[0]!.hasAttribute('aria-describedby')).toBe(false);
    expect(press('Escape').defaultPrevented).toBe(false);
    press('ArrowRight');
    expect(tip.hidden).toBe(false);
    expect(tip.textContent).toBe(words[1]!.title);
  });

  it('gives every word its pinyin title, and a place a tap can focus, once the pointer comes to the line', () => {
    const { words, tip } = mount('面料软糯不起球');
    expect(words.map((word) => word.title)).toEqual(words.map(() => ''));
    words[2]!.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
    expect(words[0]!.title).toMatch(/^面料 miàn liào — /);
    expect(words.every((word) => /^\S+ .* — \S/.test(word.title))).toBe(true);
    expect(words.slice(1).every((word) => word.getAttribute('tabindex') === '-1')).toBe(true);
    words[2]!.focus();
    expect(tip.hidden).toBe(false);
    expect(tip.textContent).toBe(words[2]!.title);
  });

  it('hides the tip when focus leaves the line', () => {
    const { words, tip } = mount('面料软糯不起球');
    const outside = document.createElement('button');
    document.body.append(outside);
    words[0]!.focus();
    outside.focus();
    expect(tip.hidden).toBe(true);
  });
});
