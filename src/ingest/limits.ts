/**
 * What input is refused rather than read, so that memory stays bounded and no text can pass as
 * something it is not, whatever a file holds. Each limit fails one record, never the run's memory.
 */
import { InputError } from '../errors.js';

/** The longest record read (a JSONL line, a JSON array element, a transcript block, a CSV dialogue), in characters. */
export const MAX_RECORD_CHARS = 32 * 1024 * 1024;

/** The longest turn tagged, in characters; a longer one (a pasted log or file) is skipped as `too long`. */
export const MAX_TURN_CHARS = 1_000_000;

/**
 * Bytes that are not UTF-8 are decoded to lone surrogates U+DC80–U+DCFF (as Python's
 * surrogateescape does), which valid UTF-8 can never produce, so each record can say it holds them.
 * The `u` flag keeps a valid surrogate pair (an emoji) from matching.
 */
export const INVALID_BYTE = /[\uDC80-\uDCFF]/u;

export const TOO_LARGE = 'record too large';
export const NOT_UTF8 = 'invalid UTF-8';

/** `chars` is the record's length, when it was counted to the end. */
export function tooLarge(file: string, line: number, chars?: number): InputError {
  return new InputError({ file, line }, TOO_LARGE, {
    expected: `a record of at most ${MAX_RECORD_CHARS.toLocaleString('en')} characters`,
    found: chars === undefined ? 'a longer one' : `one of ${chars.toLocaleString('en')}`,
    fix: 'Split the record, or pass --skip-invalid to count it as skipped and go on.',
  });
}

export function notUtf8(file: string, line: number): InputError {
  return new InputError({ file, line }, NOT_UTF8, {
    expected: 'UTF-8 text',
    found: 'bytes that are not UTF-8',
    fix: 'Convert the file to UTF-8 (e.g. `iconv -f latin1 -t utf-8`), or pass --skip-invalid to count the record as skipped and go on.',
  });
}

/** The error for a record's raw text that holds bytes that were not UTF-8, if it does. */
export function checkUtf8(text: string, file: string, line: number): InputError | undefined {
  return INVALID_BYTE.test(text) ? notUtf8(file, line) : undefined;
}
