import { defineAct } from '../act.js';

/** Acknowledgement is all phrases: receipts, "I see", "Got it", empathic acknowledgements. See its lexicon. */
export default defineAct({ id: 'acknowledgement' });
