/**
 * Markdown-aware blocking: each line, list item and heading is a block of its own, and whatever
 * is not the speaker's own voice is masked to spaces, keeping every offset.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasLongRun, maskInline, toBlocks } from '../../src/segment/markdown.js';
import { segment } from '../../src/segment/sentences.js';

/** The normalized text of every sentence of a turn, joined: what the rules can see. */
function seen(text: string): string {
  return segment(text)
    .sentences.map((s) => s.norm)
    .join('|');
}

describe('toBlocks', () => {
  it('cuts lines, list items and headings into blocks with offsets into the turn', () => {
    const text = '# Setup\nRun it first.\n- one item\n2) another item\n\n   * indented item';
    const blocks = toBlocks(text);
    expect(blocks.map((b) => [b.kind, b.index])).toEqual([
      ['heading', 0],
      ['line', 1],
      ['list-item', 2],
      ['list-item', 3],
      ['list-item', 4],
    ]);
    for (const b of blocks) {
      expect(b.masked.length).toBe(b.end - b.start);
      expect(text.slice(b.start, b.end)).toHaveLength(b.masked.length);
    }
    // The markers themselves are blanked: "2)" must not read as a sentence.
    expect(blocks[3]!.masked.trim()).toBe('another item');
    expect(blocks[0]!.masked.trim()).toBe('Setup');
  });

  it('ends a block before a CR of a CRLF line end', () => {
    const text = 'First line.\r\nSecond line.\r\n';
    const blocks = toBlocks(text);
    expect(blocks.map((b) => text.slice(b.start, b.end))).toEqual(['First line.', 'Second line.']);
  });

  const OPAQUE_LINES: Array<[string, string]> = [
    ['a fenced block with backticks', '```\nDo you mean the red one?\n```'],
    ['a fenced block with a language', '```python\nprint("does that make sense?")\n```'],
    ['a fenced block with tildes', '~~~\nDo you mean the red one?\n~~~'],
    ['an indented fence', '   ```\nDo you mean the red one?\n   ```'],
    ['an unclosed fence, to the end of the turn', '```\nDo you mean the red one?\nJust to confirm, UTC?'],
    ['a shorter fence inside a longer one', '````\n```\nDo you mean the red one?\n````'],
    ['a backtick fence inside a tilde fence', '~~~\n```\nDo you mean the red one?\n~~~'],
    ['a block quote', '> Do you mean the red one?'],
    ['a nested block quote', '>> Do you mean the red one?'],
    ['a table row', '| Do you mean the red one? | yes |'],
    ['a table separator', '---|---'],
    ['a line opening with a quotation', '"Do you mean the red one?" she asked.'],
    ['a line opening with a curly quotation', '\u201CDo you mean the red one?\u201D she asked.'],
    ['a list item opening with a quotation', '- "Do you mean the red one?"'],
    ['a script line', 'Bob: Do you mean the red one?'],
    ['a script line with two names', 'Aunt May: Do you mean the red one?'],
    ['a script line with a stage direction', 'Teacher (softly): Do you mean the red one?'],
    ['a bold script label', '**Bob**: Do you mean the red one?'],
    ['a Q&A line', '**Q**: Do you mean the red one?'],
    ['a script line in a list', '- Alice: Do you mean the red one?'],
  ];
  for (const [what, text] of OPAQUE_LINES) {
    it(`masks ${what}`, () => {
      expect(toBlocks(text)).toEqual([]);
      expect(segment(text).sentences).toEqual([]);
    });
  }

  it('reads on after a closed fence, and only then', () => {
    const text = 'Try this:\n```\nDo you mean the red one?\n```\nDoes that help?';
    expect(segment(text).sentences.map((s) => s.text)).toEqual(['Try this:', 'Does that help?']);
  });

  it("reads a line the speaker labels as their own (Question:, Note:), without the label", () => {
    expect(segment('Question: which version are you using?').sentences.map((s) => s.text)).toEqual(['which version are you using?']);
    expect(segment("- **Note**: I'm not sure what you mean.").sentences.map((s) => s.text)).toEqual(["I'm not sure what you mean."]);
  });

  it('does not take a colon after a lower-case word for a script label', () => {
    expect(segment('Just to confirm: you need UTC?').sentences.map((s) => s.text)).toEqual(['Just to confirm: you need UTC?']);
    expect(segment('quick check: does that make sense?').sentences).toHaveLength(1);
  });

  it('does not take a sentence that ends before the colon for a script label, but keeps titles in one', () => {
    expect(segment('Correct. Next: how do you say "we would go" in French?').sentences.map((s) => s.text)).toEqual(['Correct.', 'Next: how do you say "we would go" in French?']);
    expect(segment('Dr. Lee: Are you sure?').sentences).toHaveLength(0);
    expect(segment('Bulma: Goku, you sure?').sentences).toHaveLength(0);
  });

  it('does not take backticks inside a line for a fence', () => {
    expect(segment('Type ``` to open a block. Then what?').sentences.map((s) => s.text)).toEqual(['Type ``` to open a block.', 'Then what?']);
  });
});

