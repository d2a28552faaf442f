import {
  defineStream,
  type JsonRecord,
  type PartitionContext,
  type PartitionRouter,
  type StreamDefinition,
} from '@mb-airbyte/http-source-kit';
import type { MetabaseConfig } from '../config.js';
import { currentUserIdentity } from '../current-user.js';

/** GET /api/user/current: who the credential acts as. Not a catalog stream; admin streams read it first. */
export const currentUserStream: StreamDefinition<MetabaseConfig> = defineStream<MetabaseConfig>({
  name: 'current_user',
  primaryKey: [['id']],
  jsonSchema: { type: 'object', properties: { id: { type: 'integer' }, is_superuser: { type: ['null', 'boolean'] } } },
  request: { path: 'user/current' },
  records: { path: '', expect: 'object' },
});

/** Who the credential acts as, asked once however many streams want to know. */
export type CurrentUserLookup = (context: PartitionContext<MetabaseConfig>) => Promise<JsonRecord | undefined>;

/** One lookup for the streams of one run (the source builds its streams per run). */
export function currentUserLookup(): CurrentUserLookup {
  let answer: Promise<JsonRecord | undefined> | undefined;
  return (context) => {
    answer ??= (async () => {
      let me: JsonRecord | undefined;
      for await (const record of context.readStream(currentUserStream)) me = record;
      return me;
    })();
    return answer;
  };
}

/**
 * One partition for an administrators' list (`users`, `permission_groups`), after a LOG when the credential is not
 * an administrator: Metabase answers a group manager (Enterprise) with 200 and only what the groups it manages
 * hold, so the stream completes while it may lack records; anyone else gets 403, which fails the stream.
 */
export function administratorCheck(
  stream: string,
  holds: string,
  lookup: CurrentUserLookup,
): PartitionRouter<MetabaseConfig> {
  return {
    concurrency: 1,
    parent: currentUserStream,
    async *partitions(context) {
      const me = await lookup(context);
      if (me?.is_superuser !== true) {
        context.logger.warn(
          `Stream "${stream}": the credential acts as ${me === undefined ? 'an unknown user' : currentUserIdentity(me)}, who is not a Metabase administrator. ` +
            `Metabase gives a group manager (Enterprise) only the ${holds} of the groups it manages, so this stream may be partial; ` +
            'use an administrator credential (for example an API key in the Administrators group) to read them all.',
        );
      }
      yield {};
    },
  };
}
