/**
 * Speaker names → roles. `assistant` is the helper side (a model, or a human supporter, tutor,
 * persuader or agent); `user` is the seeker. Used where the input names speakers, not roles.
 */
import type { Role } from '../model.js';

// A Map, not an object: a speaker named `constructor` or `__proto__` must not find Object's own properties.
const NAMED = new Map<string, Role>();
const add = (role: Role, names: string) => names.split(' ').forEach((n) => NAMED.set(n, role));
add('user', 'user human usr seeker customer client student learner persuadee patient caller');
// `sys` is ESConv's name for the human supporter; `system` is a system prompt and is never a turn.
add('assistant', 'assistant ai bot chatbot gpt chatgpt bard bing model llm agent sys supporter helper teacher tutor persuader counselor therapist claude gemini copilot');
add('system', 'system developer');
add('tool', 'tool function ipython');

/** The role a speaker name implies, if it is a well-known one (case-insensitive). */
export function roleOfName(name: string): Role | undefined {
  return NAMED.get(name.trim().toLowerCase());
}

/**
 * Roles for a conversation's speakers, given in order of their first turn. Known roles stay.
 * Of the others, the first to speak is the user unless a user is already known; the rest are
 * assistants. So "Alice, Bob" → user, assistant, and "Bot, Alice" → assistant, user.
 */
export function assignRoles(speakers: readonly string[], known: ReadonlyMap<string, Role>): Map<string, Role> {
  const roles = new Map(known);
  let userTaken = [...known.values()].includes('user');
  for (const speaker of speakers) {
    if (roles.has(speaker)) continue;
    roles.set(speaker, userTaken ? 'assistant' : 'user');
    userTaken = true;
  }
  return roles;
}
