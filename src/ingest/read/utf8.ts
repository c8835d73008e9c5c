/**
 * Streaming UTF-8 decoding that keeps a trace of bytes that are not UTF-8: each becomes the lone
 * surrogate U+DC00 + byte (see INVALID_BYTE in limits.ts) instead of a U+FFFD that valid text may
 * hold too. Valid chunks, nearly all of them, take the native path.
 */
import { isUtf8 } from 'node:buffer';

/** The length of the sequence a lead byte starts, and the range its second byte must fall in; undefined when it cannot lead. */
function sequence(lead: number): { length: number; low: number; high: number } | undefined {
  if (lead >= 0xc2 && lead <= 0xdf) return { length: 2, low: 0x80, high: 0xbf };
  if (lead === 0xe0) return { length: 3, low: 0xa0, high: 0xbf }; // no overlong forms
  if (lead === 0xed) return { length: 3, low: 0x80, high: 0x9f }; // no surrogates
  if (lead >= 0xe1 && lead <= 0xef) return { length: 3, low: 0x80, high: 0xbf };
  if (lead === 0xf0) return { length: 4, low: 0x90, high: 0xbf };
  if (lead >= 0xf1 && lead <= 0xf3) return { length: 4, low: 0x80, high: 0xbf };
  if (lead === 0xf4) return { length: 4, low: 0x80, high: 0x8f }; // nothing above U+10FFFF
  return undefined;
}

/** Where the bytes stop being whole sequences: a sequence cut at the chunk's end waits for the next chunk. */
function wholeEnd(bytes: Buffer): number {
  for (let i = bytes.length - 1; i >= 0 && i >= bytes.length - 3; i--) {
    const b = bytes[i]!;
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: look further back for its lead
    const seq = sequence(b);
    return seq && bytes.length - i < seq.length ? i : bytes.length;
  }
  return bytes.length;
}

/** Decode bytes known to hold something that is not UTF-8, byte by byte where needed. */
function decodeMarked(bytes: Buffer): string {
  let out = '';
  let from = 0;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i += 1;
      continue;
    }
    const seq = sequence(b);
    let ok = seq !== undefined && i + seq.length <= bytes.length;
    for (let k = 1; ok && k < seq!.length; k++) {
      const c = bytes[i + k]!;
      ok = k === 1 ? c >= seq!.low && c <= seq!.high : (c & 0xc0) === 0x80;
    }
    if (ok) {
      i += seq!.length;
      continue;
    }
    out += bytes.toString('utf8', from, i) + String.fromCharCode(0xdc00 + b);
    i += 1;
    from = i;
  }
  return out + bytes.toString('utf8', from, bytes.length);
}

export class Utf8Decoder {
  private pending: Buffer = Buffer.alloc(0);

  write(chunk: Buffer): string {
    const bytes = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    const end = wholeEnd(bytes);
    this.pending = Buffer.from(bytes.subarray(end));
    const whole = bytes.subarray(0, end);
    return isUtf8(whole) ? whole.toString('utf8') : decodeMarked(whole);
  }

  /** A sequence cut off by the end of the input is not UTF-8 either. */
  end(): string {
    const rest = this.pending;
    this.pending = Buffer.alloc(0);
    return rest.length > 0 ? decodeMarked(rest) : '';
  }
}
