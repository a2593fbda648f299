import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Runs the harness on `dataDir` until it is ready, then stops it. */
async function runHarness(dataDir: string): Promise<void> {
  const child = spawn(
    process.execPath,
    ['scripts/harness.ts', '--data-dir', dataDir, '--demo-customers', '20'],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  try {
    await new Promise<void>((ready, fail) => {
      const timer = setTimeout(() => fail(new Error(`harness did not start:\n${out}`)), 60_000);
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (/harness ready: /.test(out)) {
          clearTimeout(timer);
          ready();
        }
      });
      child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.once('exit', (code) => fail(new Error(`harness exited with ${code}:\n${out}`)));
    });
  } finally {
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGTERM');
    await exited;
  }
}

function modes(dir: string): Record<string, string> {
  const result: Record<string, string> = {};
  const walk = (path: string) => {
    const info = statSync(path);
    result[relative(dir, path) || '.'] = (info.mode & 0o777).toString(8);
    if (info.isDirectory()) for (const name of readdirSync(path)) walk(join(path, name));
  };
  walk(dir);
  return result;
}

describe.skipIf(process.platform === 'win32')('harness data folder', () => {
  it('is created 0700 with files 0600, parents included', async () => {
    const base = mkdtempSync(join(tmpdir(), 'rcd-modes-'));
    dirs.push(base);
    chmodSync(base, 0o755);
    const dataDir = join(base, 'data', 'harness');
    await runHarness(dataDir);
    const found = modes(base);
    delete found['.'];
    expect(Object.keys(found).length).toBeGreaterThan(3);
    for (const [path, mode] of Object.entries(found)) {
      const isDir = statSync(join(base, path)).isDirectory();
      expect(`${path} ${mode}`).toBe(`${path} ${isDir ? '700' : '600'}`);
    }
  });

  it('tightens a folder an older harness left readable by others', async () => {
    const base = mkdtempSync(join(tmpdir(), 'rcd-modes-'));
    dirs.push(base);
    const dataDir = join(base, 'harness');
    mkdirSync(dataDir, { mode: 0o755 });
    chmodSync(dataDir, 0o755);
    await runHarness(dataDir);
    expect((statSync(dataDir).mode & 0o777).toString(8)).toBe('700');
  });
});
