/** Whether a page is dark, judged from its computed background (pages ignore prefers-color-scheme). */
export function pageIsDark(doc: Document = document): boolean {
  for (const el of [doc.body, doc.documentElement]) {
    if (!el) continue;
    const rgb = parseRgb(getComputedStyle(el).backgroundColor);
    if (rgb && rgb.alpha > 0.5) return luminance(rgb) < 0.4;
  }
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;
}

function parseRgb(value: string): { r: number; g: number; b: number; alpha: number } | null {
  const match = /rgba?\(\s*([\d.]+)[ ,]+([\d.]+)[ ,]+([\d.]+)(?:\s*[,/]\s*([\d.]+))?/.exec(value);
  if (!match) return null;
  return { r: Number(match[1]), g: Number(match[2]), b: Number(match[3]), alpha: match[4] === undefined ? 1 : Number(match[4]) };
}

function luminance({ r, g, b }: { r: number; g: number; b: number }): number {
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
}