describe('maskInline', () => {
  const SPANS: Array<[string, string, string]> = [
    ['inline code', 'Run `which python?` first.', 'which python?'],
    ['a template placeholder', 'Send {{user_question}} back.', 'user_question'],
    ['a single-brace placeholder', 'Dear {name}, hello.', 'name'],
    ['a bracketed placeholder', 'Ask [Your question here?] now.', 'Your question here?'],
    ['an angle-bracket placeholder', 'Write <insert question> here.', 'insert question'],
    ['a URL with a query string', 'See https://example.com/faq?which=one&x=2 now.', 'example.com/faq?which=one'],
    ['a plain http URL', 'See http://example.org/?q=what for more.', 'example.org'],
    ['quoted text', 'You wrote "could you clarify?" there.', 'could you clarify?'],
    ['curly-quoted text', 'You wrote \u201Ccould you clarify?\u201D there.', 'could you clarify?'],
    ['single curly quotes', 'You wrote \u2018could you clarify?\u2019 there.', 'could you clarify?'],
  ];
  for (const [what, line, hidden] of SPANS) {
    it(`blanks ${what}, keeping the length`, () => {
      const masked = maskInline(line);
      expect(masked).toHaveLength(line.length);
      expect(masked).not.toContain(hidden);
      const word = hidden.toLowerCase().match(/[a-z]+/)![0];
      expect(seen(line)).not.toContain(` ${word} `);
    });
  }

  it('keeps the quote marks of a quotation, so the sentence still reads as quoting', () => {
    const blank = ' '.repeat('no way'.length);
    expect(maskInline('He said "no way" twice.')).toBe(`He said "${blank}" twice.`);
    expect(maskInline('He said \u201Cno way\u201D twice.')).toBe(`He said \u201C${blank}\u201D twice.`);
  });

  it('leaves apostrophes alone', () => {
    const line = 'It\u2019s Bob\u2019s turn, isn\u2019t it?';
    expect(maskInline(line)).toBe(line);
    expect(maskInline("It's Bob's turn, isn't it?")).toBe("It's Bob's turn, isn't it?");
  });

  it('blanks unbroken runs no word is that long (hashes, base64), keeping the length', () => {
    const hash = 'a3f'.repeat(30);
    const masked = maskInline(`The digest is ${hash} today.`);
    expect(masked).toBe(`The digest is ${' '.repeat(hash.length)} today.`);
    expect(maskInline('Pneumonoultramicroscopicsilicovolcanoconiosis is long.')).toBe('Pneumonoultramicroscopicsilicovolcanoconiosis is long.');
  });

  it('blanks exactly the runs of 64 or more non-space characters, at the ends too and in any whitespace', () => {
    const definition = (line: string) => line.replace(/\S{64,}/g, (run) => ' '.repeat(run.length));
    const runs = ['', 'x'.repeat(63), 'x'.repeat(64), 'y'.repeat(200), 'a.b?'.repeat(20), '😀'.repeat(32), '😀'.repeat(31) + 'x'];
    const gaps = [' ', '\t', '\u00A0', '\u3000', ' \t '];
    for (const a of runs) for (const gap of gaps) for (const b of runs) {
      const line = `${a}${gap}${b}`;
      expect(maskInline(line), JSON.stringify(line)).toBe(definition(line));
    }
  });

  it('masks a run of millions of characters without exhausting the regex engine', () => {
    const run = 'x'.repeat(10_000_000);
    expect(maskInline(`Start ${run} ok?`)).toBe(`Start ${' '.repeat(run.length)} ok?`);
    expect(maskInline('a.'.repeat(3_000_000)).trim()).toBe('');
  });

  it('leaves unclosed delimiters and prose alone', () => {
    for (const line of ['Use a ` tick.', 'Open { brace.', 'A [ bracket.', 'Less < more.', 'A "quote.', 'Do you mean the red one?']) {
      expect(maskInline(line)).toBe(line);
    }
  });
});

describe('what the rules can see', () => {
  const HIDDEN: Array<[string, string]> = [
    ['inline code', 'Run `does that make sense?` in the shell.'],
    ['a template placeholder', 'Reply with {{does that make sense}} filled in.'],
    ['a bracketed placeholder', 'Start with [does that make sense?] and go on.'],
    ['a URL', 'See https://example.com/does-that-make-sense?ok=1 for details.'],
    ['quoted text', 'She asked "does that make sense?" twice.'],
  ];
  for (const [what, text] of HIDDEN) {
    it(`hides ${what} from the sentence's norm`, () => {
      expect(seen(text)).not.toContain('make sense');
      expect(seen(text)).not.toContain('that make');
    });
  }
});

describe('hasLongRun', () => {
  /** The definition: some run of 64 or more characters that are not whitespace to `\s`. */
  const byRegex = (line: string) => /\S{64}/.test(line);

  it('finds a run of 64 non-space characters wherever it stands, and no shorter one', () => {
    for (let at = 0; at < 140; at += 1) {
      expect(hasLongRun(`${'a '.repeat(at)}${'x'.repeat(64)} b`), `at ${at}`).toBe(true);
      expect(hasLongRun(`${'a '.repeat(at)}${'x'.repeat(63)} b`), `at ${at}`).toBe(false);
    }
    expect(hasLongRun('x'.repeat(64))).toBe(true);
    expect(hasLongRun(`${'x'.repeat(63)}\u00a0${'x'.repeat(63)}`)).toBe(false);
    expect(hasLongRun('')).toBe(false);
  });

  it('answers as the definition on generated lines', () => {
    const piece = fc.constantFrom('x', 'word', 'y'.repeat(30), 'z'.repeat(63), ' ', '\t', '\u00a0', '\u3000', '\u{1F600}', '.');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }).map((p) => p.join('')), (line) => hasLongRun(line) === byRegex(line)),
      { numRuns: 2000, seed: 5 },
    );
  });
});
