export * from './types.js';
export * from './errors.js';
export * from './ids.js';
export * from './sse.js';
export * from './stream.js';
export * from './async.js';
