/** `grounding replay`: a candidate model's replies at the helper positions of human conversations. */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { UsageError } from '../errors.js';
import { AUTO, listFormats } from '../ingest/index.js';
import { openAtomic } from '../report/atomic.js';
import { formatAccounts } from '../report/index.js';
import { CORPUS_NAMES, corpusInputs } from '../replay/sample.js';
import { chatCompletionsUrl } from '../replay/client.js';
import { replay, type ReplayPlan, type ReplayResult } from '../replay/run.js';
import { checkWritable, write, type Io } from './io.js';
import type { CommandBody } from './main.js';
import { countReporter } from './progress.js';

/** Body fields the command sets itself; `--param` may not replace them. */
const RESERVED = new Set(['model', 'messages', 'stream']);

/** The replies cache: $GROUNDING_CACHE, else the XDG cache folder. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.GROUNDING_CACHE) return join(env.GROUNDING_CACHE, 'replay');
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'grounding', 'replay');
}

/** `--param key=value`: the value as JSON when it reads as JSON (`0.9`, `true`, `[1]`), else as a string. */
export function parseParams(pairs: readonly string[]): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    const key = eq > 0 ? pair.slice(0, eq).trim() : '';
    if (!key) throw new UsageError(`Expected --param KEY=VALUE, found \`${pair}\`. Write it as, for example, --param top_p=0.9.`);
    if (RESERVED.has(key)) throw new UsageError(`Expected a --param other than ${[...RESERVED].join(', ')}, found \`${key}\`. Those are set by replay itself; use --model for the model.`);
    const raw = pair.slice(eq + 1);
    try {
      params[key] = JSON.parse(raw);
    } catch {
      params[key] = raw;
    }
  }
  return params;
}

const number = (n: number) => n.toLocaleString('en-US');

function planText(plan: ReplayPlan): string {
  const shared = plan.positions - plan.distinct;
  return (
    `replay: ${number(plan.conversations)} conversations, ${number(plan.positions)} helper positions` +
    `${shared > 0 ? ` (${number(shared)} repeat an earlier context and share its request)` : ''}; ${number(plan.cached)} replies in the cache, ` +
    `${number(plan.requests)} requests to make (${number(plan.promptChars)} characters of prompt, about ${number(Math.round(plan.promptChars / 4))} tokens at 4 characters a token)\n`
  );
}

function resultText(r: ReplayResult, out: string | undefined): string {
  const lines = [`replies: ${number(r.requests)} requested, ${number(r.cached)} from the cache; ${number(r.positions - r.refused)} records${out ? ` written to ${out}` : ''}`];
  if (r.refused > 0) {
    lines.push(
      `warning: the endpoint refused ${number(r.refused)} of ${number(r.positions)} positions, which are left out (${r.refusedExamples.join('; ')}${r.refused > r.refusedExamples.length ? '; …' : ''}). ` +
        'A context too long for the model is the usual cause; a rerun asks for these again',
    );
  }
  if (r.empty > 0 || r.truncated > 0) lines.push(`warning: ${number(r.empty)} empty replies, ${number(r.truncated)} cut at the token limit (finish_reason length); raise --max-tokens if the cut ones matter`);
  const reported = r.positions - r.refused - r.withoutUsage;
  if (reported > 0) lines.push(`tokens the endpoint reported over ${number(reported)} positions: ${number(r.promptTokens)} prompt, ${number(r.completionTokens)} completion`);
  return `${lines.join('\n')}\n`;
}

