/**
 * What to replay: the human corpus to read, a seeded sample of its conversations, and in each the
 * positions where the helper replied to what came before.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DOMAIN_SOURCES } from '../baseline/build.js';
import { UsageError } from '../errors.js';
import { AUTO } from '../ingest/index.js';
import type { Conversation } from '../model.js';

/** Where each human corpus is published, and which of its files are read. */
export const CORPUS_HOMES: Record<string, string> = {
  esconv: 'the Hugging Face dataset thu-coai/esconv (train.txt, valid.txt, test.txt: ESConv from github.com/thu-coai/Emotional-Support-Conversation in JSON lines)',
  persuasionforgood: 'github.com/ohyj1002/persuasionforgood (data/FullData/full_dialog.csv)',
  mathdial: 'github.com/eth-nlped/mathdial (data/test.jsonl; also the Hugging Face dataset eth-nlped/mathdial)',
};

/** The corpora `--corpus` knows by name: the ones the human baseline is built from. */
export const CORPUS_NAMES = DOMAIN_SOURCES.map((s) => s.format);

export interface CorpusInputs {
  inputs: string[];
  format: string;
}

/**
 * `--corpus esconv|persuasionforgood|mathdial` reads that corpus's files under `dir`, laid out as
 * for `grounding baseline build`; anything else is a file, folder or glob read like `analyze` reads.
 */
export function corpusInputs(corpus: string, dir: string, format: string = AUTO): CorpusInputs {
  const source = DOMAIN_SOURCES.find((s) => s.format === corpus);
  if (!source) return { inputs: [corpus], format };
  const inputs = source.files.map((f) => join(dir, f));
  const missing = inputs.filter((f) => !existsSync(f));
  if (missing.length > 0) {
    throw new UsageError(
      `Expected the ${corpus} corpus at ${missing.join(', ')}, found no such file. Download it from ${CORPUS_HOMES[corpus]} into ${join(dir, corpus)}, ` +
        `or pass --corpus-dir with the folder holding ${CORPUS_NAMES.map((n) => `${n}/`).join(', ')}, or pass --corpus with the file itself.`,
    );
  }
  return { inputs, format: source.format };
}

/** Indices of the turns where the helper (assistant role) replies to something: every assistant turn but an opening one. */
export function helperPositions(conversation: Conversation): number[] {
  return conversation.turns.flatMap((t, i) => (i > 0 && t.role === 'assistant' ? [i] : []));
}

/**
 * A conversation's place in the seeded order: the SHA-256 of the seed, its file and its id. The
 * order depends on no file order, and with one seed a larger --limit keeps the smaller sample.
 */
export function samplePriority(seed: number, conversation: Conversation): string {
  return createHash('sha256').update(`${seed}\u0000${basename(conversation.source)}\u0000${conversation.id}`).digest('hex');
}

/**
 * The `limit` conversations with helper positions that come first in the seeded order (all of them
 * without a limit), in that order. Only the chosen ones are held in memory.
 */
export async function sampleConversations(conversations: AsyncIterable<Conversation>, seed: number, limit?: number): Promise<Conversation[]> {
  const chosen: Array<{ priority: string; conversation: Conversation }> = [];
  for await (const conversation of conversations) {
    if (helperPositions(conversation).length === 0) continue;
    const priority = samplePriority(seed, conversation);
    if (limit === undefined) {
      chosen.push({ priority, conversation });
      continue;
    }
    if (chosen.length >= limit && priority >= chosen[chosen.length - 1]!.priority) continue;
    // Binary search for the insertion point keeps `chosen` sorted.
    let lo = 0;
    let hi = chosen.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (chosen[mid]!.priority < priority) lo = mid + 1;
      else hi = mid;
    }
    chosen.splice(lo, 0, { priority, conversation });
    if (chosen.length > limit) chosen.pop();
  }
  if (limit === undefined) chosen.sort((a, b) => (a.priority < b.priority ? -1 : a.priority > b.priority ? 1 : 0));
  return chosen.map((c) => c.conversation);
}
