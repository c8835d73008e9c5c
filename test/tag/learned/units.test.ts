/** Units: where the learned model's reading spans are cut, and which of a turn's units it reads. */
import { describe, expect, it } from 'vitest';
import { toBlocks } from '../../../src/segment/markdown.js';
import { readUnits, unitRanges } from '../../../src/tag/learned/units.js';

const cut = (text: string) => unitRanges(text).map(([a, b]) => text.slice(a, b));

describe('unitRanges', () => {
  it('cuts after end marks that stand before a space or the end, not inside numbers or file names', () => {
    expect(cut('Got it. Which file?  The v1.2.3 one costs 3.5 dollars!')).toEqual(['Got it.', 'Which file?', 'The v1.2.3 one costs 3.5 dollars!']);
  });

  it('keeps closing quotes and brackets with their sentence, and runs of end marks together', () => {
    expect(cut('He said "fine." Then what?! (Really.) Ok…')).toEqual(['He said "fine."', 'Then what?!', '(Really.)', 'Ok…']);
  });

  it('is linear on long runs of end marks', () => {
    const started = Date.now();
    expect(cut(`${'.'.repeat(200_000)}a`)).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

function units(text: string, candidates: Array<readonly [number, number]> = []) {
  const blocks = toBlocks(text);
  const words = text.split(/\s+/).filter(Boolean).length;
  return readUnits({ blocks, words, own: () => true, candidates }).map((u) => ({ text: text.slice(u.start, u.end), first: u.first, last: u.last }));
}

describe('readUnits', () => {
  it('reads every unit of a short turn, marking the first and the last', () => {
    expect(units('No. I meant the other file. Can you redo it?')).toEqual([
      { text: 'No.', first: true, last: false },
      { text: 'I meant the other file.', first: false, last: false },
      { text: 'Can you redo it?', first: false, last: true },
    ]);
  });

  it('reads a long turn’s opening unit and the questions of its closing block, not its middle nor a closing statement', () => {
    const middle = Array.from({ length: 12 }, (_, i) => `Step ${i} explains one more part of the method in some detail.`).join(' ');
    const text = `I apologize for the confusion. Here is the fix.\n\n${middle} Is that clear?\n\nWhich version do you use? Let me know.`;
    expect(units(text).map((u) => u.text)).toEqual(['I apologize for the confusion.', 'Which version do you use?']);
  });

  it('also reads the units inside a candidate sentence of the rules', () => {
    const middle = Array.from({ length: 12 }, (_, i) => `Step ${i} explains one more part of the method in some detail.`).join(' ');
    const text = `Sure.\n\n${middle} Just to confirm, you need UTC?\n\nDone.`;
    const start = text.indexOf('Just to confirm');
    expect(units(text, [[start, start + 31]]).map((u) => u.text)).toEqual(['Sure.', 'Just to confirm, you need UTC?']);
  });

  it('reads nothing of blocks that are not the speaker’s own', () => {
    const blocks = toBlocks('First line.\nSecond line.');
    expect(readUnits({ blocks, words: 4, own: (i) => i === 1, candidates: [] }).map((u) => u.first)).toEqual([true]);
  });
});
