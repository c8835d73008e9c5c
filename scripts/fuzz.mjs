// `npm run fuzz -- --minutes 10`: mutate valid records of every input format (byte flips,
// truncation, type swaps, deep nesting, huge strings, cut gzip, ...) and run ingest, tag, tally and
// every report on them. A finding is an exception other than InputError/UsageError, an account where
// analyzed + skipped ≠ records, a conversation that breaks the model schema, an error message with
// control characters, or a case that runs past the time or memory budget. Cases run in a worker
// thread so a hang or a blow-up can be stopped; each finding's input is written to the output
// folder, and a summary is printed. Reads the built code: run `npm run build` first (`npm run fuzz` does).
//
//   --minutes N   how long to run (default 1)      --seed N     the run's seed (default: from the clock)
//   --budget S    seconds one case may take (30)   --out DIR    where findings go (default: a new temp folder)
//   --memory MB   heap one case may use (2048)     --case I     run only case I of the seed, in this thread, and print it
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { gzipSync } from 'node:zlib';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const FIXTURES = join(ROOT, 'test', 'fixtures', 'ingest');
const SAMPLES = join(ROOT, 'corpora', 'samples');

// ---------------------------------------------------------------- randomness, one stream per case

function mulberry32(a) {
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function rngFor(seed, i) {
  const h = createHash('sha256').update(`${seed}:${i}`).digest();
  const random = mulberry32(h.readInt32LE(0));
  const int = (n) => Math.floor(random() * n);
  return { random, int, pick: (xs) => xs[int(xs.length)], chance: (p) => random() < p };
}

// ---------------------------------------------------------------- seeds: valid files of every format

/** Seed files per adapter id, read once: the fixtures of each format and the demo samples. */
function loadSeeds(adapterIds) {
  const seeds = {};
  const filesIn = (dir) =>
    readdirSync(dir, { recursive: true })
      .map((f) => join(dir, f))
      .filter((p) => statSync(p).isFile());
  for (const id of adapterIds) {
    const dir = join(FIXTURES, id);
    // A ConvoKit corpus folder also holds metadata files; its utterances.jsonl is the format.
    seeds[id] = filesIn(dir)
      .filter((p) => id !== 'convokit' || p.endsWith('utterances.jsonl'))
      .map((p) => ({ name: basename(p), bytes: readFileSync(p) }));
  }
  const samples = filesIn(SAMPLES).filter((p) => !p.endsWith('.md'));
  const bySample = { 'acme-support.jsonl': 'openai', 'chatgpt-export.json': 'chatgpt', 'sharegpt.json': 'sharegpt', 'transcripts.txt': 'transcript' };
  for (const p of samples) seeds[bySample[basename(p)]]?.push({ name: basename(p), bytes: readFileSync(p) });
  return seeds;
}

// ---------------------------------------------------------------- mutations

const WEIRD = [
  '\u0000', '\u001b[31m', '\u007f', '\u0085', '\u2028', '\u2029', '\u202e', '\u200f', '\ufeff', '\ufffd', '\ud800', '\udc80', '\udfff',
  '😀', '\u{1F080}', '\r', '\n', '\r\n', '\t', '"', "'", '\\', '`', '```', '|', '|EOM|', ': ', 'Teacher: ', 'User: ', 'Assistant (x): ',
  '# model: ', '{{', '}}', '[', ']', '<script>', '=cmd', '@x', '?', '!', '.', '…', 'https://', '> ', '- ', '* ', '1. ', '#', ' '.repeat(70),
];
const KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'role', 'content', 'text', 'parts', 'parent', 'children',
  'current_node', 'mapping', 'message', 'author', 'messages', 'conversation', 'conversations', 'from', 'value', 'sender', 'chat_messages',
  'model', 'id', 'uuid', 'dialog', 'speaker', 'conversation_id', 'reply-to', 'timestamp', 'meta', 'qid', 'metadata', 'content_type', 'replay', ''];

