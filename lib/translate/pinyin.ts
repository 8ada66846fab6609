/**
 * CC-CEDICT writes pinyin with tone numbers ("mian4 liao4", "lu:4"); learners read tone marks
 * ("miàn liào", "lǜ"). The mark goes on a or e when there is one, on the o of "ou", else on the
 * last vowel; tone 5 (neutral) has none.
 */

const MARKS: Record<string, string> = {
  a: 'āáǎà',
  e: 'ēéěè',
  i: 'īíǐì',
  o: 'ōóǒò',
  u: 'ūúǔù',
  ü: 'ǖǘǚǜ',
};

function markSyllable(syllable: string): string {
  const match = /^([a-zA-Zü:]+?)([1-5])$/.exec(syllable);
  if (!match) return syllable.replace(/u:/g, 'ü').replace(/U:/g, 'Ü');
  const letters = match[1]!.replace(/u:/g, 'ü').replace(/U:/g, 'Ü');
  const tone = Number(match[2]);
  if (tone === 5) return letters;
  const lower = letters.toLowerCase();
  let at = lower.search(/[ae]/);
  if (at === -1) at = lower.indexOf('ou');
  if (at === -1) {
    for (let index = lower.length - 1; index >= 0; index--) {
      if ('iouü'.includes(lower[index]!)) {
        at = index;
        break;
      }
    }
  }
  if (at === -1) return letters;
  const vowel = lower[at]!;
  let marked = MARKS[vowel]![tone - 1]!;
  if (letters[at] !== vowel) marked = marked.toUpperCase();
  return letters.slice(0, at) + marked + letters.slice(at + 1);
}

/** "mian4 liao4" → "miàn liào"; "nu:3 er2" → "nǚ ér"; "Tao2 bao3" → "Táo bǎo". */
export function toneMarks(numbered: string): string {
  return numbered
    .split(' ')
    .map(markSyllable)
    .join(' ');
}
