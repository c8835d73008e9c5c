/** The ingest stage's public surface. */
export { ingest, NO_FORMAT_MATCHED, UNKNOWN_FORMAT, type IngestOptions, type Ingestion, type Progress, type Shard } from './ingest.js';
export { ADAPTERS, AUTO, detectFormat, getAdapter, listFormats, matchFormats, type FormatInfo } from './registry.js';
export type { Adapter, ConvertOptions, Converted, InputFile, RawRecord, Sample } from './types.js';
