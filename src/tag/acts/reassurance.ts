import { defineAct } from '../act.js';

/** Reassurance is all phrases: "Don't worry", "You're not alone", "It's normal to feel that way", "You've got this". See its lexicon. Not a grounding act. */
export default defineAct({ id: 'reassurance' });