function weirdString(r, length) {
  const alphabets = [
    () => r.pick(WEIRD),
    () => r.pick(['a', 'b', ' ', 'you', 'do', 'mean', '?', '.', '\n']),
    () => String.fromCharCode(r.int(0x10000)),
    () => String.fromCodePoint(r.int(0x110000)),
    () => 'x',
    () => ' ',
  ];
  const gen = r.pick(alphabets);
  const parts = [];
  let n = 0;
  while (n < length) {
    const s = gen();
    parts.push(s);
    n += s.length;
  }
  return parts.join('');
}

function randomValue(r, depth = 0) {
  switch (r.int(depth > 2 ? 9 : 11)) {
    case 0: return null;
    case 1: return r.pick([0, -1, 1, 1.5, 1e308, -1e-308, 2 ** 53 + 1, Number.MAX_SAFE_INTEGER]);
    case 2: return r.chance(0.5);
    case 3: return '';
    case 4: return weirdString(r, 1 + r.int(40));
    case 5: return r.pick(['user', 'assistant', 'system', 'tool', 'human', 'gpt', 'usr', 'sys', 'Teacher', 'text', 'multimodal_text', 'thoughts']);
    case 6: return r.pick(KEYS);
    case 7: return String(r.int(1000));
    case 8: return weirdString(r, 1 + r.int(8));
    case 9: return Array.from({ length: r.int(4) }, () => randomValue(r, depth + 1));
    default: return Object.fromEntries(Array.from({ length: r.int(4) }, () => [r.pick(KEYS), randomValue(r, depth + 1)]));
  }
}

/** Every [parent, key] in a JSON value, found without recursion, up to a bound. */
function slots(root) {
  const out = [];
  const stack = [root];
  while (stack.length > 0 && out.length < 5000) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object') continue;
    for (const key of Object.keys(node)) {
      out.push([node, key]);
      stack.push(node[key]);
    }
  }
  return out;
}

// A marker value replaced, after JSON.stringify (which recurses), by nesting thousands deep.
const DEEP = 'deep-7f3a9c';

/** One structural change somewhere in a seed's records; returns a note on what was done. */
function mutateValue(r, records, big) {
  const all = slots(records);
  if (all.length === 0) return 'nothing to mutate';
  const [parent, key] = r.pick(all);
  const current = parent[key];
  switch (r.int(big ? 12 : 10)) {
    case 0:
    case 1:
      parent[key] = randomValue(r);
      return `swap ${key} → ${JSON.stringify(parent[key])?.slice(0, 40)}`;
    case 2:
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
      return `delete ${key}`;
    case 3: {
      const k = r.pick(KEYS);
      const target = current !== null && typeof current === 'object' ? current : parent;
      if (Array.isArray(target)) target.push(randomValue(r));
      else target[k] = randomValue(r);
      return `add ${k}`;
    }
    case 4:
      if (typeof current === 'string') {
        const at = r.int(current.length + 1);
        parent[key] = current.slice(0, at) + weirdString(r, 1 + r.int(20)) + current.slice(at);
        return `splice into ${key}`;
      }
      parent[key] = weirdString(r, 1 + r.int(200));
      return `string ${key}`;
    case 5:
      if (Array.isArray(current) && current.length > 0) {
        const copies = 1 + r.int(big ? 20_000 : 50);
        for (let c = 0; c < copies; c++) current.push(structuredClone(r.pick(current)));
        return `repeat elements of ${key} ×${copies}`;
      }
      parent[key] = [current, current];
      return `wrap ${key} in an array`;
    case 6: {
      // Reference another key of the record's strings: parent links, ids, current_node.
      const strings = all.map(([p, k]) => p[k]).filter((v) => typeof v === 'string');
      parent[key] = strings.length > 0 && r.chance(0.8) ? r.pick(strings) : r.pick(KEYS);
      return `point ${key} at another string`;
    }
    case 7:
      parent[key] = r.pick([null, 0, [], {}, '', 'x', true, [null], [1, 'a', {}], { type: 'text' }, { type: 'text', text: 5 }]);
      return `edge value for ${key}`;
    case 8:
      parent[key] = r.chance(0.5) ? [] : {};
      return `empty ${key}`;
    case 9:
      parent[key] = r.int(10);
      return `number ${key}`;
    case 10:
      parent[key] = weirdString(r, 100_000 + r.int(2_000_000));
      return `huge string ${key} (${parent[key].length})`;
    default:
      parent[key] = DEEP;
      return `deep nesting at ${key}`;
  }
}

