import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { formatCsv, formatFor, formatHtml, formatJson, formatMarkdown, writeReport } from '../../src/report/index.js';
import { summaryOf, twoModels } from '../helpers/tagged.js';

describe('formatFor', () => {
  it('picks the formatter from the extension, in any case', () => {
    expect(formatFor('out/summary.json')).toBe(formatJson);
    expect(formatFor('rates.CSV')).toBe(formatCsv);
    expect(formatFor('report.md')).toBe(formatMarkdown);
    expect(formatFor('report.html')).toBe(formatHtml);
    expect(formatFor('report.htm')).toBe(formatHtml);
  });

  it.each(['report.txt', 'report', 'report.json.gz'])('refuses %s with a UsageError listing the extensions', (path) => {
    expect(() => formatFor(path)).toThrow(UsageError);
    try {
      formatFor(path);
    } catch (error) {
      for (const ext of ['.json', '.csv', '.md', '.html', '.htm']) expect((error as Error).message).toContain(ext);
      expect((error as Error).message).toContain(path);
    }
  });
});

describe('writeReport', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'grounding-report-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes the formatted report and leaves no temp file behind', async () => {
    const summary = summaryOf(twoModels(), true);
    for (const name of ['summary.json', 'rates.csv', 'report.md', 'report.html']) await writeReport(join(dir, name), summary);
    expect((await readdir(dir)).sort()).toEqual(['rates.csv', 'report.html', 'report.md', 'summary.json']);
    expect(await readFile(join(dir, 'rates.csv'), 'utf8')).toBe(formatCsv(summary));
  });

  it('replaces an existing report', async () => {
    const path = join(dir, 'summary.json');
    await writeReport(path, summaryOf(twoModels(), false));
    await writeReport(path, summaryOf(twoModels(), true));
    expect(JSON.parse(await readFile(path, 'utf8')).baseline).not.toBeNull();
    expect(await readdir(dir)).toEqual(['summary.json']);
  });

  it('cleans up its temp file when the rename fails', async () => {
    await mkdir(join(dir, 'taken.json'));
    await expect(writeReport(join(dir, 'taken.json'), summaryOf(twoModels(), true))).rejects.toThrow();
    expect(await readdir(dir)).toEqual(['taken.json']);
  });

  it('writes nothing for an unknown extension', async () => {
    await expect(writeReport(join(dir, 'report.txt'), summaryOf(twoModels(), true))).rejects.toThrow(UsageError);
    expect(await readdir(dir)).toEqual([]);
  });
});
