import { decodeReading, layoutReading, readingHint } from '../../lib/translate/reading-line';

/**
 * The glossary provider's line under an original: the offline word-by-word reading, labelled as
 * such, one element per word with its pinyin and senses on hover (as a title: text, never HTML).
 * A line that is not a reading (an older format, a stand-in) is shown as plain text.
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
  const label = document.createElement('span');
  label.className = 'zc-reading-label';
  label.lang = /\p{Script=Han}/u.test(reading.label) ? 'zh-CN' : 'en';
  label.textContent = reading.label;
  label.title = reading.hint;
  const children: Array<Node | string> = [label, ' '];
  for (const { before, token } of layoutReading(reading.tokens)) {
    if (before) children.push(before);
    if (token.kind === 'punctuation' || token.kind === 'break' || token.kind === 'other') {
      children.push(token.en);
      continue;
    }
    const word = document.createElement('span');
    word.className = 'zc-reading-word';
    word.textContent = token.en;
    word.title = readingHint(token);
    word.dataset.zh = token.text;
    children.push(word);
  }
  element.replaceChildren(...children);
  return element;
}
