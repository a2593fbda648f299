import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const bin = mkdtempSync(join(tmpdir(), 'rcd-ci-'));
afterAll(() => rmSync(bin, { recursive: true, force: true }));

// Stand-ins for the tools .ci/run calls: every step succeeds, and the scan says what the test
// makes it say. Each call is logged so the test sees how far CI got.
function tool(name: string, body: string): void {
  writeFileSync(
    join(bin, name),
    `#!/usr/bin/env bash\necho "${name} $*" >> "$FAKE_LOG"\n${body}\n`,
  );
  chmodSync(join(bin, name), 0o755);
}
tool('node', 'echo v24.0.0');
tool('apt-get', 'exit 0');
tool(
  'npm',
  `case "$*" in
  --version) echo 11.0.0 ;;
  "run security:scan"*) printf '\\n> recharge-desk@0.1.0 security:scan\\n\\n%b' "$FAKE_SCAN_OUTPUT"; exit "$FAKE_SCAN_STATUS" ;;
esac
exit 0`,
);

function ci(scanOutput: string, scanStatus = 0) {
  const log = join(bin, `calls-${Math.random().toString(36).slice(2)}.log`);
  writeFileSync(log, '');
  const result = spawnSync('bash', [join(root, '.ci/run')], {
    encoding: 'utf8',
    env: {
      ...process.env,
      PATH: `${bin}:${process.env['PATH'] ?? ''}`,
      FAKE_LOG: log,
      FAKE_SCAN_OUTPUT: scanOutput,
      FAKE_SCAN_STATUS: String(scanStatus),
    },
  });
  const calls = readFileSync(log, 'utf8').trim().split('\n');
  return { status: result.status, out: result.stdout + result.stderr, calls };
}

const passed = 'security scan passed: 8 findings, none unjustified at HIGH/MEDIUM (5.0s)\\n';

describe.skipIf(process.platform === 'win32')('CI (.ci/run) and the security scan', () => {
  it('goes on to the tests when the scan prints its passed line', () => {
    const { status, calls } = ci(`Electronegativity 1.10.3: 41 checks\\n${passed}`);
    expect(calls).toContain('npm test');
    expect(status).toBe(0);
  });

  it('fails when the scan exits 0 without its passed line (it did not run)', () => {
    const { status, out, calls } = ci('');
    expect(status).not.toBe(0);
    expect(out).toMatch(/security scan did not report "security scan passed"/);
    expect(calls).not.toContain('npm test');
  });

  it('fails when the line is only part of another line', () => {
    const { status } = ci(`note: no security scan passed: here\\n`);
    expect(status).not.toBe(0);
  });

  it('fails when the scan fails, whatever it printed', () => {
    const { status, calls } = ci(passed, 1);
    expect(status).not.toBe(0);
    expect(calls).not.toContain('npm test');
  });
});
