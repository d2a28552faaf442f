// Sums the vitest JSON reports of every workspace package (test-results.json, and image-test-results.json from
// `pnpm test:image`) and prints `passed failed skipped` on the last line for .ci/run.
//   node .ci/summarize-tests.mjs [--turbo-summary FILE] REPORT_NAME...
// A package with a test script but no report counts as one failure: its tests never ran. With turbo's run summary,
// every task that failed without a failed test to show for it (lint, typecheck, build, or an error outside any test,
// which vitest's report does not record) counts as one failure too.
// Skipped and todo tests are counted and named; .ci/run fails under CI when there are any.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import { parseArgs } from 'node:util';

const { values, positionals: reportNames } = parseArgs({
  options: { 'turbo-summary': { type: 'string' } },
  allowPositionals: true,
});
const totals = { passed: 0, failed: 0, skipped: 0 };
const problems = [];
/** Package directory -> failed tests its reports show. */
const failedTestsIn = new Map();

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    problems.push(`${file}: unreadable (${error.message})`);
    totals.failed += 1;
    return undefined;
  }
}

function addReport(dir, file) {
  const report = readJson(file);
  if (report === undefined) return;
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests;
  // A file that failed to load (syntax error, a throwing import) has no failed test, only a failed suite.
  const failedSuites = report.numFailedTests === 0 ? report.numFailedTestSuites : 0;
  totals.failed += failedSuites;
  failedTestsIn.set(dir, (failedTestsIn.get(dir) ?? 0) + report.numFailedTests + failedSuites);
  const skipped = report.testResults.flatMap((suite) =>
    suite.assertionResults
      .filter((test) => !['passed', 'failed'].includes(test.status))
      .map((test) => `${test.fullName} (${test.status})`),
  );
  totals.skipped += skipped.length;
  for (const name of skipped) problems.push(`${file}: skipped: ${name}`);
}

for (const group of ['packages', 'apps']) {
  if (!existsSync(group)) continue;
  for (const name of readdirSync(group)) {
    const dir = join(group, name);
    if (!existsSync(join(dir, 'package.json'))) continue;
    const scripts = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).scripts ?? {};
    for (const reportName of reportNames) {
      const file = join(dir, reportName);
      if (existsSync(file)) addReport(dir, file);
      else if (reportName === 'test-results.json' && scripts.test !== undefined) {
        problems.push(`${dir}: no ${reportName}: its tests did not run`);
        totals.failed += 1;
        failedTestsIn.set(dir, (failedTestsIn.get(dir) ?? 0) + 1);
      }
    }
  }
}

if (values['turbo-summary'] !== undefined) {
  const summary = readJson(values['turbo-summary']);
  for (const task of summary?.tasks ?? []) {
    const exitCode = task.execution?.exitCode;
    if (exitCode === 0 || exitCode === undefined || exitCode === null) continue;
    if (task.task === 'test' && (failedTestsIn.get(task.directory) ?? 0) > 0) continue; // counted by its tests
    problems.push(
      `${task.taskId} failed (exit ${exitCode})${task.task === 'test' ? ' with no failed test: an error outside any test' : ''}`,
    );
    totals.failed += 1;
  }
}

for (const problem of problems) process.stdout.write(`${problem}\n`);
process.stdout.write(`${totals.passed} ${totals.failed} ${totals.skipped}\n`);
