import { decodeReading, layoutReading, readingHint, type ReadingToken } from '../../lib/translate/reading-line';

/**
 * The glossary provider's line under an original: the offline word-by-word reading, labelled as
 * such, one element per word with its pinyin and senses on hover (as a title: text, never HTML).
 * A line that is not a reading (an older format, a stand-in) is shown as plain text.
 *
 * The titles are written when the pointer or the focus first comes to the line: a note shows a few
 * hundred words, most never hovered, and writing them all as the note opened was about a tenth of
 * our time on it (0.5 of 5 ms for a note opened from the feed, alternating runs).
 *
 * For the keyboard the line is one tab stop (a roving tabindex: the note's tab order does not grow
 * by a stop per word); the arrow keys, Home and End move between its words, and the focused word's
 * pinyin and senses show in a tip under the line, which the word names with aria-describedby so a
 * screen reader says it too. Escape hides the tip; moving to another word shows it again.
 */
export function readingLine(gloss: string): HTMLElement {
  const element = document.createElement('span');
  element.className = 'zc-translation-gloss';
  element.lang = 'en';
  const reading = decodeReading(gloss);
  if (!reading) {
    element.textContent = gloss;
    return element;
  }
  element.dataset.zcReading = '';
  element.setAttribute('role', 'group');
  element.setAttribute('aria-label', reading.label);
  const label = document.createElement('span');
  label.className = 'zc-reading-label';
  label.lang = /\p{Script=Han}/u.test(reading.label) ? 'zh-CN' : 'en';
  label.textContent = reading.label;
  label.title = reading.hint;
  const children: Array<Node | string> = [label, ' '];
  const words: HTMLElement[] = [];
  for (const { before, token } of layoutReading(reading.tokens)) {
    if (before) children.push(before);
    if (!isWord(token)) {
      children.push(token.en);
      continue;
    }
    const word = document.createElement('span');
    word.className = 'zc-reading-word';
    word.textContent = token.en;
    word.setAttribute('data-zh', token.text);
    words.push(word);
    children.push(word);
  }
  if (words.length > 0) {
    // The line's one tab stop; the other words join the roving tabindex when the line is first used.
    words[0]!.tabIndex = 0;
    // The tokens are decoded again from the line when needed, rather than kept for every line shown.
    children.push(keyboardTip(element, words, () => layoutReading(decodeReading(gloss)!.tokens).map((piece) => piece.token).filter(isWord)));
  }
  element.replaceChildren(...children);
  return element;
}

/** Punctuation, line breaks and what the reading could not read stand as text, not as words. */
function isWord(token: ReadingToken): boolean {
  return token.kind !== 'punctuation' && token.kind !== 'break' && token.kind !== 'other';
}

let tips = 0;

/** The words' titles, the tip the focused word shows, and the keys that move between words. */
function keyboardTip(line: HTMLElement, words: HTMLElement[], wordTokens: () => ReadingToken[]): HTMLElement {
  // Each word's title, and a place in the roving tabindex (so a click or a tap focuses it and the
  // tip shows): written before the browser's tooltip delay has passed on the word the pointer came
  // in on, and before a tap's focus.
  let prepared = false;
  const prepareWords = () => {
    if (prepared) return;
    prepared = true;
    const tokens = wordTokens();
    words.forEach((word, index) => {
      word.title = readingHint(tokens[index]!);
      if (index > 0) word.tabIndex = -1;
    });
  };
  line.addEventListener('mouseover', prepareWords);
  const tip = document.createElement('span');
  tip.className = 'zc-reading-tip';
  tip.id = `zc-reading-tip-${++tips}`;
  tip.setAttribute('role', 'tooltip');
  tip.hidden = true;
  const show = (word: HTMLElement) => {
    for (const other of words) {
      other.tabIndex = other === word ? 0 : -1;
      if (other !== word) other.removeAttribute('aria-describedby');
    }
    // Pinyin with tone marks and the senses: Latin script, with the Chinese word at its head.
    tip.textContent = word.title;
    tip.hidden = false;
    word.setAttribute('aria-describedby', tip.id);
  };
  const hide = () => {
    tip.hidden = true;
    for (const word of words) word.removeAttribute('aria-describedby');
  };
  line.addEventListener('focusin', (event) => {
    prepareWords();
    const word = words.indexOf(event.target as HTMLElement);
    if (word >= 0) show(words[word]!);
  });
  line.addEventListener('focusout', (event) => {
    if (!line.contains(event.relatedTarget as Node | null)) hide();
  });
  line.addEventListener('keydown', (event) => {
    const at = words.indexOf(event.target as HTMLElement);
    if (at < 0) return;
    const next = { ArrowRight: at + 1, ArrowDown: at + 1, ArrowLeft: at - 1, ArrowUp: at - 1, Home: 0, End: words.length - 1 }[event.key];
    if (event.key === 'Escape') {
      if (tip.hidden) return;
      hide();
    } else if (next !== undefined) {
      const word = words[Math.max(0, Math.min(words.length - 1, next))]!;
      if (word === event.target) show(word);
      else word.focus();
    } else {
      return;
    }
    // The note's own keys (its image carousel turns on the arrows) must not act on ours.
    event.preventDefault();
    event.stopPropagation();
  });
  return tip;
}
