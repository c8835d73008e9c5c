import type { Role } from '../../model.js';

/** A stretch of text carrying gold labels: an utterance, a sentence or a whole turn. */
export interface EvalUnit {
  text: string;
  labels: string[];
  /** False for units the corpus did not label (e.g. ESConv seeker turns); they are tagged but not scored. */
  scored: boolean;
  /** How many units of the population this one stands for, in a stratified sample (typed chat); 1 when absent. */
  weight?: number;
  /** The speaker's role, where a per-role breakdown means something (typed chat: user and assistant turns). */
  role?: Role;
}

export interface EvalTurn {
  speaker: string;
  role: Role;
  units: EvalUnit[];
}

export interface EvalDialogue {
  id: string;
  /** The conversation it was drawn from, where several dialogues share one (typed-chat items): folds never split it. */
  group?: string;
  turns: EvalTurn[];
  /** The input format the held-out check feeds this corpus through (MRDA and SWDA: `convokit`). */
  format?: string;
}

/** Group consecutive units of one speaker into turns, as a chat log would show them. */
export function groupTurns(rows: Array<{ speaker: string; role: Role; unit: EvalUnit }>): EvalTurn[] {
  const turns: EvalTurn[] = [];
  for (const row of rows) {
    const last = turns[turns.length - 1];
    if (last && last.speaker === row.speaker) last.units.push(row.unit);
    else turns.push({ speaker: row.speaker, role: row.role, units: [row.unit] });
  }
  return turns;
}
