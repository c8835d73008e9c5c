/** The adapter contract: small `{id, detect, read, convert}` units gathered in one registry. */
import type { InputError } from '../errors.js';
import type { Conversation } from '../model.js';

/** What detection sees of a file: its name and its first bytes, decompressed. */
export interface Sample {
  /** The path as given or found, `-` for stdin. */
  path: string;
  /** The first 64 KiB of text (after gunzip and without a BOM). */
  head: string;
}

/** An opened input: decompressed text, read as a stream so memory stays bounded. */
export interface InputFile {
  path: string;
  /** Text chunks, in order, BOM removed. */
  chunks: () => AsyncIterable<string>;
  /**
   * Whether the next record will be used: false for the records of other shards under --shard.
   * A reader may then yield it unparsed (`value` undefined) instead of parsing it: it still
   * counts as a record, so the dealing of records to shards does not change.
   */
  wants?: () => boolean;
}

/** One record as read from a file, before it is understood: a JSON value, a CSV row group, a transcript block. */
export type RawRecord =
  | { ok: true; value: unknown; line: number }
  /** A record that could not even be read, e.g. invalid JSON. */
  | { ok: false; error: InputError };

export interface ConvertOptions {
  /** Model name for formats that carry none (Claude exports, transcripts); never overrides one that is present. */
  model?: string;
}

export type Converted =
  | {
      conversation: Conversation;
      /** Messages inside the record left out of the conversation, by reason (system, tool, hidden, empty…). */
      turnsSkipped: Record<string, number>;
    }
  /** A well-formed record that holds no conversation to analyze, e.g. one with no messages. */
  | { skip: string };

export interface Adapter {
  id: string;
  description: string;
  /** File extensions (without dot, before any `.gz`) this format comes in, for folder walks. */
  extensions: readonly string[];
  /** True when the sample has this format's shape. Must be cheap and must not throw. */
  detect(sample: Sample): boolean;
  /** Split the file into records, streaming. Unreadable records come out as `ok: false`. */
  read(file: InputFile): AsyncIterable<RawRecord>;
  /** Turn one record into a conversation. A malformed record throws an InputError naming file, line and field. */
  convert(record: { value: unknown; line: number; file: string }, options: ConvertOptions): Converted;
}
