import { compareCursorValues, isDateTimeValue, type JsonRecord } from '@mb-airbyte/http-source-kit';

/** `last-edit-info.timestamp`: the time of the latest revision, on dashboard details and collection items rows. */
export function lastEditTimestamp(record: JsonRecord): string | undefined {
  const info = record['last-edit-info'];
  const timestamp = info !== null && typeof info === 'object' ? (info as JsonRecord).timestamp : undefined;
  return typeof timestamp === 'string' && isDateTimeValue(timestamp) ? timestamp : undefined;
}

/**
 * The incremental cursor of a dashboard: the later of its `updated_at` and its latest revision. Metabase writes the
 * dashboard row (and so `updated_at`) only when one of the dashboard's own fields changes; adding, moving or removing
 * its cards changes other rows but records a revision, and the `dashboards` record carries those cards.
 */
export function dashboardEditedAt(dashboard: JsonRecord): string | undefined {
  const updated =
    typeof dashboard.updated_at === 'string' && isDateTimeValue(dashboard.updated_at)
      ? dashboard.updated_at
      : undefined;
  const edited = lastEditTimestamp(dashboard);
  if (updated === undefined || edited === undefined) return updated ?? edited;
  return compareCursorValues(edited, updated) > 0 ? edited : updated;
}
