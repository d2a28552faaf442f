export type * from './stream-definition.js';
export { defineStream } from './define-stream.js';
