/** Find a labelled corpus's dialogues from a path and a split, for each scheme. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { UsageError } from '../../errors.js';
import type { Scheme } from '../labelmap.js';
import { readEsconvDialogues } from './esconv.js';
import { p4gDev, readP4gDialogues } from './p4g.js';
import { readPipeDialogue } from './pipe.js';
import { readStrataWeights, readTypedChat } from './typed-chat.js';
import type { EvalDialogue } from './types.js';

/** `dev` and `val` name the same split: the one held out from tuning (typed chat calls it dev, the others val). */
export const SPLITS = ['train', 'val', 'dev', 'test', 'all'] as const;
export type Split = (typeof SPLITS)[number];

function isDir(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

function txtFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => join(dir, f));
}

/** MRDA and SWDA: a dialogue file, a split folder, or the corpus folder holding train/ and val/. */
function pipeFiles(path: string, split: Split): string[] {
  if (!isDir(path)) return [path];
  if (isDir(join(path, 'train')) || isDir(join(path, 'val'))) {
    const splits = split === 'all' ? ['train', 'val'] : [split === 'dev' ? 'val' : split];
    return splits.flatMap((s) => {
      if (!isDir(join(path, s))) throw new UsageError(`${path}: expected a \`${s}\` folder for --split ${split}, found none. Choose another --split.`);
      return txtFiles(join(path, s));
    });
  }
  return txtFiles(path);
}

/** ESConv: a file, or the folder holding train.txt, valid.txt and test.txt. */
function esconvFiles(path: string, split: Split): string[] {
  if (!isDir(path)) return [path];
  const names = { train: ['train.txt'], val: ['valid.txt'], dev: ['valid.txt'], test: ['test.txt'], all: ['train.txt', 'valid.txt', 'test.txt'] }[split];
  return names.map((n) => {
    const file = join(path, n);
    if (!existsSync(file)) throw new UsageError(`${path}: expected the ESConv file ${n} for --split ${split}, found none. Pass the ESConv folder or one of its files.`);
    return file;
  });
}

/** typed chat: a file, or the folder holding train.jsonl and dev.jsonl (and strata.json, whose weights the turns carry). */
function typedChat(path: string, split: Split): EvalDialogue[] {
  const dir = isDir(path) ? path : dirname(path);
  const strata = join(dir, 'strata.json');
  const weights = existsSync(strata) ? readStrataWeights(strata) : null;
  if (!isDir(path)) return readTypedChat(path, weights);
  const names = { train: ['train.jsonl'], val: ['dev.jsonl'], dev: ['dev.jsonl'], test: ['test.jsonl'], all: ['train.jsonl', 'dev.jsonl'] }[split];
  return names.flatMap((n) => {
    const file = join(path, n);
    if (!existsSync(file)) throw new UsageError(`${path}: expected the typed-chat file ${n} for --split ${split}, found none. Choose another --split (train, dev or all).`);
    return readTypedChat(file, weights);
  });
}

/** Refuse an empty corpus rather than print a table of dashes. */
function nonEmpty(dialogues: EvalDialogue[], scheme: Scheme, path: string): EvalDialogue[] {
  if (dialogues.length === 0) throw new UsageError(`${path}: expected ${scheme} dialogues, found none. Check the path and --split.`);
  return dialogues;
}

function read(scheme: Scheme, path: string, split: Split): EvalDialogue[] {
  switch (scheme) {
    case 'mrda':
      return pipeFiles(path, split).map((f) => readPipeDialogue(f, 4, 5));
    case 'swda':
      return pipeFiles(path, split).map((f) => readPipeDialogue(f, 2, 3));
    case 'esconv':
      return esconvFiles(path, split).flatMap(readEsconvDialogues);
    case 'p4g': {
      const file = isDir(path) ? join(path, 'annotated_300_dialog.csv') : path;
      if (!existsSync(file)) throw new UsageError(`${path}: expected Persuasion for Good's annotated_300_dialog.csv, found none. Pass that file or its folder.`);
      const dialogues = readP4gDialogues(file);
      // It ships no splits: one dialogue in five (by a hash of its id) is dev, the rest train.
      if (split === 'all') return dialogues;
      if (split === 'test') throw new UsageError(`${path}: Persuasion for Good has no test split. Choose --split train, dev or all.`);
      return dialogues.filter((d) => p4gDev(d.id) === (split !== 'train'));
    }
    case 'typed-chat':
      return typedChat(path, split);
  }
}

export function readLabelled(scheme: Scheme, path: string, split: Split): EvalDialogue[] {
  if (!existsSync(path)) throw new UsageError(`Expected a labelled corpus at ${path}, found nothing there. Check the path.`);
  return nonEmpty(read(scheme, path, split), scheme, path);
}
