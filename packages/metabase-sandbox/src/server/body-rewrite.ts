// Rewrites of every JSON body the routes send, for what is easier to say about text than about records: how the
// application database writes timestamps, legacy null entity ids, and the precision probe. `sandbox.expected` reads
// the same rewritten routes, so expectations and answers stay equal.
import { withLegacyEntityIds } from '../data/legacy-entity-ids.js';
import { timestampRewriter } from '../data/timestamp-style.js';
import type { AppDatabase } from '../types.js';
import { withPrecisionProbes } from './precision-probe.js';
import type { Reply } from './reply.js';
import type { Route } from './route.js';

export interface BodyRewriteOptions {
  appDb?: AppDatabase | undefined;
  legacyEntityIds?: boolean | undefined;
  precisionProbe?: boolean | undefined;
}

/** One function applying the chosen rewrites, or undefined when there is none. */
export function bodyRewriter(options: BodyRewriteOptions): ((text: string) => string) | undefined {
  const steps: ((text: string) => string)[] = [];
  if (options.appDb !== undefined) steps.push(timestampRewriter(options.appDb));
  if (options.legacyEntityIds === true) steps.push(withLegacyEntityIds);
  if (options.precisionProbe === true) steps.push(withPrecisionProbes);
  if (steps.length === 0) return undefined;
  return (text) => steps.reduce((out, step) => step(out), text);
}

function rewriteReply(reply: Reply, rewrite: (text: string) => string): Reply {
  if (reply.kind !== 'json') return reply;
  const { body } = reply;
  return {
    ...reply,
    body: {
      pieceCount: body.pieceCount,
      *pieces() {
        for (const piece of body.pieces()) yield rewrite(piece);
      },
    },
  };
}

/** The routes with every JSON body they answer passed through `rewrite`. */
export function rewriteRoutes(routes: readonly Route[], rewrite: ((text: string) => string) | undefined): Route[] {
  if (rewrite === undefined) return [...routes];
  return routes.map((route) => ({ ...route, handle: (ctx) => rewriteReply(route.handle(ctx), rewrite) }));
}
