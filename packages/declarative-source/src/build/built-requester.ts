/**
 * What a built HttpRequester offers, and the function that builds one. Kept apart from build-requester.ts so that an
 * authenticator that needs a requester of its own (SessionTokenAuthenticator's login_requester) is handed the builder
 * instead of importing it: requesters build authenticators, never the other way round.
 */
import type { Authenticator, HttpMethod, Partition } from '@mb-airbyte/http-source-kit';
import type { BuildContext } from './build-context.js';
import type { BuiltErrorHandler } from './build-error-handler.js';
import type { Component } from './component.js';
import type { PageState } from './request-parts.js';

export interface RequestState {
  partition: Partition | undefined;
  page: PageState | undefined;
}

export interface ResolvedRequest {
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

export interface BuiltRequester {
  readonly method: HttpMethod;
  readonly authenticator: Authenticator | undefined;
  readonly errors: BuiltErrorHandler;
  /** url_base with the config alone: the source's base URL (its origin is the one credentials are sent to). */
  baseUrl(): string;
  resolve(state: RequestState): ResolvedRequest;
}

/** Builds an HttpRequester component (see buildRequester). */
export type RequesterBuilder = (context: BuildContext, requester: Component) => BuiltRequester;
