import type { SourceRecord } from '../graph/records.js';
import type { Source } from './types/source.js';

/** Adds the "path:line" form the CLI reports. */
export function withLocation(source: SourceRecord): Source {
  return {
    ...source,
    location: source.path ? (source.line !== null ? `${source.path}:${source.line}` : source.path) : null,
  };
}
