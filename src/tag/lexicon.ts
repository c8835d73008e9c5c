/**
 * Lexicons are data: `lexicons/en/<act>.yml`, one per act. They are validated with zod when they
 * load, and each pattern is compiled once. Errors name the file, the entry and the fix.
 *
 * The build also writes the bundled lexicons compiled (`dist/lexicons.json`, by
 * scripts/compile-lexicons.mjs), so that a run starts without parsing YAML and patterns: about
 * 0.1 s of every start-up. It is used only while it was compiled from the same YAML by the same
 * code; otherwise the YAML is read as always.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { compiledKey } from '../compiled.js';
import { parseData, parseYamlData, UsageError } from '../errors.js';
import { ACT_IDS, ActIdSchema, type ActId } from '../model.js';
import { compilePattern, patternAnchor, PatternError, type Anchor } from './pattern.js';

const ConditionsSchema = z
  .object({
    /** true: only the first sentence of the turn (an acknowledgement opens a reply); false: never the first. */
    first: z.boolean().optional(),
    /** Only when the sentence is the whole turn: a bare "yeah" backchannel. */
    alone: z.boolean().optional(),
    /** What the other party's previous turn ended with. */
    after: z.enum(['question', 'statement']).optional(),
    /** Only when the sentence asks something: a final "?", or compromise's reading when it has no final mark. */
    question: z.boolean().optional(),
    /** Only in a short turn or a long turn's last block, where a question is put to the other. */
    closing: z.boolean().optional(),
    /** Only when the sentence's speaker has this role. */
    role: z.enum(['user', 'assistant']).optional(),
    /**
     * true: counts in a turn with no turn before it too. Without it a cue needs a turn before, since
     * the acts answer one (what they clarify, acknowledge, restate, follow up, repair or comfort);
     * a check that the listener follows ("Does that make sense?") is about the speaker's own words.
     */
    standalone: z.boolean().optional(),
  })
  .strict();
export type Conditions = z.infer<typeof ConditionsSchema>;

const EntrySchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use kebab-case, e.g. `do-you-mean`'),
    /** `cue` entries find the act; `veto` entries rule it out for the sentence (offers, quiz questions). */
    kind: z.enum(['cue', 'veto']).default('cue'),
    patterns: z.array(z.string().min(1, 'a pattern may not be empty')).min(1, 'give at least one pattern'),
    note: z.string().min(1, 'say why this is a cue'),
    example: z.string().min(1, 'give a sentence the entry is for'),
    counterexample: z.string().optional(),
    when: ConditionsSchema.optional(),
  })
  .strict();

const LexiconFileSchema = z
  .object({
    act: ActIdSchema,
    description: z.string().min(1),
    sets: z.record(z.string(), z.array(z.string().min(1)).min(1)).default({}),
    entries: z.array(EntrySchema).min(1),
  })
  .strict();

export interface LexiconEntry {
  /** `<act>/<entry id>`, the rule id that findings carry. */
  rule: string;
  id: string;
  kind: 'cue' | 'veto';
  /** `anchor`: what every match holds, for the candidate filter; null for a veto (the filter needs cues only) or when none was found. */
  patterns: Array<{ source: string; regex: RegExp; anchor: Anchor | null }>;
  note: string;
  example: string;
  counterexample?: string;
  when: Conditions;
}

export interface Lexicon {
  act: ActId;
  description: string;
  file: string;
  entries: LexiconEntry[];
}

export function lexiconDir(): string {
  // src/tag/lexicon.ts and dist/tag/lexicon.js both sit two levels below the package root.
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'lexicons', 'en');
}

function fail(file: string, where: string, problem: string, fix: string): never {
  throw new UsageError(`${file}: ${where}: ${problem}. ${fix}`);
}

const SharedFileSchema = z.object({ sets: z.record(z.string(), z.array(z.string().min(1)).min(1)) }).strict();

/** Sets every lexicon may name; a lexicon's own set of the same name wins. */
export type SharedSets = Record<string, string[]>;

function validate<T>(schema: z.ZodType<T>, text: string, file: string): T {
  return parseData(schema, parseYamlData(text, file, 'Fix the YAML syntax.'), file, 'The format is in README.md, under "The acts and how they are found".');
}

export function parseLexicon(text: string, file: string, shared: SharedSets = {}): Lexicon {
  const data = validate(LexiconFileSchema, text, file);
  const sets = { ...shared, ...data.sets };
  const seen = new Set<string>();
  const entries = data.entries.map((entry, i) => {
    const where = `entry ${i + 1} (\`${entry.id}\`)`;
    if (seen.has(entry.id)) fail(file, where, `duplicate id \`${entry.id}\``, 'Give each entry its own id.');
    seen.add(entry.id);
    const patterns = entry.patterns.map((source) => {
      try {
        const regex = compilePattern(source, sets);
        return { source, regex, anchor: entry.kind === 'cue' ? patternAnchor(source, sets) : null };
      } catch (error) {
        if (error instanceof PatternError) fail(file, `${where}, pattern \`${source}\``, error.message, 'Rewrite the pattern.');
        throw error;
      }
    });
    return {
      rule: `${data.act}/${entry.id}`,
      id: entry.id,
      kind: entry.kind,
      patterns,
      note: entry.note,
      example: entry.example,
      counterexample: entry.counterexample,
      when: entry.when ?? {},
    } satisfies LexiconEntry;
  });
  return { act: data.act, description: data.description, file, entries };
}

