// `npm test`: lint, type check, unit and integration tests (Vitest), the production build, the
// end-to-end tests through the browser host in Debian's Chromium, and the Electron smoke test.
// Every suite runs even when an earlier one failed; the last line sums them all:
// "N passed, M failed, K skipped". The exit code is non-zero when anything failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const results = [];
// Named at the end, next to the totals, so that the tail of a long CI log says what failed.
const failures = [];
const flaky = [];
const relative = (file) => file.replace(`${process.cwd()}/`, '');
const bin = (name) => join('node_modules', '.bin', name);
mkdirSync('test-results', { recursive: true });

function run(command, args, env = {}) {
  process.stdout.write(`\n▶ ${command} ${args.join(' ')}\n`);
  const started = Date.now();
  const outcome = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return { ok: outcome.status === 0, seconds: ((Date.now() - started) / 1000).toFixed(1) };
}

/** A step that is one check: it passes or fails as a whole. */
function check(name, command, args) {
  const { ok, seconds } = run(command, args);
  results.push({ name, passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0, seconds });
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function vitest() {
  const report = 'test-results/vitest.json';
  rmSync(report, { force: true });
  const { ok, seconds } = run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`]);
  const json = readJson(report);
  const passed = json?.numPassedTests ?? 0;
  const failed = (json?.numFailedTests ?? 0) + (ok || json?.numFailedTests ? 0 : 1); // a crash counts
  results.push({ name: 'unit + integration (vitest)', passed, failed, skipped: (json?.numPendingTests ?? 0) + (json?.numTodoTests ?? 0), seconds });
  for (const file of json?.testResults ?? []) {
    for (const test of file.assertionResults ?? []) {
      if (test.status === 'failed') failures.push(`vitest: ${relative(file.name)} › ${test.fullName}`);
    }
  }
}

/** Every spec of a Playwright JSON report, however deeply its describe blocks nest. */
function* playwrightSpecs(suite) {
  for (const spec of suite.specs ?? []) yield spec;
  for (const child of suite.suites ?? []) yield* playwrightSpecs(child);
}

function playwright(project, name) {
  const report = `test-results/playwright-${project}.json`;
  rmSync(report, { force: true });
  const { ok, seconds } = run(bin('playwright'), ['test', `--project=${project}`], { PLAYWRIGHT_JSON_OUTPUT_FILE: report });
  const stats = readJson(report)?.stats;
  const passed = (stats?.expected ?? 0) + (stats?.flaky ?? 0);
  const failed = (stats?.unexpected ?? 0) + (ok || stats?.unexpected ? 0 : 1);
  results.push({ name, passed, failed, skipped: stats?.skipped ?? 0, seconds });
  for (const suite of readJson(report)?.suites ?? []) {
    for (const spec of playwrightSpecs(suite)) {
      for (const test of spec.tests ?? []) {
        const where = `${project}: ${spec.file}:${spec.line} › ${spec.title}`;
        if (test.status === 'unexpected') failures.push(where);
        if (test.status === 'flaky') flaky.push(where);
      }
    }
  }
}

check('lint (eslint)', bin('eslint'), ['--max-warnings', '0', '.']);
check('type check (tsc, node side)', bin('tsc'), ['-p', 'tsconfig.json']);
check('type check (tsc, renderer)', bin('tsc'), ['-p', 'tsconfig.web.json']);
vitest();
// CI builds once before `npm test` (DESK_BUILT=1); a developer's run builds here.
if (process.env.DESK_BUILT !== '1' || !existsSync('out/main/web-host.js')) check('production build (electron-vite)', bin('electron-vite'), ['build']);
playwright('e2e', 'end-to-end (browser host + Chromium)');
playwright('electron', 'Electron smoke (_electron)');

const total = { passed: 0, failed: 0, skipped: 0 };
process.stdout.write('\nSummary\n');
for (const r of results) {
  for (const key of Object.keys(total)) total[key] += r[key];
  process.stdout.write(`  ${r.failed ? 'FAIL' : 'ok  '} ${r.name}: ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped (${r.seconds} s)\n`);
}
for (const where of flaky) process.stdout.write(`  flaky (failed, then passed on retry): ${where}\n`);
for (const where of failures) process.stdout.write(`  failed: ${where}\n`);
process.stdout.write(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped\n`);
process.exit(total.failed > 0 ? 1 : 0);
