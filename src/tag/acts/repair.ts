import { defineAct } from '../act.js';

/** Repair is all phrases: "No, I meant…", "That's not what I asked", "Sorry, I misread…". See its lexicon. */
export default defineAct({ id: 'repair' });
