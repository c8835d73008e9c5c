/**
 * MRDA (`speaker|text|basic|general|full`) and SWDA (`speaker|text|tag`) dialogue files: one
 * utterance a line, one file a dialogue. Read as the held-out check feeds them to `grounding tag
 * --format convokit`: every utterance its own turn, in file order, and roles as the ConvoKit
 * adapter assigns them from speaker ids (none is a known name, so the first speaker is the user).
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { InputError } from '../../errors.js';
import { assignRoles, roleOfName } from '../../ingest/roles.js';
import type { Role } from '../../model.js';
import type { EvalDialogue } from './types.js';

/** The ConvoKit adapter's rule: a well-known speaker name keeps its role; `assignRoles` decides the rest. */
function rolesOf(speakers: readonly string[]): Map<string, Role> {
  const known = new Map<string, Role>();
  for (const speaker of speakers) {
    const role = roleOfName(speaker);
    if (role && !known.has(speaker)) known.set(speaker, role);
  }
  return assignRoles([...new Set(speakers)], known);
}

export function readPipeDialogue(file: string, labelColumn: number, columns: number): EvalDialogue {
  const rows = readFileSync(file, 'utf8')
    .split('\n')
    .map((line, i) => ({ line, n: i + 1 }))
    .filter(({ line }) => line.trim() !== '')
    .map(({ line, n }) => {
      const cells = line.replace(/\r$/, '').split('|');
      if (cells.length !== columns) {
        throw new InputError({ file, line: n }, 'bad columns', {
          expected: `${columns} fields separated by |`,
          found: `${cells.length}`,
          fix: `Check that ${basename(file)} is a ${columns === 5 ? 'MRDA' : 'SWDA'} dialogue file.`,
        });
      }
      return { speaker: cells[0]!, text: cells[1]!, label: cells[labelColumn]! };
    });
  const roles = rolesOf(rows.map((r) => r.speaker));
  return {
    id: basename(file).replace(/\.txt$/, ''),
    format: 'convokit',
    turns: rows.map((r) => ({ speaker: r.speaker, role: roles.get(r.speaker)!, units: [{ text: r.text, labels: [r.label], scored: true }] })),
  };
}
