/**
 * Whether compromise reads a text as asking something: its `questions().found`. compromise is
 * about 40× slower than wink-nlp, so this is asked only of candidate sentences that stop without
 * final punctuation (context.ts readsAsQuestion), and loaded on first use.
 *
 * With COMPROMISE_VERSION, the answer is worked out here from the parsed text as that version's
 * own test does (src/3-three/sentences/questions.js): a sentence asks when it ends with "?", and
 * otherwise by its first words, unless it trails off ("..") or opens with a question word and
 * has a comma. Only its last test, a clause that reads "is wayne gretzky alive", needs the
 * sentence cut into clauses, which costs as much as the rest of the test: compromise cuts every
 * sentence first, and here only a sentence that reaches that test is cut (cutting clauses only
 * reads the parse, so the earlier tests read the same). On the 514 texts the shared corpora ask it
 * about, the test after parsing took 59 ms against 186 ms (warm), with the same answers. With
 * another version, compromise's own `questions()` answers.
 * test/tag/question.test.ts compares the two over generated texts and the fixtures;
 * test/corpora/question.test.ts over the shared corpora's unpunctuated lines.
 */
import { createRequire } from 'node:module';

/** The version of compromise whose question test this follows. */
export const COMPROMISE_VERSION = '14.17.0';

interface Term {
  /** [sentence, term] in the document. */
  index: [number, number];
  /** What follows the term: spaces and punctuation. */
  post: string;
}

/** The part of a compromise View read here. */
interface View {
  document: Term[][];
  docs: Term[][];
  found: boolean;
  some(test: (sentence: View) => boolean): boolean;
  has(match: string): boolean;
  out(format: 'text'): string;
  clauses(): View;
  questions(): View;
}

type Compromise = ((text: string) => View) & { version?: string };

let loaded: { nlp: Compromise; ownTest: boolean } | null = null;

function load(): NonNullable<typeof loaded> {
  if (loaded) return loaded;
  const nlp = createRequire(import.meta.url)('compromise') as Compromise;
  loaded = { nlp, ownTest: nlp.version === COMPROMISE_VERSION };
  return loaded;
}

const HAS_QUESTION_MARK = /[?\uFF1F]/;
const TRAILS_OFF = /\.\.$/;

/** One whole sentence of a parse asks: compromise 14.17's test, its clauses cut last. */
function sentenceAsks(sentence: View, document: Term[][]): boolean {
  const terms = sentence.docs[0] ?? [];
  const last = terms[terms.length - 1];
  // Not a whole sentence.
  if (!last || document[last.index[0]]!.length !== terms.length) return false;
  if (HAS_QUESTION_MARK.test(last.post)) return true;
  if (TRAILS_OFF.test(sentence.out('text'))) return false;
  const opensWithQuestionWord = sentence.has('^#QuestionWord');
  if (opensWithQuestionWord && sentence.has('@hasComma')) return false;
  if (sentence.has('or not$')) return true;
  if (opensWithQuestionWord) return true;
  if (sentence.has('^(do|does|did|is|was|can|could|will|would|may) #Noun')) return true;
  if (sentence.has('^(have|must) you')) return true;
  return sentence.clauses().has('(do|does|is|was) #Noun+ #Adverb? (#Adjective|#Infinitive)$');
}

/** Whether compromise finds a question in `text` (its `questions().found`). */
export function compromiseAsks(text: string): boolean {
  const { nlp, ownTest } = load();
  const doc = nlp(text);
  if (!ownTest) return doc.questions().found;
  const { document } = doc;
  return doc.some((sentence) => sentenceAsks(sentence, document));
}

/** compromise's own answer, for the tests that compare. */
export function compromiseQuestionsFound(text: string): boolean {
  return load().nlp(text).questions().found;
}
