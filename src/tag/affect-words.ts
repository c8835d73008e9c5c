/**
 * Whether wink-nlp's sentiment could score a text at all, asked before reading it (affect.ts). Most
 * turns hold no word of its lexicon, and for those wink-nlp's tokenizer, sentence splitter and
 * negation would run only to give 0. The answer is exact: false only where every sentence would
 * score 0. It looks for the forms of segment/sentences.ts's sentimentForms in the lower-cased text:
 *   - a form of ASCII letters and digits alone ("happy", "gr8", "cannot") must stand as a whole
 *     run of them, unless the run is one wink-nlp's tokenizer may cut (runHolds): one with a
 *     digit, a currency code, or an emoticon before it, searched whole. wink-nlp cuts no other
 *     run (wink-eng-lite-web-model's tokenizer patterns, its `trex`) but into a contraction's
 *     expansions, and a contraction is a form of its own;
 *   - any other form (":)", "❤", "can't", "o.k.", "naïve") may stand anywhere, and is found from
 *     its first character that is no ASCII letter or digit.
 * The build finds and sorts the forms (scripts/compile-affect-words.mjs writes dist/affect-words.json,
 * about 80 ms of work; sorting them alone took 10 ms of a run's start-up). A thread reads that file
 * when the build found them in the installed versions of wink-nlp and its English model, and finds
 * them itself otherwise. With versions sentimentForms was not
 * written against there are no forms, and every text may score.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lowersToAscii } from '../segment/normalize.js';
import { sentimentForms, winkVersions } from '../segment/sentences.js';

/**
 * Of a pattern's words, the one to look for: the rarest, roughly. Any word of a pattern is exact,
 * but one common in chat would send most turns to wink-nlp ("for sure" by "sure", not "for").
 */
const COMMON = new Set(
  (
    'a an the and or but if of to in on at by for with from into onto up down out off over under about as than then so too very not no yes ' +
    'is am are was were be been being have has had having do does did done can could will would shall should may might must ' +
    'i me my you your he him his she her it its we us our they them their this that these those ' +
    'what which who whom whose when where why how all any some each every both either neither one two first now just only also still even ' +
    'more most less least much many such own same other well here there get got go going make made take like want need know think see say said ' +
    'time way thing things good new old right sure back'
  ).split(' '),
);

/** Punctuation first, then digits, then common words, then the longest other word. */
function rank(word: string): number {
  if (!/[\p{L}\p{N}]/u.test(word)) return 0;
  if (!/\p{L}/u.test(word)) return 1;
  if (COMMON.has(word.toLowerCase())) return 2 + word.length;
  return 100 + word.length;
}

/** The index of the word of a pattern to look for. */
export function chooseWord(words: readonly string[]): number {
  let best = 0;
  for (let i = 1; i < words.length; i += 1) if (rank(words[i]!) > rank(words[best]!)) best = i;
  return best;
}

const isAlnum = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
const isDigit = (c: number) => c >= 48 && c <= 57;

export interface AffectWords {
  /** Forms of ASCII letters and digits alone: looked up whole. */
  words: Set<string>;
  /** The length of the longest of them. */
  longest: number;
  /** The other forms by their first character that is no ASCII letter or digit, with its offset in the form. */
  keyed: Map<string, Array<{ form: string; at: number }>>;
}

/** Sort the forms into whole words and keyed ones. */
export function affectWords(forms: readonly string[]): AffectWords {
  const words = new Set<string>();
  let longest = 0;
  const keyed = new Map<string, Array<{ form: string; at: number }>>();
  for (const form of forms) {
    let at = 0;
    while (at < form.length && isAlnum(form.charCodeAt(at))) at += 1;
    if (at === form.length) {
      if (form !== '') words.add(form);
      longest = Math.max(longest, form.length);
      continue;
    }
    const key = form[at]!;
    let list = keyed.get(key);
    if (!list) keyed.set(key, (list = []));
    list.push({ form, at });
  }
  return { words, longest, keyed };
}

/** Where the build writes the forms: dist/affect-words.json (none beside src/). */
export function compiledAffectWordsFile(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', 'affect-words.json');
}

