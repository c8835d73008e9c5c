import { describe, expect, it } from 'vitest';
import utils from 'cli-table3/src/utils.js';
import { fittingPrefix, libraryTruncate, truncate } from '../../src/report/cli-table.js';
import { formatTable } from '../../src/report/table.js';
import { namedModels, scoredModels, summaryOf, twoModels } from '../helpers/tagged.js';

/** A table drawn with cli-table3's own truncate, then with the replacement (as installed, and put back after). */
function bothWays(draw: () => string): [string, string] {
  const installed = utils.truncate;
  try {
    utils.truncate = libraryTruncate;
    const library = draw();
    utils.truncate = truncate;
    return [library, draw()];
  } finally {
    utils.truncate = installed;
  }
}

describe('cli-table3 with a cheaper truncate', () => {
  it('is installed in cli-table3, over cli-table3\u2019s own function', () => {
    expect(utils.truncate).not.toBe(libraryTruncate);
    expect(libraryTruncate.toString()).toContain('truncateWidthWithAnsi');
  });

  it('truncates as cli-table3 does: cells of several lines, wide and zero-width characters, widths that leave no room', () => {
    const texts = [
      '',
      'short',
      'exactly ten',
      'a single line that is much longer than ten columns',
      '16.7%\n[4.7–44.8]\nest 17.0%\n[5.0–40.1]\nvs 20.0% +150%*',
      '1.3%\n[0.5–3.3]',
      'first\nsecond line, longer than the first\nthird',
      'a much longer first line\nshort',
      '日本語のテキストです\nnext',
      '日本語のテキストです',
      'e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301',
      'tabs\tand\tmore\ttabs\there',
      '\n\n\nlate text after empty lines',
      '−100%* ↑42.9% ↓14.3% of 28 ±.015 ≤8 words',
    ];
    for (const text of texts) {
      for (const width of [0, 1, 2, 5, 9, 10, 11, 20, 80]) {
        for (const mark of [undefined, '…', '...', '']) expect(truncate(text, width, mark), `${JSON.stringify(text)} at ${width}, ${mark}`).toBe(libraryTruncate(text, width, mark));
      }
    }
  });

  it('finds the longest prefix whose widest line fits', () => {
    expect(fittingPrefix('ab\ncdef\ng', 3)).toBe('ab\ncde');
    expect(fittingPrefix('abc', 5)).toBe('abc');
    expect(fittingPrefix('日本語', 4)).toBe('日本');
  });

  it('leaves text with colour codes to cli-table3', () => {
    const red = '\u001b[31mred text that runs on\u001b[39m\nsecond line';
    expect(truncate(red, 10)).toBe(libraryTruncate(red, 10));
  });

  it('draws the report tables exactly as cli-table3 alone does, with colour and without', () => {
    for (const summary of [summaryOf(twoModels(), true), summaryOf(namedModels(['a-very-long-model-name-that-goes-on-and-on-2025-01-01', 'm']), true), summaryOf(scoredModels(), false)]) {
      for (const color of [false, true]) {
        const [library, ours] = bothWays(() => formatTable(summary, { color }));
        expect(ours).toBe(library);
        expect(ours.length).toBeGreaterThan(200);
      }
    }
  });
});
