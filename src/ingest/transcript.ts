/**
 * Plain transcripts: `Speaker: text` lines, a blank line between conversations. A line without a
 * speaker prefix continues the turn before it, so a turn cannot hold a blank line. `Assistant
 * (model-name): …` names the model of that turn; a `# model: NAME` line names it for the
 * conversations that follow; else --model.
 *
 * Roles: well-known names (User, Human, Customer, Student → user; Assistant, AI, Bot, Agent,
 * Teacher → assistant; System → skipped); else the first other speaker is the user unless a user
 * is already known, and the remaining speakers are assistants.
 */
import { InputError, describe } from '../errors.js';
import type { Role } from '../model.js';
import { ConversationBuilder, recordId } from './build.js';
import { checkUtf8, MAX_RECORD_CHARS, tooLarge } from './limits.js';
import { readLines, type Line } from './read/lines.js';
import { assignRoles, roleOfName } from './roles.js';
import { headLines, shapeOf } from './sniff.js';
import type { Adapter, ConvertOptions, Converted, InputFile, RawRecord } from './types.js';
import type { RecordAt } from './validate.js';

// `Name: text` or `Name (model): text`; the colon must be followed by a space or the line's end,
// so `https://…` and `10:30` do not start turns. Linear in the line: no two runs of spaces can
// share one stretch (`\s*` twice around an optional part), and the text is the rest of the line
// whatever it holds (`(.*)$` would retry at every space before a U+2028 in it).
const SPEAKER = /^\s*(\p{L}[\p{L}\p{N} ._'-]{0,39}?)\s*(?:\(([^()]{1,80})\)\s*)?:(?=\s|$)\s*([\s\S]*)/u;
// The name is trimmed in code: a lazy `(\S.*?)\s*$` would take time quadratic in a line's trailing spaces.
const MODEL_LINE = /^\s*#\s*model\s*:\s*(\S.*)$/i;

interface Block {
  lines: Line[];
  model?: string;
}

async function* read(file: InputFile): AsyncGenerator<RawRecord> {
  let model: string | undefined;
  let lines: Line[] = [];
  // The block's size so far; past the record limit its lines are dropped and only counted.
  let size = 0;
  let firstLine = 0;
  let notUtf8: InputError | undefined;
  const block = (): RawRecord => {
    if (size > MAX_RECORD_CHARS) return { ok: false, error: tooLarge(file.path, firstLine, size) };
    if (notUtf8) return { ok: false, error: notUtf8 };
    return { ok: true, value: { lines, model } satisfies Block, line: firstLine };
  };
  for await (const line of readLines(file.chunks())) {
    const directive = line.tooLong === undefined ? MODEL_LINE.exec(line.text) : null;
    if (directive) model = directive[1]!.trim();
    else if (line.text.trim() || line.tooLong !== undefined) {
      if (size === 0) firstLine = line.line;
      size += line.tooLong ?? line.text.length + 1;
      notUtf8 ??= checkUtf8(line.text, file.path, line.line);
      if (size > MAX_RECORD_CHARS) lines = [];
      else lines.push(line);
    } else if (size > 0) {
      yield block();
      lines = [];
      size = 0;
      notUtf8 = undefined;
    }
  }
  if (size > 0) yield block();
}

interface Draft {
  speaker: string;
  model?: string;
  text: string;
}

/**
 * Split a block into turns. An unknown name starts a turn only while the block has fewer than two
 * speakers and none of them is a well-known role: "Alice:" then "Bob:" are two speakers, but after
 * "Assistant:" a line "Step 1: install it" continues the assistant's turn.
 */
function turnsOf(lines: readonly Line[], at: RecordAt): Draft[] {
  const drafts: Draft[] = [];
  const speakers = new Set<string>();
  for (const { text, line } of lines) {
    const m = SPEAKER.exec(text);
    const name = m?.[1]!;
    const opens = m && (speakers.has(name) || roleOfName(name) || (speakers.size < 2 && ![...speakers].some((s) => roleOfName(s))));
    if (opens) {
      speakers.add(name);
      drafts.push({ speaker: name, model: m[2]?.trim(), text: m[3]! });
    } else if (drafts.length > 0) {
      drafts[drafts.length - 1]!.text += `\n${text}`;
    } else {
      throw new InputError({ file: at.file, line }, 'invalid record', { expected: 'a line starting with a speaker, like `User: …`', found: describe(text) });
    }
  }
  return drafts;
}

function convert(record: RecordAt & { value: unknown }, options: ConvertOptions): Converted {
  const block = record.value as Block;
  const drafts = turnsOf(block.lines, record);
  const known = new Map<string, Role>();
  for (const d of drafts) {
    const role = roleOfName(d.speaker);
    if (role) known.set(d.speaker, role);
  }
  const roles = assignRoles([...new Set(drafts.map((d) => d.speaker))], known);
  // Turns without their own annotation take the block's model, else the first annotated one.
  const model = block.model ?? drafts.find((d) => d.model)?.model ?? options.model;
  const builder = new ConversationBuilder(recordId(record.file, record.line), model);
  for (const d of drafts) builder.add({ role: roles.get(d.speaker)!, speaker: d.speaker, model: d.model, text: d.text.trim() });
  return builder.finish(record.file, 'transcript');
}

export const transcript: Adapter = {
  id: 'transcript',
  description: 'Plain transcript: "Speaker: text" lines, a blank line between conversations; "# model: NAME" or "Assistant (NAME):"',
  extensions: ['txt'],
  // The first line that is not `# model:` has a speaker and text, and so does at least one more;
  // headings such as "Basic Labels:" have no text after the colon.
  detect: (sample) => {
    if (shapeOf(sample).container !== 'text') return false;
    const said = (l: string) => Boolean(SPEAKER.exec(l)?.[3]?.trim());
    const lines = headLines(sample).filter((l) => !MODEL_LINE.test(l));
    return lines.length > 0 && said(lines[0]!) && lines.filter(said).length >= 2;
  },
  read,
  convert,
};
