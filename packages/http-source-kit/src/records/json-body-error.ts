/**
 * What went wrong while reading a JSON body. The record selector turns it into a ConnectorError that names the stream
 * and the record path: `truncated` is transient (the request is retried), the others are system errors.
 */
export type JsonBodyProblem = 'invalid' | 'truncated' | 'empty' | 'shape' | 'too-large';

export class JsonBodyError extends Error {
  constructor(
    readonly problem: JsonBodyProblem,
    message: string,
    /** The start of the body (whitespace collapsed), when it helps to see it: a body of the wrong shape. */
    readonly bodyStart?: string,
  ) {
    super(message);
    this.name = 'JsonBodyError';
  }
}
