import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readCsvRows } from '../../../src/ingest/read/csv.js';
import type { RawRecord } from '../../../src/ingest/types.js';

async function rows(text: string): Promise<RawRecord[]> {
  const out: RawRecord[] = [];
  for await (const r of readCsvRows('t.csv', Readable.from([text]))) out.push(r);
  return out;
}

describe('readCsvRows', () => {
  it('keys rows by the header and gives each row its starting line, across quoted newlines and blank lines', async () => {
    const out = await rows('a,b\n1,2\n\n"x\ny",3\n4,5\n');
    expect(out).toEqual([
      { ok: true, value: { a: '1', b: '2' }, line: 2 },
      { ok: true, value: { a: 'x\ny', b: '3' }, line: 4 },
      { ok: true, value: { a: '4', b: '5' }, line: 6 },
    ]);
  });

  it('turns a row with the wrong number of fields into an error record and goes on', async () => {
    const out = await rows('a,b\n1\n2,3\n');
    expect(out[0]).toMatchObject({ ok: false, error: { reason: 'invalid CSV', at: { file: 't.csv', line: 2 } } });
    expect(out[1]).toEqual({ ok: true, value: { a: '2', b: '3' }, line: 3 });
  });

  it('stops at a CSV syntax error with one error record', async () => {
    const out = await rows('a,b\n1,"2\n3,4\n');
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ ok: false, error: { reason: 'invalid CSV' } });
    expect(!out[0]!.ok && out[0]!.error.message).toMatch(/t\.csv:\d+: expected valid CSV, found Quote Not Closed/);
  });
});
