/** A requester's error handler as rows over the kit's error table (the kit's defaults match the CDK's mapping). */
import type { ErrorTable } from '@mb-airbyte/http-source-kit';
import type { BuildContext } from './build-context.js';
import type { Component } from './component.js';

export function buildErrorHandler(_context: BuildContext, handler: Component | undefined): ErrorTable | undefined {
  if (handler === undefined) return undefined;
  return undefined;
}
