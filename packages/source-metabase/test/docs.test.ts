// Keeps the documentation honest: the docs' changelog table and CHANGELOG.md agree entry by entry, the package
// version is the newest release, and the docs' stream table matches the stream catalog.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { streamCatalog } from '../src/index.js';
import { parseChangelog, parseDocsChangelog } from './support/changelog-entries.js';

const read = (file: string) => readFileSync(new URL(`../${file}`, import.meta.url), 'utf8');
const changelog = parseChangelog(read('CHANGELOG.md'));
const readme = read('README.md');
const docsRows = parseDocsChangelog(readme);
const released = docsRows.filter((row) => row.version !== 'Unreleased');
const packageVersion = (JSON.parse(read('package.json')) as { version: string }).version;

describe('changelog', () => {
  it('carries the documented history, 0.1.0 (2022-06-15) to 2.1.3 (2024-10-29), newest first', () => {
    const history = changelog.filter((entry) => entry.pullRequest !== undefined);
    expect(history).toHaveLength(25);
    expect(history.at(-1)).toEqual({
      version: '0.1.0',
      date: '2022-06-15',
      pullRequest: '6975',
      subject: 'Initial (alpha) release',
    });
    expect(history.find((entry) => entry.version === '2.1.3')).toEqual({
      version: '2.1.3',
      date: '2024-10-29',
      pullRequest: '47776',
      subject: 'Update dependencies',
    });
  });

  it('lists each version once, newest first', () => {
    const versions = changelog.map((entry) => entry.version);
    expect(new Set(versions).size).toBe(versions.length);
    const order = versions.map((version) => version.split('.').map(Number));
    for (let i = 1; i < order.length; i++) {
      const [a = [], b = []] = [order[i - 1], order[i]];
      const newer = (a[0] ?? 0) - (b[0] ?? 0) || (a[1] ?? 0) - (b[1] ?? 0) || (a[2] ?? 0) - (b[2] ?? 0);
      expect(newer, `${versions[i - 1] ?? ''} before ${versions[i] ?? ''}`).toBeGreaterThan(0);
    }
  });

  it('has the package version as its newest release', () => {
    expect(changelog[0]?.version).toBe(packageVersion);
  });

  it('agrees with the docs changelog table entry by entry', () => {
    expect(released.map((row) => row.version)).toEqual(changelog.map((entry) => entry.version));
    for (const [i, entry] of changelog.entries()) {
      const row = released[i];
      expect(row?.subject, entry.version).toBe(entry.subject);
      if (entry.date !== undefined) expect(row?.date, entry.version).toBe(entry.date);
      if (entry.pullRequest !== undefined) expect(row?.pullRequest, entry.version).toBe(entry.pullRequest);
    }
  });

  it('puts an unreleased row, if any, at the top of the docs table', () => {
    const unreleased = docsRows.findIndex((row) => row.version === 'Unreleased');
    expect(unreleased === -1 || unreleased === 0).toBe(true);
  });

  it('parsers tell entries apart (a changesets-written bullet, a mismatching row)', () => {
    expect(parseChangelog('# x\n\n## 2.2.0\n\n### Minor Changes\n\n- 1a2b3c4: Add API keys\n  more text\n')).toEqual([
      { version: '2.2.0', subject: 'Add API keys' },
    ]);
    const table =
      '| Version | Date | Pull Request | Subject |\n| :- | :- | :- | :- |\n| 1.0.0 | 2023-06-27 | [1](https://github.com/airbytehq/airbyte/pull/2) | x |\n';
    expect(parseDocsChangelog(table)).toEqual([{ version: '1.0.0', date: '2023-06-27', subject: 'x' }]);
  });
});

describe('docs stream table', () => {
  const section = readme.slice(readme.indexOf('## Supported streams'), readme.indexOf('## Data type mapping'));
  const rows = section
    .split('\n')
    .filter((line) => /^\| `[a-z_]+` \|/.test(line))
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );

  it('lists every stream of the catalog with its primary key and sync modes', () => {
    const documented = rows.map(([name = '']) => name.replaceAll('`', ''));
    expect(documented).toEqual(Object.keys(streamCatalog));
    for (const [name = '', , primaryKey = '', modes = ''] of rows) {
      const entry = streamCatalog[name.replaceAll('`', '') as keyof typeof streamCatalog];
      expect(primaryKey).toBe(entry.primaryKey.map((path) => `\`${path.join('.')}\``).join(', '));
      const incremental =
        entry.cursorField === undefined ? 'Full refresh' : `Full refresh, Incremental (\`${entry.cursorField}\`)`;
      expect(modes, name).toBe(incremental);
    }
  });
});