/** Records of a seed in its container: a JSON array's elements, JSON lines, or undefined for other text. */
function jsonRecords(text) {
  const t = text.replace(/^\uFEFF/, '').trim();
  if (t.startsWith('[')) {
    try {
      return { container: 'array', records: JSON.parse(t) };
    } catch {
      return undefined;
    }
  }
  const lines = t.split(/\r?\n/).filter((l) => l.trim());
  try {
    return { container: 'lines', records: lines.map((l) => JSON.parse(l)) };
  } catch {
    try {
      return { container: 'value', records: [JSON.parse(t)] };
    } catch {
      return undefined;
    }
  }
}

function serialize(container, records, r) {
  let text = container === 'array' ? JSON.stringify(records, null, r.chance(0.5) ? 2 : undefined) : records.map((x) => JSON.stringify(x)).join('\n') + '\n';
  if (text.includes(`"${DEEP}"`)) {
    const depth = 1000 + r.int(200_000);
    const [open, close] = r.chance(0.5) ? ['[', ']'] : ['{"a":', '}'];
    text = text.replaceAll(`"${DEEP}"`, open.repeat(depth) + '1' + close.repeat(depth));
  }
  return text;
}

function mutateBytes(r, bytes) {
  let b = Buffer.from(bytes);
  const steps = 1 + r.int(8);
  const notes = [];
  for (let s = 0; s < steps; s++) {
    const at = r.int(b.length + 1);
    switch (r.int(7)) {
      case 0:
        if (b.length > 0) b[Math.min(at, b.length - 1)] ^= 1 << r.int(8);
        notes.push('flip');
        break;
      case 1:
        b = Buffer.concat([b.subarray(0, at), Buffer.from(r.pick([[0xff], [0xc3], [0xe2, 0x82], [0xf0, 0x9f, 0x98], [0xed, 0xa0, 0x80], [0xef, 0xbb, 0xbf], [0], [0x0d], [0x1f, 0x8b], [0xc0, 0xaf]])), b.subarray(at)]);
        notes.push('insert bytes');
        break;
      case 2:
        b = b.subarray(0, at);
        notes.push(`truncate at ${at}`);
        break;
      case 3: {
        const len = r.int(64);
        b = Buffer.concat([b.subarray(0, at), b.subarray(Math.min(b.length, at + len))]);
        notes.push('delete range');
        break;
      }
      case 4: {
        const from = r.int(b.length + 1);
        const piece = b.subarray(from, from + r.int(200));
        b = Buffer.concat([b.subarray(0, at), piece, piece, b.subarray(at)]);
        notes.push('duplicate range');
        break;
      }
      case 5:
        b = Buffer.concat([b.subarray(0, at), Buffer.from(r.pick(WEIRD)), b.subarray(at)]);
        notes.push('insert text');
        break;
      default:
        b = Buffer.from(b.toString('latin1').replaceAll('\n', r.pick(['\r\n', '\r', '\n\n', '\n \n'])), 'latin1');
        notes.push('line endings');
    }
  }
  return { bytes: b, note: notes.join(', ') };
}

