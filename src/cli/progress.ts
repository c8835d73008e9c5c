/** Progress on stderr for long runs, only when it is a terminal: bytes read of the current file. */
import { SingleBar } from 'cli-progress';
import type { Progress } from '../ingest/index.js';
import type { TallyOptions, TallyRun } from '../pipeline.js';
import type { Io } from './io.js';
import type { InputArgs } from './options.js';

export interface Reporter {
  onProgress?: (p: Progress) => void;
  conversation(): void;
  stop(): void;
}

export function progressReporter(io: Io, enabled: boolean): Reporter {
  if (!enabled || !io.interactive) return { conversation() {}, stop() {} };
  let conversations = 0;
  let file = '';
  const bar = new SingleBar(
    { stream: io.stderr as NodeJS.WritableStream, format: '{file} [{bar}] {percentage}% | {conversations} conversations | {eta_formatted} left', hideCursor: true, clearOnComplete: true, etaBuffer: 50 },
  );
  return {
    onProgress(p) {
      if (p.file !== file) {
        file = p.file;
        if (bar.isActive) bar.stop();
        bar.start(p.totalBytes ?? 0, 0, { file: file.length > 40 ? `…${file.slice(-39)}` : file, conversations });
      }
      bar.update(p.bytes, { conversations });
    },
    conversation() {
      conversations += 1;
    },
    stop() {
      if (bar.isActive) bar.stop();
    },
  };
}

/**
 * Read, tag and count the inputs as the input options say (read in `format`), with progress on
 * stderr until the run ends: `analyze`, `gate` and `tag` once their options are read.
 * `onConversation` is called after the bar counts each conversation. The pipeline is imported when
 * a run starts: `queue` and `replay` load this file for their counts alone.
 */
export async function tallyWithProgress(io: Io, args: InputArgs, format: string, options: Pick<TallyOptions, 'by' | 'shard' | 'explain' | 'onConversation'>): Promise<TallyRun> {
  const { tallyInputs } = await import('../pipeline.js');
  const progress = progressReporter(io, args.progress);
  const { onConversation } = options;
  try {
    return await tallyInputs(args.inputs, {
      ...options,
      format,
      model: args.model,
      skipInvalid: args.skipInvalid,
      jobs: args.jobs,
      stdin: io.stdin,
      tagger: args.tagger,
      onProgress: progress.onProgress,
      onConversation: (conversation, tagged) => {
        progress.conversation();
        return onConversation?.(conversation, tagged);
      },
    });
  } finally {
    progress.stop();
  }
}

export interface CountReporter {
  /** `done` of `total` finished. */
  update(done: number, total: number): void;
  /** A short note shown after the count, such as how many retries there were. */
  note(text: string): void;
  stop(): void;
}

/** A bar of done, total and time left, on stderr when it is a terminal: `grounding replay`'s requests. */
export function countReporter(io: Io, enabled: boolean, noun: string): CountReporter {
  if (!enabled || !io.interactive) return { update() {}, note() {}, stop() {} };
  let note = '';
  const bar = new SingleBar(
    { stream: io.stderr as NodeJS.WritableStream, format: `[{bar}] {value}/{total} ${noun} | {eta_formatted} left{note}`, hideCursor: true, clearOnComplete: true, etaBuffer: 50 },
  );
  return {
    update(done, total) {
      if (!bar.isActive) bar.start(total, 0, { note });
      bar.update(done, { note });
    },
    note(text) {
      note = ` | ${text}`;
      if (bar.isActive) bar.update({ note });
    },
    stop() {
      if (bar.isActive) bar.stop();
    },
  };
}