export interface LoadedLexicons {
  lexicons: Map<ActId, Lexicon>;
  /** Of the YAML files' names and texts: what a baseline records, to tell which lexicons measured it. */
  hash: string;
  /** Parsed from the YAML, or read from the build's compiled form of the same YAML. */
  from: 'yaml' | 'compiled';
}

let cache: LoadedLexicons | null = null;

/** The YAML files of a lexicon folder, shared sets (`_*.yml`) first, with their texts, and the hash of those and of its word lists. */
function readFolder(dir: string): { shared: Array<[string, string]>; acts: Array<[string, string]>; hash: string } {
  const hash = createHash('sha256');
  const files = readdirSync(dir).sort();
  const all = files.filter((f) => f.endsWith('.yml'));
  const read = (names: string[]) =>
    names.map((name): [string, string] => {
      const text = readFileSync(join(dir, name), 'utf8');
      hash.update(name).update('\0').update(text);
      return [name, text];
    });
  // Files named `_*.yml` hold shared sets, not an act.
  const shared = read(all.filter((f) => f.startsWith('_')));
  const acts = read(all.filter((f) => !f.startsWith('_')));
  // The word lists beside them (`*.txt`, e.g. the feelings that gate the model's reassurance) decide tags too: the hash covers them.
  read(files.filter((f) => f.endsWith('.txt')));
  return { shared, acts, hash: hash.digest('hex').slice(0, 16) };
}

/**
 * Load and compile every lexicon once, or read them as the build compiled them (`compiled`, by
 * default dist/lexicons.json for the bundled folder) while that matches; the file for each act
 * must exist and name its act.
 */
export function loadLexicons(dir = lexiconDir(), compiled?: string | null): LoadedLexicons {
  const bundled = dir === lexiconDir();
  if (cache && bundled) return cache;
  const folder = readFolder(dir);
  const from = compiled === undefined ? (bundled ? compiledLexiconsFile() : null) : compiled;
  const result = (from && readCompiled(from, dir, folder.hash)) || parseFolder(dir, folder);
  if (bundled) cache = result;
  return result;
}

function parseFolder(dir: string, { shared: sharedFiles, acts, hash }: ReturnType<typeof readFolder>): LoadedLexicons {
  const lexicons = new Map<ActId, Lexicon>();
  const shared: SharedSets = {};
  for (const [name, text] of sharedFiles) Object.assign(shared, validate(SharedFileSchema, text, join(dir, name)).sets);
  const names = acts.map(([name]) => name);
  for (const act of ACT_IDS) {
    if (!names.includes(`${act}.yml`)) throw new UsageError(`${dir}: expected a lexicon file \`${act}.yml\` for the act \`${act}\`, found none. Add it.`);
  }
  for (const [name, text] of acts) {
    const file = join(dir, name);
    const lexicon = parseLexicon(text, file, shared);
    if (`${lexicon.act}.yml` !== name) throw new UsageError(`${file}: expected \`act: ${name.replace(/\.yml$/, '')}\` to match the file name, found \`act: ${lexicon.act}\`. Rename the file or fix the act.`);
    lexicons.set(lexicon.act, lexicon);
  }
  return { lexicons, hash, from: 'yaml' };
}

/** Where the build writes the bundled lexicons compiled: dist/lexicons.json beside dist/tag/ (none beside src/tag/). */
export function compiledLexiconsFile(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', 'lexicons.json');
}

/** What the compiled form was made from: the YAML, and this module and pattern.ts, which compile it. */
const lexiconsKey = (yamlHash: string) => compiledKey(yamlHash, import.meta.url, ['lexicon', 'pattern']);

interface CompiledLexicons {
  key: string;
  lexicons: Array<Omit<Lexicon, 'file' | 'entries'> & { name: string; entries: Array<Omit<LexiconEntry, 'patterns'> & { patterns: Array<{ source: string; regex: { source: string; flags: string }; anchor: Anchor | null }> }> }>;
}

/** The compiled form of a folder's lexicons, as JSON (scripts/compile-lexicons.mjs writes it at build). */
export function compileLexicons(dir = lexiconDir()): string {
  const { lexicons, hash } = parseFolder(dir, readFolder(dir));
  const data: CompiledLexicons = {
    key: lexiconsKey(hash),
    lexicons: [...lexicons.values()].map(({ file, entries, ...lexicon }) => ({
      ...lexicon,
      name: basename(file),
      entries: entries.map((entry) => ({ ...entry, patterns: entry.patterns.map((p) => ({ ...p, regex: { source: p.regex.source, flags: p.regex.flags } })) })),
    })),
  };
  return `${JSON.stringify(data)}\n`;
}

/** The compiled lexicons, if `file` holds them for exactly this YAML and code; null otherwise. */
function readCompiled(file: string, dir: string, hash: string): LoadedLexicons | null {
  let data: CompiledLexicons;
  try {
    data = JSON.parse(readFileSync(file, 'utf8')) as CompiledLexicons;
  } catch {
    // Absent (a source checkout before a build) or unreadable: the YAML answers.
    return null;
  }
  if (data.key !== lexiconsKey(hash)) return null;
  const lexicons = new Map<ActId, Lexicon>();
  for (const { name, entries, ...lexicon } of data.lexicons) {
    lexicons.set(lexicon.act, {
      ...lexicon,
      file: join(dir, name),
      entries: entries.map((entry) => ({ ...entry, patterns: entry.patterns.map((p) => ({ ...p, regex: new RegExp(p.regex.source, p.regex.flags) })) })),
    });
  }
  return { lexicons, hash, from: 'compiled' };
}