function mutateLines(r, text) {
  let lines = text.split('\n');
  const steps = 1 + r.int(6);
  const notes = [];
  for (let s = 0; s < steps; s++) {
    const at = r.int(lines.length);
    switch (r.int(6)) {
      case 0:
        lines.splice(at, 0, ...Array.from({ length: 1 + r.int(50) }, () => lines[r.int(lines.length)] ?? ''));
        notes.push('repeat lines');
        break;
      case 1:
        lines.splice(at, 1 + r.int(3));
        notes.push('drop lines');
        break;
      case 2:
        lines[at] = weirdString(r, 1 + r.int(300));
        notes.push('weird line');
        break;
      case 3:
        lines.splice(at, 0, r.pick(['', ' ', '\r', '# model: ' + weirdString(r, 20), 'x: ' + weirdString(r, 10), '"', '","', ',,,,', 'Unit,Turn,B4,B2']));
        notes.push('insert line');
        break;
      case 4:
        lines = lines.map((l) => (r.chance(0.3) ? l.replace(/:/g, r.pick(['', '::', ' :', ':\t'])) : l));
        notes.push('colons');
        break;
      default:
        lines[at] = (lines[at] ?? '') + r.pick(WEIRD).repeat(1 + r.int(1000));
        notes.push('long line');
    }
  }
  return { text: lines.join('\n'), note: notes.join(', ') };
}

/** Case `i` of a seed run: the same seed and i always give the same bytes. */
function makeCase(seed, i, seeds, adapterIds, extensionsOf) {
  const r = rngFor(seed, i);
  const id = r.pick(adapterIds);
  const source = r.pick(seeds[id]);
  const big = r.chance(0.04);
  let bytes = source.bytes;
  const notes = [];
  const strategy = r.pick(['bytes', 'struct', 'struct', 'lines', 'struct+bytes']);
  if (strategy.startsWith('struct')) {
    const parsed = jsonRecords(source.bytes.toString('utf8'));
    if (parsed && parsed.records.length > 0) {
      const steps = 1 + r.int(4);
      for (let s = 0; s < steps; s++) notes.push(mutateValue(r, parsed.records, big && s === 0));
      bytes = Buffer.from(serialize(parsed.container, parsed.records, r));
    } else {
      notes.push('lines (not JSON)');
      const m = mutateLines(r, source.bytes.toString('utf8'));
      bytes = Buffer.from(m.text);
      notes.push(m.note);
    }
  }
  if (strategy === 'lines') {
    const m = mutateLines(r, source.bytes.toString('utf8'));
    bytes = Buffer.from(m.text);
    notes.push(m.note);
    if (big) {
      bytes = Buffer.concat([bytes, Buffer.from(r.pick(['User: ', 'Assistant: ', '', '{"a":"']) + weirdString(r, 1_000_000 + r.int(3_000_000)))]);
      notes.push('huge line');
    }
  }
  if (strategy.endsWith('bytes')) {
    const m = mutateBytes(r, bytes);
    bytes = m.bytes;
    notes.push(m.note);
  }
  const ext = r.pick(extensionsOf[id]);
  let name = `case.${ext}`;
  if (r.chance(0.1)) {
    const gz = gzipSync(bytes);
    const cut = r.chance(0.5);
    bytes = cut ? gz.subarray(0, r.int(gz.length)) : gz;
    name += '.gz';
    notes.push(cut ? 'gzip, cut' : 'gzip');
  }
  const format = r.chance(0.7) ? id : 'auto';
  return { i, adapter: id, seedFile: source.name, strategy, format, name, skipInvalid: r.chance(0.7), notes, bytes };
}

// ---------------------------------------------------------------- running one case

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

async function loadDist() {
  const dist = (p) => import(new URL(`../dist/${p}`, import.meta.url));
  const [ingestMod, registry, model, errors, tagger, tally, summary, report] = await Promise.all([
    dist('ingest/index.js'), dist('ingest/registry.js'), dist('model.js'), dist('errors.js'), dist('tag/tagger.js'),
    dist('measure/tally.js'), dist('measure/summary.js'), dist('report/index.js'),
  ]);
  return { ...ingestMod, ...registry, ...model, ...errors, ...tagger, ...tally, ...summary, ...report };
}

