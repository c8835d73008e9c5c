/**
 * Markdown-aware blocking. A turn is cut into prose blocks (a line, a list item, a heading), and
 * everything that cannot hold a grounding act of the speaker's own is masked: fenced code, inline
 * code, block quotes, lines that open a quotation, tables, script lines voiced by a named
 * character, quoted text, URLs and template placeholders. Masking replaces
 * characters with spaces, so every offset still points into the original text.
 */

export type BlockKind = 'line' | 'list-item' | 'heading';

export interface Block {
  kind: BlockKind;
  /** Index of the block within the turn. */
  index: number;
  /** Offsets into the turn text, end exclusive. */
  start: number;
  end: number;
  /** The block's text with opaque spans blanked to spaces; same length as end − start. */
  masked: string;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const BLOCKQUOTE = /^ {0,3}>/;
// A line that opens with a quotation mark is quoted text, often a quote spanning several sentences.
const QUOTED_LINE = /^[ \t]{0,4}(?:[-*+•][ \t]{1,3}|\d{1,3}[.)][ \t]{1,3})?["\u201C]/;
// A table row: starts with a pipe, or is a `---|---` separator.
const TABLE_ROW = /^ {0,3}\||^ {0,3}:?-{3,}:?\s*\|/;
const HEADING = /^ {0,3}#{1,6}\s/;
const LIST_ITEM = /^\s*(?:[-*+•]|\d{1,3}[.)])\s+/;
/**
 * A line voiced by someone named: "Bulma: Goku, you sure?", "**Q**: What is 2+2?", "User2 (quietly): What?".
 * Script and Q&A lines in a turn are content the speaker wrote for others, not the speaker's own acts.
 * The label is one to three capitalized words, so "Just to confirm: you need UTC?" is not one.
 */
const VOICED_LINE = /^[ \t]{0,4}(?:[-*+•][ \t]{1,3})?(?:\*\*|__)?[A-Z0-9][\w'\u2019.-]{0,20}(?: [A-Z0-9][\w'\u2019.-]{0,20}){0,2}(?:\*\*|__)?[ \t]{0,3}(?:\([^()\n]{0,60}\)[ \t]{0,3})?(?:\*\*|__)?:[ \t]+\S/;

// Labels that introduce the speaker's own words rather than someone else's: "Question: which version?"
const OWN_LABEL = /^[ \t]{0,4}(?:[-*+•][ \t]{1,3})?(?:\*\*|__)?(?:question|questions|note|notes|tip|update|edit|summary|clarification|important|ps|p\.s|follow-up|followup|next steps?|one question|quick question)(?:\*\*|__)?[ \t]{0,3}(?:\*\*|__)?:/i;

// A sentence ending inside the label, as in "Correct. Next: how do you say it?", makes it no label; a title ("Dr. Lee:") does not.
const SENTENCE_IN_LABEL = /(?<![\p{L}])(?!(?:mr|mrs|ms|dr|prof|st|jr|sr)\.)\p{L}{2,}\.[ \t]+\S[^:]*:/iu;

function isVoiced(line: string): boolean {
  return VOICED_LINE.test(line) && !OWN_LABEL.test(line) && !SENTENCE_IN_LABEL.test(line.slice(0, line.indexOf(':') + 1));
}

/**
 * Inline spans that are never the speaker's own act. Each alternative is linear: a delimiter, a
 * bounded run of characters that cannot contain the closing delimiter, then the delimiter.
 */
const INLINE_OPAQUE = new RegExp(
  [
    '`[^`\\n]{0,500}`', // inline code: "Run `ls -la?` first"
    '\\{\\{[^{}\\n]{0,200}\\}\\}', // template placeholders: "{{user_question}}"
    '\\{[^{}\\n]{1,80}\\}', // "{name}"
    '\\[[^\\[\\]\\n]{1,80}\\]', // "[Your question here?]", also link text
    '<[^<>\\n]{1,80}>', // "<insert question>", HTML tags
    'https?://[^\\s)>\\]]{1,2000}', // URLs, whose query strings look like questions
    '"[^"\\n]{1,300}"', // quoted text: 'You wrote "can you help?"'
    '\u201C[^\u201C\u201D\\n]{1,300}\u201D', // “curly quotes”
    '\u2018[^\u2018\u2019\\n]{1,300}\u2019(?![a-z])', // ‘curly singles’, but not an apostrophe
  ].join('|'),
  'g',
);

