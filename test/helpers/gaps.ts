import { GAP_WORDS } from '../../src/tag/pattern.js';

/** A compiled pattern's source without its gaps: each `(?:[^ ]+ ){0,n}` with n a whole number of GAP_WORDS (gaps in a row are one). */
export function withoutGaps(source: string): string {
  return source.replace(/\(\?:\[\^ \]\+ \)\{0,(\d+)\}/g, (gap, n: string) => (Number(n) > 0 && Number(n) % GAP_WORDS === 0 ? '' : gap));
}