/** Run ingest → tag → tally → reports on one case; return what happened, and the problems that are findings. */
async function runCase(g, c, dir) {
  const path = join(dir, c.name);
  writeFileSync(path, c.bytes);
  const problems = [];
  let outcome;
  try {
    const { conversations, accounts } = await g.ingest([path], { format: c.format, skipInvalid: c.skipInvalid });
    const tally = new Map();
    let count = 0;
    for await (const conversation of conversations) {
      const checked = g.ConversationSchema.safeParse(conversation);
      if (!checked.success) problems.push({ kind: 'invalid conversation', message: checked.error.issues[0]?.message ?? 'schema' });
      const tagged = g.tagConversation(conversation);
      for (const { turn, findings } of tagged) {
        for (const f of findings) if (!(f.start >= 0 && f.end <= turn.text.length && f.start <= f.end)) problems.push({ kind: 'finding out of the turn', message: `${f.rule} ${f.start}-${f.end} of ${turn.text.length}` });
      }
      g.tallyConversation(tally, tagged, conversation.source, 'model');
      count += 1;
    }
    for (const a of accounts) {
      const skipped = Object.values(a.skipped).reduce((x, y) => x + y, 0);
      if (a.analyzed + skipped !== a.records) problems.push({ kind: 'accounts do not balance', message: JSON.stringify(a) });
      if (a.analyzed !== count && accounts.length === 1) problems.push({ kind: 'analyzed ≠ conversations', message: `${a.analyzed} vs ${count}` });
    }
    const summary = g.buildSummary({ version: 'fuzz', groupBy: 'model', tally, files: accounts, conversations: count, baseline: null });
    for (const format of [g.formatJson, g.formatCsv, g.formatMarkdown, g.formatHtml]) format(summary);
    g.formatTable(summary, { color: false });
    g.formatAccounts(accounts);
    outcome = count > 0 ? 'analyzed' : 'nothing analyzed';
  } catch (err) {
    if (err instanceof g.UsageError) {
      outcome = err instanceof g.InputError ? `input error: ${err.reason}` : 'usage error';
      // A reader that throws something other than an InputError is counted `unreadable`; only I/O may be.
      if (err instanceof g.InputError && err.reason === 'unreadable') outcome += ` (${err.message.replace(/^.*found a read error \(/, '').slice(0, 60)})`;
      if (CONTROL.test(err.message)) problems.push({ kind: 'control characters in an error message', message: JSON.stringify(err.message.slice(0, 300)) });
    } else {
      outcome = 'crash';
      problems.push({ kind: 'crash', message: `${err?.name}: ${String(err?.message).slice(0, 300)}`, stack: String(err?.stack ?? '') });
    }
  } finally {
    rmSync(path, { force: true });
  }
  return { outcome, problems };
}

