import type { ErrorRule, Partition } from '@mb-airbyte/http-source-kit';

/** `prefix/<id>[suffix]` for the partition's `id` (a number, or a string such as "root"), URL-encoded. */
export function partitionPath(prefix: string, partition: Partition | undefined, suffix = ''): string {
  const id = partition?.id;
  if (typeof id !== 'number' && typeof id !== 'string') throw new TypeError(`no id in the partition for ${prefix}`);
  return `${prefix}/${encodeURIComponent(String(id))}${suffix}`;
}

/** The object was deleted between the parent listing and this request: it has no records now, nothing failed. */
export const deletedMeanwhile: ErrorRule = { action: 'ignore', failureType: 'system_error' };
