// The project's one test command: vitest (node + renderer) and Playwright e2e, then one summary line.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

const run = (cmd, args, env = {}) =>
  spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;

const readJson = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null);

let passed = 0;
let failed = 0;
let broken = false;

for (const file of ['.vitest-results.json', '.playwright-results.json'])
  rmSync(file, { force: true });

if (run('npx', ['electron-vite', 'build']) !== 0) {
  console.error('The build failed; e2e tests need it.');
  broken = true;
}

const vitestStatus = run('npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  '--outputFile=.vitest-results.json',
]);
const vitest = readJson('.vitest-results.json');
if (vitest) {
  passed += vitest.numPassedTests;
  failed += vitest.numFailedTests;
}
if (vitestStatus !== 0 && (!vitest || vitest.numFailedTests === 0)) broken = true;

if (!broken) {
  const pwStatus = run('npx', ['playwright', 'test']);
  const pw = readJson('.playwright-results.json');
  if (pw) {
    passed += pw.stats.expected + pw.stats.flaky;
    failed += pw.stats.unexpected;
  }
  if (pwStatus !== 0 && (!pw || pw.stats.unexpected === 0)) broken = true;
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || broken ? 1 : 0);