/** A finding's identity: its kind, its message with numbers and quoted text blurred, and where it was thrown. */
function signature(problem) {
  const frame = (problem.stack ?? '').split('\n').find((l) => l.includes('/dist/')) ?? '';
  const where = frame.replace(/^.*\/dist\//, '').replace(/:\d+\)?$/, '');
  const message = problem.message.replace(/(?:\/[\w.-]+)+/g, 'PATH').replace(/\d+/g, 'N').replace(/"[^"]*"|`[^`]*`/g, 'S').slice(0, 120);
  return `${problem.kind} | ${message} | ${where}`;
}

function saveFinding(outDir, c, problem, seen) {
  const sig = signature(problem);
  const key = createHash('sha1').update(sig).digest('hex').slice(0, 10);
  const n = (seen.get(key) ?? 0) + 1;
  seen.set(key, n);
  if (n > 3) return { key, sig, file: null };
  const file = join(outDir, `${key}-${c.i}-${c.name}`);
  writeFileSync(file, c.bytes);
  const { bytes, ...about } = c;
  writeFileSync(`${file}.json`, `${JSON.stringify({ ...about, size: bytes.length, ...problem, signature: sig }, null, 2)}\n`);
  return { key, sig, file };
}

// ---------------------------------------------------------------- the worker: cases one after another

async function workerMain() {
  const { seed, start, outDir, dir } = workerData;
  const g = await loadDist();
  const ids = g.ADAPTERS.map((a) => a.id);
  const extensionsOf = Object.fromEntries(g.ADAPTERS.map((a) => [a.id, a.extensions]));
  const seeds = loadSeeds(ids);
  const seen = new Map();
  for (let i = start; ; i++) {
    const c = makeCase(seed, i, seeds, ids, extensionsOf);
    parentPort.postMessage({ type: 'start', i });
    const t0 = performance.now();
    const { outcome, problems } = await runCase(g, c, dir);
    const ms = performance.now() - t0;
    const saved = problems.map((p) => ({ ...saveFinding(outDir, c, p, seen), kind: p.kind }));
    parentPort.postMessage({ type: 'done', i, adapter: c.adapter, strategy: c.strategy, outcome, ms, size: c.bytes.length, findings: saved });
  }
}

// ---------------------------------------------------------------- the main thread: watchdog and summary

async function mainThread() {
  const { values } = parseArgs({
    options: {
      minutes: { type: 'string', default: '1' },
      seed: { type: 'string', default: String(Date.now() % 1_000_000) },
      budget: { type: 'string', default: '30' },
      memory: { type: 'string', default: '2048' },
      out: { type: 'string' },
      case: { type: 'string' },
    },
  });
  const seed = Number(values.seed);
  if (values.case !== undefined) return replayCase(seed, Number(values.case));
  const minutes = Number(values.minutes);
  const budgetMs = Number(values.budget) * 1000;
  const outDir = values.out ?? mkdtempSync(join(tmpdir(), 'grounding-fuzz-'));
  mkdirSync(outDir, { recursive: true });
  const until = Date.now() + minutes * 60_000;
  // The workers' scratch folder: made and removed here, since a stopped worker cleans up nothing.
  const caseDir = mkdtempSync(join(tmpdir(), 'grounding-fuzz-case-'));
  console.error(`fuzzing for ${minutes} min, seed ${seed}, ${budgetMs / 1000} s and ${values.memory} MB per case; findings go to ${outDir}`);

  const stats = { cases: 0, byAdapter: {}, byOutcome: {}, slowest: { ms: 0 }, findings: new Map() };
  const note = (sig, entry) => {
    const f = stats.findings.get(sig) ?? { count: 0, examples: [] };
    f.count += 1;
    if (entry.file && f.examples.length < 3) f.examples.push(entry.file);
    stats.findings.set(sig, f);
  };
  const g = await loadDist();
  const ids = g.ADAPTERS.map((a) => a.id);
  const extensionsOf = Object.fromEntries(g.ADAPTERS.map((a) => [a.id, a.extensions]));
  const seeds = loadSeeds(ids);
  let next = 0;
  let lastReport = Date.now();

  while (Date.now() < until) {
    const worker = new Worker(new URL(import.meta.url), { workerData: { seed, start: next, outDir, dir: caseDir }, resourceLimits: { maxOldGenerationSizeMb: Number(values.memory) } });
    let current = { i: next, since: Date.now() };
    const ended = await new Promise((resolve) => {
      // Why the watchdog stopped the worker: the worker's 'exit' comes before terminate()'s promise
      // settles, and must report this, not a plain exit (which would run the hanging case again).
      let stopped = null;
      const stop = (why) => {
        clearInterval(watchdog);
        stopped = why;
        void worker.terminate().then(() => resolve(why));
      };
      const watchdog = setInterval(() => {
        if (Date.now() >= until) stop({ kind: 'time up' });
        else if (current && Date.now() - current.since > budgetMs) stop({ kind: 'hang', i: current.i });
      }, 250);
      worker.on('message', (m) => {
        if (m.type === 'start') current = { i: m.i, since: Date.now() };
        else if (m.type === 'done') {
          // Making the next case counts against its budget too.
          current = { i: m.i + 1, since: Date.now() };
          next = m.i + 1;
          stats.cases += 1;
          stats.byAdapter[m.adapter] = (stats.byAdapter[m.adapter] ?? 0) + 1;
          stats.byOutcome[m.outcome] = (stats.byOutcome[m.outcome] ?? 0) + 1;
          if (m.ms > stats.slowest.ms) stats.slowest = { ms: m.ms, i: m.i, adapter: m.adapter, size: m.size };
          for (const f of m.findings) note(f.sig, f);
          if (Date.now() - lastReport > 30_000) {
            lastReport = Date.now();
            console.error(`  ${stats.cases} cases, ${[...stats.findings.values()].reduce((n, f) => n + f.count, 0)} findings`);
          }
        }
      });
      worker.on('error', (err) => {
        clearInterval(watchdog);
        resolve({ kind: err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'memory' : 'worker error', i: current?.i ?? next, message: err.message });
      });
      worker.on('exit', () => {
        clearInterval(watchdog);
        resolve(stopped ?? { kind: 'exit' });
      });
    });
    if (ended.kind === 'hang' || ended.kind === 'memory' || ended.kind === 'worker error') {
      const c = makeCase(seed, ended.i, seeds, ids, extensionsOf);
      const problem = { kind: ended.kind === 'hang' ? `hang (over ${budgetMs / 1000} s)` : ended.kind === 'memory' ? `memory (over ${values.memory} MB)` : 'uncaught error', message: ended.message ?? '' };
      stats.cases += 1;
      stats.byAdapter[c.adapter] = (stats.byAdapter[c.adapter] ?? 0) + 1;
      note(signature(problem), saveFinding(outDir, c, problem, new Map()));
      next = ended.i + 1;
    }
  }

  rmSync(caseDir, { recursive: true, force: true });
  const elapsed = minutes;
  console.log(`grounding fuzz: seed ${seed}, ${elapsed} min, ${stats.cases} cases`);
  console.log(`by format: ${Object.entries(stats.byAdapter).sort().map(([k, v]) => `${k} ${v}`).join(', ')}`);
  console.log('outcomes:');
  for (const [k, v] of Object.entries(stats.byOutcome).sort((a, b) => b[1] - a[1])) console.log(`  ${String(v).padStart(7)}  ${k}`);
  console.log(`slowest case: ${(stats.slowest.ms / 1000).toFixed(1)} s (case ${stats.slowest.i}, ${stats.slowest.adapter}, ${stats.slowest.size} bytes)`);
  if (stats.findings.size === 0) {
    console.log('findings: none');
    if (values.out === undefined) rmSync(outDir, { recursive: true, force: true });
  } else {
    console.log(`findings (${stats.findings.size} kinds), inputs in ${outDir}:`);
    for (const [sig, f] of stats.findings) console.log(`  ${String(f.count).padStart(5)}  ${sig}\n         ${f.examples.join('\n         ')}`);
  }
  console.log(`replay one case with: node scripts/fuzz.mjs --seed ${seed} --case I`);
  process.exitCode = stats.findings.size > 0 ? 1 : 0;
}

/** Run one case in this thread and print what it was and what happened. */
async function replayCase(seed, i) {
  const g = await loadDist();
  const ids = g.ADAPTERS.map((a) => a.id);
  const c = makeCase(seed, i, loadSeeds(ids), ids, Object.fromEntries(g.ADAPTERS.map((a) => [a.id, a.extensions])));
  const { bytes, ...about } = c;
  console.log(JSON.stringify({ ...about, size: bytes.length }, null, 2));
  const dir = mkdtempSync(join(tmpdir(), 'grounding-fuzz-case-'));
  try {
    const t0 = performance.now();
    const result = await runCase(g, c, dir);
    console.log(JSON.stringify({ ...result, ms: Math.round(performance.now() - t0) }, null, 2));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (isMainThread) await mainThread();
else await workerMain();
