import { defineAct } from '../act.js';

/** Clarification is all phrases: "What do you mean…", "Do you mean…", "Sorry, what?", "Could you share…". See its lexicon. */
export default defineAct({ id: 'clarification' });
