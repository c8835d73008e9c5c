/**
 * The ingest stage: inputs → conversations, with an account per file of what was read, analyzed
 * and skipped. Conversations stream out one at a time; accounts fill in as they are consumed, and
 * for every file analyzed + the sum of skipped = records.
 */
import { InputError, UsageError } from '../errors.js';
import type { FileAccount } from '../measure/summary.js';
import type { Conversation } from '../model.js';
import { ADAPTERS, AUTO, detectFormat, getAdapter, matchFormats } from './registry.js';
import { openInput, resolveInputs, type OpenedInput } from './source.js';
import type { Adapter, Converted, InputFile, RawRecord, Sample } from './types.js';

/** The format of a file found in a folder or by a glob that no adapter recognizes. */
export const UNKNOWN_FORMAT = 'unknown';
/** Such a file counts as one record, skipped for this reason. */
export const NO_FORMAT_MATCHED = 'no format matched';
/** The reason for a file that holds nothing but blanks, when its format is not named. */
export const EMPTY_FILE = 'empty file';

export interface Progress {
  file: string;
  /** Bytes read so far from the file as stored (compressed, for .gz). */
  bytes: number;
  totalBytes?: number;
}

export interface IngestOptions {
  /** `auto` (the default in the CLI) or an adapter id. */
  format: string;
  /** Model name for inputs that carry none; never overrides one that is present. */
  model?: string;
  /** Count unreadable and malformed records as skipped instead of failing. */
  skipInvalid: boolean;
  /** Where `-` reads from; process.stdin by default. */
  stdin?: NodeJS.ReadableStream;
  onProgress?: (progress: Progress) => void;
  /** Read only every `count`-th record, starting at the `index`-th (1-based), across all inputs. */
  shard?: Shard;
  /** Why a read conversation is left out (counted as a skipped record with that reason), or null to keep it: the baseline takes one split of a file. */
  keep?: (conversation: Conversation) => string | null;
}

/** Shard `index` of `count`: records are dealt round-robin, so the shards together read each record once. */
export interface Shard {
  index: number;
  count: number;
}

export interface Ingestion {
  conversations: AsyncIterable<Conversation>;
  /** One per input file, in input order, filled in as `conversations` is consumed. */
  accounts: FileAccount[];
}

type Plan =
  // Without the head: thousands of files must not hold 64 KiB each until they are read.
  | { input: Omit<OpenedInput, 'head'>; adapter: Adapter; account: FileAccount }
  /** A file skipped whole: it counts as one record, skipped for the account's one reason. */
  | { adapter: undefined; account: FileAccount };

function skippedFile(path: string, reason: string): FileAccount {
  return { path, format: UNKNOWN_FORMAT, records: 1, analyzed: 0, skipped: { [reason]: 1 }, turnsSkipped: {} };
}

function bump(counts: Record<string, number>, reason: string, by = 1): void {
  // hasOwn: a reason such as `constructor` (a ChatGPT content type) must not read Object's own property.
  counts[reason] = (Object.hasOwn(counts, reason) ? counts[reason]! : 0) + by;
}

/** A named file must match exactly one format; a file met in a walk may match none. */
function chooseAdapter(sample: Sample, walked: boolean): Adapter | undefined {
  if (walked && matchFormats(sample).length === 0) return undefined;
  return detectFormat(sample);
}

/** A stream that breaks mid-way (a truncated .gz, an I/O error) ends the file with one unreadable record. */
async function* guarded(records: AsyncIterable<RawRecord>, file: string): AsyncGenerator<RawRecord> {
  try {
    yield* records;
  } catch (err) {
    if (err instanceof InputError) yield { ok: false, error: err };
    else if (err instanceof UsageError) throw err;
    else yield { ok: false, error: new InputError({ file }, 'unreadable', { expected: 'a readable file', found: `a read error (${err instanceof Error ? err.message : String(err)})` }) };
  }
}

async function* conversationsOf(plans: readonly Plan[], options: IngestOptions): AsyncGenerator<Conversation> {
  // Records are numbered across all inputs; a shard accounts for its own records only, so the
  // accounts of all shards add up to those of one whole run.
  let position = 0;
  const mine = options.shard ? (n: number) => n % options.shard!.count === options.shard!.index - 1 : () => true;
  for (const plan of plans) {
    if (!plan.adapter) {
      if (!mine(position++)) Object.assign(plan.account, { records: 0, skipped: {} });
      continue;
    }
    const { input, adapter, account } = plan;
    const onBytes = options.onProgress && ((bytes: number) => options.onProgress!({ file: input.path, bytes, totalBytes: input.size }));
    // Under --shard, readers need not parse the records of other shards: `mine` of the next position.
    const file: InputFile = { path: input.path, chunks: () => input.chunks(onBytes), ...(options.shard && { wants: () => mine(position) }) };
    for await (const record of guarded(adapter.read(file), input.path)) {
      if (!mine(position++)) continue;
      account.records += 1;
      let converted: Converted;
      try {
        if (!record.ok) throw record.error;
        converted = adapter.convert({ value: record.value, line: record.line, file: input.path }, { model: options.model });
      } catch (err) {
        if (!(err instanceof InputError) || !options.skipInvalid) throw err;
        bump(account.skipped, err.reason);
        continue;
      }
      if ('skip' in converted) {
        bump(account.skipped, converted.skip);
        continue;
      }
      const left = options.keep?.(converted.conversation);
      if (left) {
        bump(account.skipped, left);
        continue;
      }
      account.analyzed += 1;
      for (const [reason, n] of Object.entries(converted.turnsSkipped)) bump(account.turnsSkipped, reason, n);
      yield converted.conversation;
    }
  }
}

/**
 * Resolve and open the inputs and choose each file's format now, so usage errors (no such path,
 * unknown --format, a named file of no known format) come before any output; then stream.
 */
export async function ingest(inputs: readonly string[], options: IngestOptions): Promise<Ingestion> {
  const chosen = options.format === AUTO ? undefined : getAdapter(options.format);
  const extensions = new Set((chosen ? [chosen] : ADAPTERS).flatMap((a) => a.extensions));
  const plans: Plan[] = [];
  for (const { path, walked } of await resolveInputs(inputs, extensions)) {
    let opened: OpenedInput;
    try {
      opened = await openInput(path, options.stdin);
    } catch (err) {
      if (!(err instanceof InputError && options.skipInvalid)) throw err;
      plans.push({ adapter: undefined, account: skippedFile(path, err.reason) });
      continue;
    }
    const { head, ...input } = opened;
    const adapter = chosen ?? chooseAdapter({ path, head }, walked);
    if (adapter) plans.push({ input, adapter, account: { path, format: adapter.id, records: 0, analyzed: 0, skipped: {}, turnsSkipped: {} } });
    else plans.push({ adapter: undefined, account: skippedFile(path, head.trim() ? NO_FORMAT_MATCHED : EMPTY_FILE) });
  }
  return { conversations: conversationsOf(plans, options), accounts: plans.map((p) => p.account) };
}
