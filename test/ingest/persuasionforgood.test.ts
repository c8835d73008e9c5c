import { describe, expect, it } from 'vitest';
import { fixture, run, texts } from './helpers.js';

describe('persuasionforgood', () => {
  it('makes one conversation per dialogue (B2), one turn per row, persuader as assistant', async () => {
    const { conversations, accounts } = await run([fixture('persuasionforgood', 'full_dialog.csv')]);
    expect(accounts[0]).toMatchObject({ format: 'persuasionforgood', records: 2, analyzed: 2 });
    expect(conversations.map((c) => c.id)).toEqual(['dlg-a', 'dlg-b']);
    expect(texts(conversations[0]!)).toEqual([
      'assistant: Hello! Have you heard of the charity Clean Water Now?',
      "user: No, I haven't. What do they do?",
      "assistant: They build wells in villages, so families\ndon't have to walk for hours.",
      'user: That sounds worthwhile.',
    ]);
    expect(conversations[0]!.turns.map((t) => [t.speaker, t.model, t.meta.turn])).toEqual([
      ['persuader', 'human', 0],
      ['persuadee', 'human', 0],
      ['persuader', 'human', 1],
      ['persuadee', 'human', 1],
    ]);
    expect(conversations[0]!.meta).toEqual({ corpus: 'persuasionforgood' });
  });

  it('does not take the annotated sentences or the participant info as dialogues', async () => {
    const { accounts } = await run([fixture('persuasionforgood')]);
    expect(accounts.map((a) => [a.path.split('/').pop(), a.format])).toEqual([
      ['annotated_300_dialog.csv', 'unknown'],
      ['full_dialog.csv', 'persuasionforgood'],
      ['full_info.csv', 'unknown'],
    ]);
  });

  it('rejects a CSV without the dialogue columns when the format is forced', async () => {
    await expect(run([fixture('persuasionforgood', 'full_info.csv')], { format: 'persuasionforgood' })).rejects.toThrow(
      /full_info\.csv:1: expected a header with the columns Unit, Turn, B4, B2, found columns B2, B3, B4, B6, B7\. Pass full_dialog\.csv/,
    );
  });
});
