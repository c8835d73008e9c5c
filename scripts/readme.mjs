// README sections generated from data, so they cannot go stale: the table of acts and cues (from
// the lexicons and rules), the human baseline (from corpora/baselines/human.json) and the demo's
// output (from `grounding analyze corpora/samples`). `npm run docs` rewrites them; a test fails
// when the README differs. Reads the built code in dist/.
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { main } from '../dist/cli/main.js';
import { baselineTable } from '../dist/report/baseline.js';
import { ACTS } from '../dist/tag/registry.js';

function cell(text) {
  return text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
}

export function actsTable() {
  const rows = ['| act | rule | kind | for example | why |', '|---|---|---|---|---|'];
  for (const act of ACTS) {
    for (const e of act.entries) rows.push(`| \`${act.id}\` | \`${e.id}\` | ${e.kind} | ${cell(e.example)} | ${cell(e.note)} |`);
    for (const r of act.rules) {
      const own = r.tagsOnItsOwnFor ? ` (in typed chat, tags on its own in ${r.tagsOnItsOwnFor} turns only)` : '';
      rows.push(`| \`${act.id}\` | \`${r.id}\` | rule | ${cell(r.example.text)} (after: ${cell(r.example.prev ?? '')}) | ${cell(r.note)}${own} |`);
    }
  }
  return rows.join('\n');
}

/** Replace the text between `<!-- name:begin … -->` and `<!-- name:end -->`. */
export function replaceSection(readme, name, body) {
  const begin = new RegExp(`<!-- ${name}:begin[^>]*-->`).exec(readme);
  const end = readme.indexOf(`<!-- ${name}:end -->`);
  if (!begin || end < begin.index) throw new Error(`README: expected the markers <!-- ${name}:begin --> … <!-- ${name}:end -->`);
  const from = begin.index + begin[0].length;
  return `${readme.slice(0, from)}\n${body}\n${readme.slice(end)}`;
}

/** The sections a test keeps current: the cues, the baseline and the demo output. */
export function withGeneratedSections(readme, baseline, demo) {
  let out = replaceSection(readme, 'acts', actsTable());
  out = replaceSection(out, 'baseline', baselineTable(baseline));
  return replaceSection(out, 'demo', `\`\`\`\n${demo.trimEnd()}\n\`\`\``);
}

/** What `npm start` prints (the table, without colour), run in-process from the project folder. */
export async function demoOutput(projectDir) {
  const stdout = new PassThrough();
  const chunks = [];
  stdout.on('data', (c) => chunks.push(c));
  const code = await main(['node', 'grounding', 'analyze', join(projectDir, 'corpora', 'samples'), '--no-color', '--no-progress'], {
    stdin: new PassThrough(),
    stdout,
    stderr: new PassThrough(),
    interactive: false,
  });
  if (code !== 0) throw new Error(`grounding analyze corpora/samples exited with ${code}`);
  return Buffer.concat(chunks).toString('utf8');
}
