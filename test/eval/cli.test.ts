/** `grounding eval --tagger rules|learned|both`, run in-process on the hand-written fixtures. */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { taggersOf } from '../../src/cli/eval.js';
import { main } from '../../src/cli/main.js';
import { testIo } from '../helpers/cli.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/eval/', import.meta.url));

async function run(...args: string[]) {
  const io = testIo();
  const code = await main(['node', 'grounding', 'eval', ...args], io);
  return { code, stdout: io.stdout.text, stderr: io.stderr.text };
}

const titles = (stdout: string) => stdout.split('\n').filter((l) => / scored units, \w+ tagger$/.test(l)).map((l) => l.replace(/.*, (\w+) tagger$/, '$1'));

describe('grounding eval --tagger', () => {
  it('maps each choice to the taggers it runs, rules first', () => {
    expect(taggersOf('rules')).toEqual(['rules']);
    expect(taggersOf('learned')).toEqual(['learned']);
    expect(taggersOf('both')).toEqual(['rules', 'learned']);
  });

  it('scores both taggers by default, then puts them side by side', async () => {
    const r = await run(`${FIXTURES}mrda`, '--scheme', 'mrda');
    expect(r.code, r.stderr).toBe(0);
    expect(titles(r.stdout)).toEqual(['rules', 'learned']);
    expect(r.stdout).toContain(`mrda val (${FIXTURES}mrda): rules and learned side by side`);
  });

  it.each(['rules', 'learned'])('scores only the %s tagger when named', async (tagger) => {
    const r = await run(`${FIXTURES}mrda`, '--scheme', 'mrda', '--tagger', tagger);
    expect(r.code, r.stderr).toBe(0);
    expect(titles(r.stdout)).toEqual([tagger]);
    expect(r.stdout).not.toContain('side by side');
  });

  it('lists the errors of each tagger under its own table', async () => {
    const r = await run(`${FIXTURES}mrda`, '--scheme', 'mrda', '--tagger', 'both', '--errors', '3');
    expect(r.code, r.stderr).toBe(0);
    // The rules miss "which printer?"; their errors come before the learned tagger's table.
    const learned = r.stdout.indexOf('scored units, learned tagger');
    expect(r.stdout.indexOf('clarification: missed (top 1 of 1 distinct)\n      1  which printer? [br]')).toBeGreaterThan(r.stdout.indexOf('scored units, rules tagger'));
    expect(r.stdout.indexOf('clarification: missed (top 1 of 1 distinct)')).toBeLessThan(learned);
  });

  it('reads typed chat from its dev split by default', async () => {
    const r = await run(`${FIXTURES}typed-chat`, '--scheme', 'typed-chat', '--tagger', 'rules');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`typed-chat dev (${FIXTURES}typed-chat): 7 dialogues, 7 scored units, rules tagger`);
  });

  it('exits 2 on a tagger it does not know, naming the choices', async () => {
    const r = await run(`${FIXTURES}mrda`, '--scheme', 'mrda', '--tagger', 'neural');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/tagger.*neural/i);
    expect(r.stderr).toContain('"rules", "learned", "both"');
    expect(r.stdout).toBe('');
  });
});
