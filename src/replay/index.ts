/** The replay stage's public surface. */
export { replay, requestMessages, replayRecord, type ReplayOptions, type ReplayPlan, type ReplayResult } from './run.js';
export { createClient, chatCompletionsUrl, EndpointError, RefusedError, type ChatMessage, type ChatReply, type ChatRequest, type ClientOptions } from './client.js';
export { ReplyCache, cacheKey } from './cache.js';
export { CORPUS_NAMES, CORPUS_HOMES, corpusInputs, sampleConversations, helperPositions } from './sample.js';
export { ReplaySchema, REPLAY_SCHEMA, replayOf, type Replay } from './provenance.js';
export { tallyReplay } from './compare.js';
