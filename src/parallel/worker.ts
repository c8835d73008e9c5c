/** A tagging worker: loads the lexicons and the NLP model once, then tags the batches it is sent. */
import { parentPort } from 'node:worker_threads';
import { tagBatch, type BatchRequest } from './batch.js';

parentPort!.on('message', (request: BatchRequest) => {
  parentPort!.postMessage(tagBatch(request));
});
