// Sums the vitest JSON reports of every workspace package (test-results.json, and image-test-results.json from
// `pnpm test:image`) and prints `passed failed skipped` on the last line for .ci/run.
// A package with a test script but no report counts as one failure: its tests never ran.
// Skipped and todo tests are counted and named; .ci/run fails under CI when there are any.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';

const reportNames = process.argv.slice(2);
const totals = { passed: 0, failed: 0, skipped: 0 };
const problems = [];

function readReport(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    problems.push(`${file}: unreadable report (${error.message})`);
    totals.failed += 1;
    return undefined;
  }
}

function addReport(file) {
  const report = readReport(file);
  if (report === undefined) return;
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests;
  // A file that failed to load (syntax error, a throwing import) has no failed test, only a failed suite.
  if (report.numFailedTestSuites > 0 && report.numFailedTests === 0) totals.failed += report.numFailedTestSuites;
  const skipped = report.testResults.flatMap((suite) =>
    suite.assertionResults.filter((test) => !['passed', 'failed'].includes(test.status)).map((test) => `${test.fullName} (${test.status})`),
  );
  totals.skipped += skipped.length;
  for (const name of skipped) problems.push(`${file}: skipped: ${name}`);
}

for (const group of ['packages', 'apps']) {
  if (!existsSync(group)) continue;
  for (const dir of readdirSync(group)) {
    const packageFile = join(group, dir, 'package.json');
    if (!existsSync(packageFile)) continue;
    const scripts = JSON.parse(readFileSync(packageFile, 'utf8')).scripts ?? {};
    for (const name of reportNames) {
      const file = join(group, dir, name);
      if (existsSync(file)) addReport(file);
      else if (name === 'test-results.json' && scripts.test !== undefined) {
        problems.push(`${join(group, dir)}: no ${name}: its tests did not run`);
        totals.failed += 1;
      }
    }
  }
}

for (const problem of problems) process.stdout.write(`${problem}\n`);
process.stdout.write(`${totals.passed} ${totals.failed} ${totals.skipped}\n`);
