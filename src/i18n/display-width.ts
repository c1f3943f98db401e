/**
 * Wide (East Asian Wide and Fullwidth) code points: CJK, kana, Hangul, fullwidth forms. A
 * terminal gives each two columns.
 */
const WIDE =
  /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{20000}-\u{3FFFD}]/u;

/** Columns `text` takes on a terminal: two for each wide code point, one for every other. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += WIDE.test(char) ? 2 : 1;
  return width;
}

/** `text` followed by spaces up to `width` terminal columns. */
export function padDisplay(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

/** At most `columns` terminal columns of `text`, ending in `…` when cut. */
export function truncateDisplay(text: string, columns: number): string {
  if (displayWidth(text) <= columns) return text;
  let kept = '';
  let width = 0;
  for (const char of text) {
    const w = displayWidth(char);
    if (width + w > columns - 1) break;
    kept += char;
    width += w;
  }
  return `${kept}…`;
}