/** Blank a span to spaces, keeping its length. */
function blank(s: string): string {
  return ' '.repeat(s.length);
}

// No word is this long: such runs are hashes, base64, minified code or noise. wink-nlp's tokenizer
// takes time quadratic in the length of an unbroken run, so they are blanked before it sees them.
const RUN_LIMIT = 64;

/** Whether a UTF-16 code unit is whitespace to `\s`: the ECMAScript WhiteSpace and LineTerminator characters. */
function isSpace(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * Whether the line has a run of RUN_LIMIT or more non-space characters. Such a run holds a position
 * every RUN_LIMIT characters, so only those are looked at, and around the non-space ones the run
 * is measured: on prose, a few characters read for every RUN_LIMIT.
 */
export function hasLongRun(line: string): boolean {
  for (let k = RUN_LIMIT - 1; k < line.length; k += RUN_LIMIT) {
    if (isSpace(line.charCodeAt(k))) continue;
    let from = k;
    while (from > 0 && !isSpace(line.charCodeAt(from - 1))) from -= 1;
    let to = k + 1;
    while (to < line.length && to - from < RUN_LIMIT && !isSpace(line.charCodeAt(to))) to += 1;
    if (to - from >= RUN_LIMIT) return true;
  }
  return false;
}

/**
 * The line with every run of RUN_LIMIT or more non-space characters blanked. A loop, not a regex
 * replace: a greedy regex over a run of millions of characters exhausts the regex engine's stack.
 */
function blankLongRuns(line: string): string {
  let out = '';
  let kept = 0;
  let run = 0;
  for (let i = 0; i <= line.length; i += 1) {
    if (i < line.length && !isSpace(line.charCodeAt(i))) {
      run += 1;
      continue;
    }
    if (run >= RUN_LIMIT) {
      out += line.slice(kept, i - run) + ' '.repeat(run);
      kept = i;
    }
    run = 0;
  }
  return kept === 0 ? line : out + line.slice(kept);
}

export function maskInline(line: string): string {
  return (hasLongRun(line) ? blankLongRuns(line) : line).replace(INLINE_OPAQUE, (span) => {
    // Keep the quote marks of a quotation so the sentence still reads as quoting something.
    if (span.startsWith('"') || span.startsWith('\u201C') || span.startsWith('\u2018')) {
      return span[0] + blank(span.slice(1, -1)) + span.slice(-1);
    }
    return blank(span);
  });
}

/**
 * Cut a turn into prose blocks. Each line is its own block, so lists, headings and hard line breaks
 * never glue sentences together; opaque lines produce no block.
 */
export function toBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let fence: string | null = null;
  let offset = 0;
  for (const raw of text.split('\n')) {
    const start = offset;
    offset += raw.length + 1;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const fenceMatch = FENCE.exec(line);
    if (fence !== null) {
      // Inside a fence until a closing fence of the same character and at least the same length.
      if (fenceMatch && fenceMatch[1]![0] === fence[0] && fenceMatch[1]!.length >= fence.length && line.trim() === fenceMatch[0].trim()) fence = null;
      continue;
    }
    if (fenceMatch) {
      fence = fenceMatch[1]!;
      continue;
    }
    if (line.trim() === '' || BLOCKQUOTE.test(line) || QUOTED_LINE.test(line) || TABLE_ROW.test(line) || isVoiced(line)) continue;
    let kind: BlockKind = 'line';
    let body = line;
    // "Question: which version?" is the speaker's own question; the label itself is not part of it.
    const label = OWN_LABEL.exec(line);
    if (label) body = blank(label[0]) + line.slice(label[0].length);
    const marker = label ? null : (HEADING.exec(line) ?? LIST_ITEM.exec(line));
    if (marker) {
      kind = HEADING.test(line) ? 'heading' : 'list-item';
      // Blank the marker itself: "1." must not read as a sentence of its own.
      body = blank(marker[0]) + line.slice(marker[0].length);
    }
    const masked = maskInline(body);
    if (masked.trim() === '') continue;
    blocks.push({ kind, index: blocks.length, start, end: start + line.length, masked });
  }
  return blocks;
}
