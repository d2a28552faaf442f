// Parsers for the two places the release history lives: CHANGELOG.md (changesets format) and the docs'
// changelog table in README.md.
export interface ChangelogEntry {
  version: string;
  date?: string;
  pullRequest?: string;
  subject: string;
}

/**
 * Reads `## <version>` sections. A bullet is either ours, `- [#PR](url) (YYYY-MM-DD): subject`, or one that
 * `changeset version` writes, `- <commit>: subject` / `- subject`; only the bullet's first line is the subject.
 */
export function parseChangelog(markdown: string): ChangelogEntry[] {
  const entries: ChangelogEntry[] = [];
  let version: string | undefined;
  for (const line of markdown.split('\n')) {
    const heading = /^## (\S+)\s*$/.exec(line);
    if (heading) {
      version = heading[1];
      continue;
    }
    if (version === undefined || !line.startsWith('- ')) continue;
    const ours =
      /^- \[#(\d+)\]\(https:\/\/github\.com\/airbytehq\/airbyte\/pull\/\1\) \((\d{4}-\d{2}-\d{2})\): (.+)$/.exec(line);
    if (ours) entries.push({ version, pullRequest: ours[1], date: ours[2], subject: (ours[3] ?? '').trim() });
    else entries.push({ version, subject: line.replace(/^- (?:[0-9a-f]{7,40}: )?/, '').trim() });
  }
  return entries;
}

/** Reads the rows of the `| Version | Date | Pull Request | Subject |` table. */
export function parseDocsChangelog(markdown: string): ChangelogEntry[] {
  const start = markdown.indexOf('| Version | Date | Pull Request | Subject |');
  if (start < 0) return [];
  const rows: ChangelogEntry[] = [];
  for (const line of markdown.slice(start).split('\n').slice(2)) {
    if (!line.startsWith('|')) break;
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((cell) => cell.trim());
    const [version = '', date = '', pr = '', subject = ''] = cells;
    const pullRequest = /^\[(\d+)\]\(https:\/\/github\.com\/airbytehq\/airbyte\/pull\/\1\)$/.exec(pr)?.[1];
    rows.push({
      version,
      subject,
      ...(date === '' ? {} : { date }),
      ...(pullRequest === undefined ? {} : { pullRequest }),
    });
  }
  return rows;
}
