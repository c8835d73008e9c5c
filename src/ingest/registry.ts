/** The adapters, in one list: detect a file's format, or look one up by the id given to --format. */
import { AUTO } from '../choices.js';
import { printable, UsageError } from '../errors.js';
import { chatgpt } from './chatgpt.js';
import { claude } from './claude.js';
import { convokit } from './convokit.js';
import { esconv } from './esconv.js';
import { lmsys } from './lmsys.js';
import { mathdial } from './mathdial.js';
import { multiwoz } from './multiwoz.js';
import { openai } from './openai.js';
import { persuasionforgood } from './persuasionforgood.js';
import { sharegpt } from './sharegpt.js';
import { transcript } from './transcript.js';
import type { Adapter, Sample } from './types.js';
import { wildchat } from './wildchat.js';

export { AUTO };

export const ADAPTERS: readonly Adapter[] = [chatgpt, claude, openai, sharegpt, wildchat, lmsys, convokit, transcript, esconv, persuasionforgood, mathdial, multiwoz];

export interface FormatInfo {
  id: string;
  description: string;
  extensions: readonly string[];
}

/** The formats, for --help. */
export function listFormats(): FormatInfo[] {
  return ADAPTERS.map(({ id, description, extensions }) => ({ id, description, extensions }));
}

const ids = () => ADAPTERS.map((a) => a.id).join(', ');

export function getAdapter(id: string): Adapter {
  const adapter = ADAPTERS.find((a) => a.id === id);
  if (!adapter) throw new UsageError(`Expected --format ${AUTO} or one of ${ids()}, found \`${id}\`. Pass one of those names.`);
  return adapter;
}

/** Adapters whose detect() accepts the sample. */
export function matchFormats(sample: Sample): Adapter[] {
  return ADAPTERS.filter((a) => a.detect(sample));
}

/** The one adapter that matches, else a UsageError listing the accepted ids. */
export function detectFormat(sample: Sample): Adapter {
  const matches = matchFormats(sample);
  if (matches.length === 1) return matches[0]!;
  if (matches.length === 0 && !sample.head.trim()) {
    throw new UsageError(`${printable(sample.path)}: expected a file in one of the formats ${ids()}, found an empty file. Name a file that holds conversations.`);
  }
  const found = matches.length === 0 ? 'none that matches' : `several that match (${matches.map((a) => a.id).join(', ')})`;
  throw new UsageError(`${printable(sample.path)}: expected a file in one of the formats ${ids()}, found ${found}. Pass --format NAME to choose one.`);
}