export function replayCommand(io: Io): CommandBody {
  return {
    builder: (y) =>
      y
        .option('corpus', { type: 'string', demandOption: true, describe: `${CORPUS_NAMES.join(', ')} (found under --corpus-dir), or a file, folder or glob of conversations` })
        .option('corpus-dir', { type: 'string', default: '../shared/corpora/human', describe: `Folder holding ${CORPUS_NAMES.map((n) => `${n}/`).join(', ')} (as for baseline build)` })
        .option('format', { alias: 'f', type: 'string', default: AUTO, describe: `Format of a --corpus file: ${AUTO} or one of ${listFormats().map((f) => f.id).join(', ')}` })
        .option('skip-invalid', { type: 'boolean', default: false, describe: 'Count malformed corpus records as skipped instead of failing' })
        .option('endpoint', { type: 'string', describe: 'Base URL of an OpenAI-compatible API, e.g. http://localhost:8000/v1 (vLLM), http://localhost:11434/v1 (Ollama)' })
        .option('model', { type: 'string', demandOption: true, describe: 'The model name the endpoint serves' })
        .option('api-key-env', { type: 'string', default: 'OPENAI_API_KEY', describe: 'Environment variable holding the API key (sent as a bearer token; none is sent when it is unset)' })
        .option('system', { type: 'string', describe: "A system prompt describing the helper's role" })
        .option('system-file', { type: 'string', describe: 'Read the system prompt from FILE' })
        .option('temperature', { type: 'number', describe: 'Sampling temperature (default: the server’s)' })
        .option('max-tokens', { type: 'number', describe: 'Longest reply, in tokens (default: the server’s)' })
        .option('param', { type: 'string', array: true, default: [] as string[], describe: 'Another request field, KEY=VALUE (repeatable): top_p=0.9, seed=7, max_completion_tokens=800' })
        .option('limit', { type: 'number', describe: 'Replay this many conversations, chosen by --seed (default: all)' })
        .option('seed', { type: 'number', default: 1, describe: 'Seed of the sample; with one seed a larger --limit keeps the smaller sample' })
        .option('out', { alias: 'o', type: 'string', describe: 'Write the records to FILE (whole or not at all) instead of stdout' })
        .option('concurrency', { type: 'number', default: 4, describe: 'Requests in flight at once' })
        .option('retries', { type: 'number', default: 6, describe: 'Retries of a request after 408, 429, 5xx, a timeout or a network error' })
        .option('retry-delay', { type: 'number', default: 1, describe: 'First backoff in seconds; it doubles each retry (with jitter, up to 60 s); Retry-After wins' })
        .option('timeout', { type: 'number', default: 120, describe: 'Seconds to wait for one reply' })
        .option('cache', { type: 'string', describe: 'Folder for replies, so a rerun asks for nothing twice (default: $GROUNDING_CACHE/replay or ~/.cache/grounding/replay); --no-cache keeps none' })
        .option('dry-run', { type: 'boolean', default: false, describe: 'Count the positions and requests to make, and send nothing' })
        .option('progress', { type: 'boolean', default: true, describe: 'Show progress on stderr when it is a terminal' })
        .example('$0 replay --corpus esconv --limit 100 --endpoint http://localhost:8000/v1 --model my-candidate -o replay.jsonl', 'Replay 100 ESConv conversations against a local vLLM server')
        .example('$0 replay --corpus mathdial --limit 50 --model gpt-4o-mini --dry-run', 'Count the requests first'),
    handler: async (argv) => {
      const args = argv as unknown as {
        corpus: string; corpusDir: string; format: string; skipInvalid: boolean; endpoint?: string; model: string; apiKeyEnv: string;
        system?: string; systemFile?: string; temperature?: number; maxTokens?: number; param: string[]; limit?: number; seed: number;
        out?: string; concurrency: number; retries: number; retryDelay: number; timeout: number; cache?: string | false; dryRun: boolean; progress: boolean;
      };
      const whole = (name: string, value: number | undefined, min: number) => {
        if (value !== undefined && (!Number.isInteger(value) || value < min)) throw new UsageError(`Expected --${name} to be a whole number of at least ${min}, found \`${value}\`.`);
      };
      whole('limit', args.limit, 1);
      whole('seed', args.seed, 0);
      whole('concurrency', args.concurrency, 1);
      whole('retries', args.retries, 0);
      whole('max-tokens', args.maxTokens, 1);
      for (const [name, value] of [['retry-delay', args.retryDelay], ['timeout', args.timeout]] as const) {
        if (!(value >= 0) || (name === 'timeout' && value === 0)) throw new UsageError(`Expected --${name} to be a positive number of seconds, found \`${value}\`.`);
      }
      if (args.system !== undefined && args.systemFile !== undefined) throw new UsageError('Expected one of --system and --system-file, found both. Pass one.');
      if (!args.dryRun && !args.endpoint) throw new UsageError('Expected --endpoint URL (the base URL of an OpenAI-compatible API), found none. Pass it, or --dry-run to only count the requests.');
      // A bad URL is said before the corpus is read.
      if (!args.dryRun) chatCompletionsUrl(args.endpoint!);
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(args.apiKeyEnv)) throw new UsageError(`Expected --api-key-env to name an environment variable, found \`${args.apiKeyEnv}\`. Pass the variable's name, not the key.`);
      let system = args.system;
      if (args.systemFile !== undefined) {
        try {
          system = readFileSync(args.systemFile, 'utf8').trim();
        } catch (error) {
          throw new UsageError(`Expected a readable --system-file, found ${(error as NodeJS.ErrnoException).code ?? 'an error'} for ${args.systemFile}. Check the path.`);
        }
      }
      const params = {
        ...parseParams(args.param),
        ...(args.temperature !== undefined && { temperature: args.temperature }),
        ...(args.maxTokens !== undefined && { max_tokens: args.maxTokens }),
      };
      if (args.out) checkWritable(args.out);
      const { inputs, format } = corpusInputs(args.corpus, args.corpusDir, args.format);
      if (args.cache === '') throw new UsageError('Expected --cache FOLDER, found an empty value. Name a folder, or pass --no-cache to keep no replies.');
      const cacheDir = args.cache === false ? null : (args.cache ?? defaultCacheDir());
      const apiKey = process.env[args.apiKeyEnv] || undefined;

      const controller = new AbortController();
      const interrupt = () => controller.abort();
      process.once('SIGINT', interrupt);
      process.once('SIGTERM', interrupt);
      const file = args.out && !args.dryRun ? await openAtomic(args.out) : null;
      const out: Writable = file ? file.stream : io.stdout;
      const progress = countReporter(io, args.progress, 'requests');
      let requested = 0;
      let retries = 0;
      try {
        const result = await replay({
          inputs,
          format,
          skipInvalid: args.skipInvalid,
          model: args.model,
          system,
          params,
          limit: args.limit,
          seed: args.seed,
          concurrency: args.concurrency,
          cacheDir,
          client: args.dryRun
            ? undefined
            : {
                endpoint: args.endpoint!,
                apiKey,
                authHint: `Put the API key in the environment variable ${args.apiKeyEnv}${apiKey ? ' (it is set, but the endpoint refused it)' : ' (it is not set)'}, or name another with --api-key-env.`,
                timeoutMs: args.timeout * 1000,
                retries: args.retries,
                retryDelayMs: args.retryDelay * 1000,
              },
          signal: controller.signal,
          onPlan: (plan) => {
            io.stderr.write(planText(plan));
            if (!args.dryRun && plan.requests > 0) progress.update(0, plan.requests);
          },
          onRetry: ({ retry, delayMs, why }) => {
            retries += 1;
            // On a terminal the bar shows the count; in a CI log each retry gets a line.
            if (io.interactive && args.progress) progress.note(`${number(retries)} ${retries === 1 ? 'retry' : 'retries'}`);
            else io.stderr.write(`retry ${retry} in ${(delayMs / 1000).toFixed(1)} s: ${why}\n`);
          },
          onReply: (done, total) => {
            requested = done;
            progress.update(done, total);
          },
          write: (line) => write(out, line),
        });
        progress.stop();
        await file?.commit();
        if (!args.dryRun) await write(io.stderr, resultText(result, args.out));
        await write(io.stderr, formatAccounts(result.files));
      } catch (error) {
        progress.stop();
        await file?.abort();
        if (controller.signal.aborted) {
          throw new UsageError(`Interrupted after ${number(requested)} new replies${cacheDir ? `, which are cached in ${cacheDir}; run the same command again to go on from there` : ' (--no-cache: they are not kept)'}.`);
        }
        throw error;
      } finally {
        process.off('SIGINT', interrupt);
        process.off('SIGTERM', interrupt);
      }
    },
  };
}
