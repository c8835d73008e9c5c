import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MARKERS, compileMarkers, markerNames, markersOf } from '../../src/tag/markers.js';
import { CORPORA } from '../helpers/cli.js';

const names = (text: string) => markerNames(markersOf(text));

describe('markersOf (ConvoKit\u2019s scanner)', () => {
  it('finds whole words, case-blind, and a word in several categories', () => {
    expect(names('The cat')).toEqual(['article']);
    expect(names('so')).toEqual(['conj', 'adverb']);
    expect(names('theatre')).toEqual([]);
    expect(names('')).toEqual([]);
  });

  it('matches a pattern without a trailing \\b as a prefix', () => {
    expect(names('anybody')).toEqual(['ipron']);
    expect(names('quickly')).toEqual(['adverb']);
  });

  it('goes on through a straight apostrophe inside a pattern, and ends the word before it', () => {
    // `it` is ipron; `it's` is auxverb and ipron.
    expect(names("it's")).toEqual(['auxverb', 'ipron']);
    // A curly apostrophe is no word character: `it` then `s`.
    expect(names('it\u2019s')).toEqual(['ipron']);
    // No word starts right after an apostrophe within a word: no `clock`, no `am`.
    expect(names("o'clock")).toEqual([]);
  });

  it('treats anything outside [a-z0-9_] as a word break, as ConvoKit does', () => {
    expect(names('a-ha')).toEqual(['article']);
    expect(names('caf\u00e9')).toEqual([]);
    expect(names('\u{1F600}the\u{1F600}')).toEqual(['article']);
    expect(names('THE')).toEqual(['article']);
  });

  it('lowercases the Kelvin sign to k, as Python\u2019s lower() does', () => {
    // "\u212Anow" lowercases to "know", which is no marker, while "now" alone is an adverb.
    expect(names('now')).toEqual(['adverb']);
    expect(names('\u212Anow')).toEqual([]);
    // İ lowercases to i and a combining dot: "i" (ppron), then a word break.
    expect(names('\u0130t')).toEqual(['ppron']);
    // Met late in a text, after the scan has found markers, the whole text is still read lower-cased.
    expect(names('the cat \u212Anow')).toEqual(['article']);
    expect(names('so the cat and I, \u212Anow')).toEqual(names('so the cat and I, know'));
  });

  it('stops reading once every marker is found, with the same answer', () => {
    const all = 'I think the cat and so it was all over just some';
    expect(names(all)).toEqual([...MARKERS]);
    expect(names(`${all} ${'x '.repeat(1000)}`)).toEqual([...MARKERS]);
  });

  it('compiles only lines of a known category and word patterns, naming the line', () => {
    expect(() => compileMarkers('colour\t\\bred\\b', 'x.txt')).toThrow(/x\.txt:1: .*category/);
    expect(() => compileMarkers('article\t\\b(a|an)\\b', 'x.txt')).toThrow(/x\.txt:1: expected word patterns/);
    const trie = compileMarkers('article\t\\ba\\b|\\bthe\\b\nquant\t\\bbit');
    expect(markerNames(markersOf('the bits', trie))).toEqual(['article', 'quant']);
  });

  const probes = join(CORPORA, 'reference', 'convokit-coordination', 'marker-probes.json');
  it.skipIf(!existsSync(probes))('gives ConvoKit\u2019s own marker set for every probe string', () => {
    const table = JSON.parse(readFileSync(probes, 'utf8')) as Array<{ text: string; markers: string[] }>;
    expect(table.length).toBeGreaterThan(60);
    const wrong = table.filter((p) => JSON.stringify(names(p.text)) !== JSON.stringify(MARKERS.filter((m) => p.markers.includes(m))));
    expect(wrong.map((p) => [p.text, names(p.text), p.markers])).toEqual([]);
  });
});
