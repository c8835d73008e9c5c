/** The acts, gathered in one place. Order matters: an act is decided after the acts it yields to. */
import { ACT_IDS, type ActId } from '../model.js';
import type { ActDefinition } from './act.js';
import acknowledgement from './acts/acknowledgement.js';
import clarification from './acts/clarification.js';
import followup from './acts/followup.js';
import reassurance from './acts/reassurance.js';
import repair from './acts/repair.js';
import understandingCheck from './acts/understanding-check.js';

export const ACTS: readonly ActDefinition[] = [repair, clarification, understandingCheck, acknowledgement, followup, reassurance];

export function getAct(id: ActId): ActDefinition {
  const act = ACTS.find((a) => a.id === id);
  if (!act) throw new Error(`Expected an act id of ${ACT_IDS.join(', ')}, not \`${id}\`.`);
  return act;
}
