import { describe, expect, it } from 'vitest';
import { planLaunch, type LaunchContext } from '../../../src-main/shell/launch-policy.ts';

const exe = '/opt/ReCharge Desk/recharge-desk';
const packaged = (over: Partial<LaunchContext> = {}): LaunchContext => ({
  isPackaged: true,
  argv: [exe],
  env: { HOME: '/home/a', PATH: '/usr/bin' },
  platform: 'linux',
  ...over,
});

function refusedNames(context: LaunchContext): string[] {
  const plan = planLaunch(context);
  return plan.start ? [] : plan.refused.map((r) => r.name);
}

describe('launch policy of a packaged build', () => {
  it('starts a clean launch on the built renderer, never a dev server', () => {
    expect(planLaunch(packaged())).toEqual({ start: true, devServerUrl: undefined });
    expect(planLaunch(packaged({ argv: [exe, '--lang=de', 'recharge://x'] }))).toEqual({
      start: true,
      devServerUrl: undefined,
    });
  });

  it.each([
    'ELECTRON_RENDERER_URL',
    'NODE_OPTIONS',
    'NODE_TLS_REJECT_UNAUTHORIZED',
    'NODE_EXTRA_CA_CERTS',
    'ELECTRON_RUN_AS_NODE',
    'SSLKEYLOGFILE',
  ])('refuses the variable %s', (name) => {
    expect(refusedNames(packaged({ env: { [name]: 'x' } }))).toEqual([name]);
  });

  it('refuses ELECTRON_RENDERER_URL rather than loading its page', () => {
    const plan = planLaunch(packaged({ env: { ELECTRON_RENDERER_URL: 'https://evil.example/' } }));
    expect(plan).toMatchObject({ start: false });
    expect(JSON.stringify(plan)).not.toContain('devServerUrl');
  });

  it('matches variable names in any case (Windows environments ignore case)', () => {
    expect(refusedNames(packaged({ env: { node_options: '--require=/tmp/x.js' } }))).toEqual([
      'NODE_OPTIONS',
    ]);
  });

  it('ignores empty variables, which change nothing', () => {
    expect(planLaunch(packaged({ env: { NODE_OPTIONS: '', ELECTRON_RENDERER_URL: '' } }))).toEqual({
      start: true,
      devServerUrl: undefined,
    });
  });

  it.each([
    ['--remote-debugging-port=9222', '--remote-debugging-port'],
    ['--remote-debugging-pipe', '--remote-debugging-pipe'],
    ['--inspect', '--inspect'],
    ['--inspect=127.0.0.1:9229', '--inspect'],
    ['--inspect-brk', '--inspect-brk'],
    ['--inspect-port=9230', '--inspect-port'],
    ['--inspect-wait', '--inspect-wait'],
    ['--js-flags=--allow-natives-syntax', '--js-flags'],
    ['--ignore-certificate-errors', '--ignore-certificate-errors'],
    ['--ssl-key-log-file=/tmp/keys', '--ssl-key-log-file'],
    // Chromium also takes one dash, and its switch names in any case on Windows.
    ['-inspect', '--inspect'],
    ['--Remote-Debugging-Port=1', '--remote-debugging-port'],
  ])('refuses the switch %s', (arg, name) => {
    expect(refusedNames(packaged({ argv: [exe, arg] }))).toEqual([name]);
  });

  it('reads /switch as a switch on Windows only', () => {
    expect(refusedNames(packaged({ argv: [exe, '/inspect'], platform: 'win32' }))).toEqual([
      '--inspect',
    ]);
    expect(refusedNames(packaged({ argv: [exe, '/inspect/notes.txt'] }))).toEqual([]);
  });

  it('does not read the executable path as a switch', () => {
    expect(refusedNames(packaged({ argv: ['--inspect'] }))).toEqual([]);
  });

  it('lists every offender in one message that says what to do', () => {
    const plan = planLaunch(
      packaged({
        argv: [exe, '--remote-debugging-port=9222', '--inspect'],
        env: { NODE_OPTIONS: '--inspect', NODE_TLS_REJECT_UNAUTHORIZED: '0' },
      }),
    );
    expect(plan.start).toBe(false);
    if (plan.start) return;
    expect(plan.refused.map((r) => r.name)).toEqual([
      'NODE_OPTIONS',
      'NODE_TLS_REJECT_UNAUTHORIZED',
      '--remote-debugging-port',
      '--inspect',
    ]);
    for (const name of plan.refused.map((r) => r.name)) expect(plan.message).toContain(name);
    expect(plan.message).toMatch(/without/i);
    expect(plan.message).not.toContain('9222');
  });
});

describe('launch policy in development', () => {
  it('loads the dev server and allows debugging switches', () => {
    expect(
      planLaunch({
        isPackaged: false,
        argv: ['/x/electron', '.', '--inspect', '--remote-debugging-port=9222'],
        env: { ELECTRON_RENDERER_URL: 'http://localhost:5173/', NODE_OPTIONS: '--trace-warnings' },
        platform: 'linux',
      }),
    ).toEqual({ start: true, devServerUrl: 'http://localhost:5173/' });
  });

  it('falls back to the built renderer without a dev server', () => {
    expect(planLaunch({ isPackaged: false, argv: [], env: {}, platform: 'darwin' })).toEqual({
      start: true,
      devServerUrl: undefined,
    });
  });
});
