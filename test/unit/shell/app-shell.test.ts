import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src-main/lib/logger.ts';
import { APP_ENTRY_URL } from '../../../src-main/shell/app-protocol.ts';
import { createAppUrlCheck, startShell } from '../../../src-main/shell/app-shell.ts';
import { fakeContents, fakeElectron } from './fake-electron.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir() {
  const d = mkdtempSync(join(tmpdir(), 'rcd-shell-'));
  dirs.push(d);
  return d;
}

const bundleDir = '/opt/recharge-desk/resources/app/out/main';
const exe = '/opt/recharge-desk/recharge-desk';
const base = {
  bundleDir,
  logger: silentLogger,
  platform: 'linux' as const,
  argv: [exe],
  env: {},
  // Tests must not change the test process's umask.
  umask: () => 0o022,
};

describe('app shell with a fake electron', () => {
  it('quits at once when another instance holds the lock', async () => {
    const fake = fakeElectron({ lock: false, userData: tempDir() });
    await startShell(fake.electron, base);
    expect(fake.calls.quit).toBe(1);
    expect(fake.windows).toHaveLength(0);
  });

  it('opens one hardened, sandboxed window on app:// and focuses it on a second launch', async () => {
    const fake = fakeElectron({ userData: tempDir() });
    await startShell(fake.electron, base);
    expect(fake.calls.sandbox).toBe(1);
    expect(fake.privileged).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    expect(fake.protocols.has('app')).toBe(true);
    expect(fake.windows).toHaveLength(1);
    const { win, options } = fake.windows[0]!;
    expect(win.loaded).toEqual([APP_ENTRY_URL]);
    expect(options['webPreferences']).toMatchObject({
      preload: '/opt/recharge-desk/resources/app/out/preload/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      devTools: false,
    });
    fake.emitApp('second-instance');
    expect(win.focused).toBe(1);
  });

  it('loads the dev server in development and enables devtools only there', async () => {
    const fake = fakeElectron({ userData: tempDir(), packaged: false });
    await startShell(fake.electron, {
      ...base,
      argv: ['/x/electron', '.', '--inspect', '--remote-debugging-port=9222'],
      env: { ELECTRON_RENDERER_URL: 'http://localhost:5173/', NODE_OPTIONS: '--trace-warnings' },
    });
    const { win, options } = fake.windows[0]!;
    expect(win.loaded).toEqual(['http://localhost:5173/']);
    expect(options['webPreferences']).toMatchObject({ devTools: true });
    expect(fake.calls.exitCodes).toEqual([]);
  });

  it('a packaged build ignores ELECTRON_RENDERER_URL: it refuses to start, loading nothing', async () => {
    const fake = fakeElectron({ userData: tempDir(), packaged: true });
    const stderr: string[] = [];
    await startShell(fake.electron, {
      ...base,
      env: { ELECTRON_RENDERER_URL: 'https://evil.example/' },
      stderr: (line) => stderr.push(line),
    });
    expect(fake.windows).toHaveLength(0);
    expect(fake.protocols.size).toBe(0);
    expect(fake.handlers.size).toBe(0);
    expect(fake.calls.exitCodes).toEqual([1]);
    expect(fake.errorBoxes).toHaveLength(1);
    expect(fake.errorBoxes[0]!.content).toContain('ELECTRON_RENDERER_URL');
    expect(stderr.join('\n')).toContain('ELECTRON_RENDERER_URL');
  });

  it.each([
    ['--remote-debugging-port=9222'],
    ['--inspect'],
    ['--inspect-brk=9229'],
    ['--js-flags=--allow-natives-syntax'],
  ])('a packaged build refuses the switch %s before it takes the lock', async (arg) => {
    const fake = fakeElectron({ userData: tempDir(), packaged: true });
    await startShell(fake.electron, { ...base, argv: [exe, arg], stderr: () => {} });
    expect(fake.calls.lock).toBe(0);
    expect(fake.windows).toHaveLength(0);
    expect(fake.calls.exitCodes).toEqual([1]);
    expect(fake.errorBoxes[0]!.content).toContain(arg.split('=')[0]!);
  });

  it.each([
    ['NODE_OPTIONS', '--require=/tmp/evil.js'],
    ['NODE_TLS_REJECT_UNAUTHORIZED', '0'],
    ['NODE_EXTRA_CA_CERTS', '/tmp/mitm.pem'],
    ['ELECTRON_RUN_AS_NODE', '1'],
  ])('a packaged build refuses %s', async (name, value) => {
    const fake = fakeElectron({ userData: tempDir(), packaged: true });
    await startShell(fake.electron, { ...base, env: { [name]: value }, stderr: () => {} });
    expect(fake.windows).toHaveLength(0);
    expect(fake.calls.exitCodes).toEqual([1]);
    expect(fake.errorBoxes[0]!.content).toContain(name);
  });

  it('makes the files it writes private to the user before writing any', async () => {
    const userData = tempDir();
    const fake = fakeElectron({ userData });
    const masks: { mask: number; written: string[] }[] = [];
    await startShell(fake.electron, {
      ...base,
      umask: (mask) => {
        masks.push({ mask, written: readdirSync(userData) });
        return 0o022;
      },
    });
    expect(masks).toEqual([{ mask: 0o077, written: [] }]);
    expect(readdirSync(userData).length).toBeGreaterThan(0);
  });

  it('denies new windows, foreign navigation, webviews and permissions', async () => {
    const fake = fakeElectron({ userData: tempDir() });
    await startShell(fake.electron, base);
    const other = fakeContents(2).contents;
    fake.emitApp('web-contents-created', {}, other);
    expect(other.openHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    let prevented = 0;
    const ev = { preventDefault: () => prevented++ };
    other.emit('will-navigate', ev, 'https://evil.example.com/');
    other.emit('will-navigate', ev, 'file:///etc/passwd');
    other.emit('will-navigate', ev, 'app://other-host/index.html');
    other.emit('will-redirect', ev, 'data:text/html,<script>1</script>');
    other.emit('will-navigate', ev, 'app://recharge-desk/index.html#/customers');
    other.emit('will-frame-navigate', { ...ev, url: 'https://evil.example.com/' });
    other.emit('will-attach-webview', ev);
    expect(prevented).toBe(6);
    expect(fake.opened).toEqual([]);
    let granted: boolean | null = null;
    fake.main.session.permissionHandler?.({}, 'geolocation', (g) => (granted = g));
    expect(granted).toBe(false);
    expect(fake.main.session.checkHandler?.({}, 'notifications')).toBe(false);
    expect(fake.main.session.deviceHandler?.({ deviceType: 'usb' })).toBe(false);
  });

  it('hands vetted ReCharge links to the system browser, still denying the window', async () => {
    const fake = fakeElectron({ userData: tempDir() });
    await startShell(fake.electron, base);
    // Real Electron also reports the main window here; its listeners must not double up.
    fake.emitApp('web-contents-created', {}, fake.main.contents);
    const docs = 'https://developer.rechargepayments.com/2021-11/customers';
    expect(fake.main.contents.openHandler?.({ url: docs })).toEqual({ action: 'deny' });
    fake.main.contents.emit('will-navigate', { preventDefault() {} }, docs);
    fake.main.contents.openHandler?.({ url: 'http://developer.rechargepayments.com/' });
    await Promise.resolve();
    expect(fake.opened).toEqual([docs, docs]);
  });

  it('serves IPC only to its own window showing its own page', async () => {
    const fake = fakeElectron({ userData: tempDir() });
    await startShell(fake.electron, base);
    const handler = fake.handlers.get('app:info')!;
    const ok = await handler({ sender: { id: 1 }, senderFrame: { url: APP_ENTRY_URL } });
    expect(ok).toMatchObject({ ok: true, value: { version: '1.2.3', mode: 'electron' } });
    for (const event of [
      { sender: { id: 2 }, senderFrame: { url: APP_ENTRY_URL } },
      { sender: { id: 1 }, senderFrame: { url: 'https://evil.example.com/' } },
      { sender: { id: 1 }, senderFrame: { url: 'data:text/html,hi' } },
      {
        sender: { id: 1 },
        senderFrame: { url: 'file:///opt/recharge-desk/out/renderer/index.html' },
      },
      { sender: { id: 1 }, senderFrame: null },
    ]) {
      expect(await handler(event)).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    }
  });

  it('installs the application menu and routes its commands', async () => {
    const fake = fakeElectron({ userData: tempDir() });
    const commands: string[] = [];
    await startShell(fake.electron, { ...base, onCommand: (c) => commands.push(c) });
    const file = fake.menu()!.find((m) => m.label === '&File')!;
    const find = (file.submenu as { id?: string; click?: () => void }[]).find(
      (i) => i.id === 'find-customer',
    )!;
    find.click!();
    expect(commands).toEqual(['find-customer']);
  });

  it('remembers the window bounds and maximized state across runs', async () => {
    const userData = tempDir();
    const first = fakeElectron({ userData });
    await startShell(first.electron, base);
    const { win } = first.windows[0]!;
    win.normalBounds = { x: 100, y: 50, width: 1000, height: 700 };
    win.maximized = true;
    win.emit('close');
    expect(JSON.parse(readFileSync(join(userData, 'window-state.json'), 'utf8'))).toEqual({
      x: 100,
      y: 50,
      width: 1000,
      height: 700,
      maximized: true,
    });
    const second = fakeElectron({ userData });
    await startShell(second.electron, base);
    const again = second.windows[0]!;
    expect(again.options).toMatchObject({ x: 100, y: 50, width: 1000, height: 700 });
    expect(again.win.maximized).toBe(true);
  });

  it('writes its log under userData/logs when no logger is given', async () => {
    const userData = tempDir();
    const fake = fakeElectron({ userData });
    await startShell(fake.electron, { ...base, logger: undefined });
    const log = readFileSync(join(userData, 'logs', 'main.log'), 'utf8');
    expect(JSON.parse(log.trim().split('\n').at(-1)!)).toMatchObject({
      level: 'info',
      message: 'app started',
      data: { version: '1.2.3' },
    });
  });
});

describe('app URL check', () => {
  it('accepts only the dev server origin in development', () => {
    const check = createAppUrlCheck('http://localhost:5173/');
    expect(check('http://localhost:5173/#/customers')).toBe(true);
    expect(check('http://localhost:5174/')).toBe(false);
    expect(check('https://localhost:5173/')).toBe(false);
    expect(check('not a url')).toBe(false);
  });

  it('accepts only the app host on app://, not other opaque-origin URLs', () => {
    const check = createAppUrlCheck(APP_ENTRY_URL);
    expect(check('app://recharge-desk/index.html#/outbox')).toBe(true);
    expect(check('app://recharge-desk/assets/x.js')).toBe(true);
    expect(check('app://evil/index.html')).toBe(false);
    expect(check('data:text/html,hello')).toBe(false);
    expect(check('about:blank')).toBe(false);
  });

  it('accepts only the very file on file://', () => {
    const check = createAppUrlCheck('file:///opt/app/out/renderer/index.html');
    expect(check('file:///opt/app/out/renderer/index.html#/x')).toBe(true);
    expect(check('file:///etc/passwd')).toBe(false);
  });
});