interface CompiledForms {
  /** The versions of wink-nlp and its English model they were found in (winkVersions). */
  wink: string;
  /** The forms already sorted (affectWords), so that a run only rebuilds the lookups; null where sentimentForms has none. */
  sorted: { words: string[]; longest: number; keyed: Array<[string, Array<{ form: string; at: number }>]> } | null;
}

/** The forms of the installed English model as JSON, for the build. */
export function compileAffectWords(): string {
  const forms = sentimentForms(chooseWord);
  const sorted = forms && affectWords(forms);
  const data: CompiledForms = { wink: winkVersions(), sorted: sorted && { words: [...sorted.words], longest: sorted.longest, keyed: [...sorted.keyed] } };
  return `${JSON.stringify(data)}\n`;
}

/** The build's forms, if it found them in the installed versions of wink-nlp and its model; undefined otherwise. */
function readCompiled(file: string): AffectWords | null | undefined {
  let data: CompiledForms;
  try {
    data = JSON.parse(readFileSync(file, 'utf8')) as CompiledForms;
  } catch {
    // Absent (a source checkout before a build) or unreadable: they are found here.
    return undefined;
  }
  if (data.wink !== winkVersions()) return undefined;
  return data.sorted && { words: new Set(data.sorted.words), longest: data.sorted.longest, keyed: new Map(data.sorted.keyed) };
}

let shipped: AffectWords | null | undefined;

/** The forms of the installed English model, sorted once; null for versions sentimentForms was not written against. */
function loaded(): AffectWords | null {
  if (shipped === undefined) {
    shipped = readCompiled(compiledAffectWordsFile());
    if (shipped === undefined) {
      const forms = sentimentForms(chooseWord);
      shipped = forms && affectWords(forms);
    }
  }
  return shipped;
}

// Where wink-nlp's tokenizer may cut a run of ASCII letters and digits short of its ends: a number
// that a time, an ordinal or a decade ends ("5pm", "2nd", "80s"), a currency code ("USD", "US$") and
// an emoticon's letter (":D", ";-P", "\\o/"). Such a run is searched whole for forms.
const CURRENCY = /usd|aud|inr|gbp/;
const EMOTICON_BEFORE = /(?:[:;]-?|\\)$/;

/** Whether a run of ASCII letters and digits holds a form: whole, or anywhere in it where the tokenizer may cut it (above). */
function runHolds(text: string, from: number, to: number, words: Set<string>, longest: number): boolean {
  const run = text.slice(from, to);
  if (words.has(run)) return true;
  let digits = false;
  for (let i = 0; i < run.length && !digits; i += 1) digits = isDigit(run.charCodeAt(i));
  if (!digits && !CURRENCY.test(run) && text.charCodeAt(to) !== 36 /* $ */ && !EMOTICON_BEFORE.test(text.slice(Math.max(0, from - 2), from))) return false;
  for (let i = 0; i < run.length; i += 1) {
    for (let j = i + 1; j <= run.length && j - i <= longest; j += 1) if (words.has(run.slice(i, j))) return true;
  }
  return false;
}

/** Whether any form stands in `text`: false means wink-nlp's sentiment scores every sentence of it 0. */
export function mayHoldSentiment(text: string, forms: AffectWords | null = loaded()): boolean {
  if (!forms) return true;
  // A character whose lower case is ASCII though it is not (lowersToAscii): wink-nlp may split it off where this would not.
  for (let i = 0; i < text.length; i += 1) if (lowersToAscii(text.charCodeAt(i))) return true;
  const { words, longest, keyed } = forms;
  const lower = text.toLowerCase();
  let run = -1;
  for (let i = 0; i <= lower.length; i += 1) {
    const c = i < lower.length ? lower.charCodeAt(i) : 32;
    if (isAlnum(c)) {
      if (run < 0) run = i;
      continue;
    }
    if (run >= 0) {
      if (runHolds(lower, run, i, words, longest)) return true;
      run = -1;
    }
    if (i === lower.length || c === 32) continue;
    const candidates = keyed.get(lower[i]!);
    if (candidates) for (const { form, at } of candidates) if (i >= at && lower.startsWith(form, i - at)) return true;
  }
  return false;
}
