import { describe, expect, it } from 'vitest';
import { ConnectorError } from '../errors/index.js';
import { describeError, GENERIC_MESSAGE } from './describe-error.js';

describe('describeError', () => {
  it('leaves the stack trace out of an error in the user input, and only there', () => {
    const input = new ConnectorError({
      message: 'The configuration is not valid: $.url: is required',
      failureType: 'config_error',
      userInput: true,
    });
    expect(describeError(input)).toEqual({ message: input.message, failureType: 'config_error' });

    const fromServer = new ConnectorError({ message: 'Forbidden', failureType: 'config_error' });
    expect(describeError(fromServer).stackTrace).toMatch(/^ConnectorError: Forbidden\n\s+at /);
    const bug = new ConnectorError({
      message: 'Unexpected answer',
      failureType: 'system_error',
      cause: new TypeError('x is undefined'),
    });
    expect(describeError(bug).stackTrace).toMatch(/Caused by: TypeError: x is undefined\n\s+at /);
    expect(describeError(new RangeError('boom'))).toMatchObject({
      message: GENERIC_MESSAGE,
      failureType: 'system_error',
      stackTrace: expect.stringMatching(/^RangeError: boom/) as unknown,
    });
  });
});
