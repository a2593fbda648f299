import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src-main/core/logger.ts';
import type { InvokeEventLike } from '../../../src-main/ipc/electron-transport.ts';
import {
  createAppUrlCheck,
  startShell,
  type BrowserWindowLike,
  type ElectronLike,
  type SessionLike,
  type WebContentsLike,
} from '../../../src-main/shell/app-shell.ts';
import { buildWindowOptions } from '../../../src-main/shell/window-options.ts';

type Listener = (...args: never[]) => unknown;

function fakeContents(id: number) {
  const listeners = new Map<string, Listener[]>();
  const sent: [string, unknown][] = [];
  const session = {
    permissionHandler: null as null | ((wc: unknown, p: string, cb: (g: boolean) => void) => void),
    checkHandler: null as null | ((wc: unknown, p: string) => boolean),
    headersListener: null as null | Listener,
    setPermissionRequestHandler(h: typeof this.permissionHandler) {
      this.permissionHandler = h;
    },
    setPermissionCheckHandler(h: typeof this.checkHandler) {
      this.checkHandler = h;
    },
    webRequest: {
      onHeadersReceived: (l: Listener) => {
        session.headersListener = l;
      },
    },
  };
  const contents = {
    id,
    session: session as unknown as SessionLike,
    sent,
    openHandler: null as null | ((d: { url: string }) => { action: string }),
    send(channel: string, payload: unknown) {
      sent.push([channel, payload]);
    },
    setWindowOpenHandler(h: (d: { url: string }) => { action: 'deny' | 'allow' }) {
      contents.openHandler = h;
    },
    on(event: string, listener: Listener) {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
    },
    emit(event: string, ...args: unknown[]) {
      for (const l of listeners.get(event) ?? []) (l as (...a: unknown[]) => unknown)(...args);
    },
  };
  return { contents, session };
}

function fakeElectron(options: { lock?: boolean; userData: string }) {
  const appListeners = new Map<string, Listener[]>();
  const handlers = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => unknown>();
  const windows: {
    options: unknown;
    win: BrowserWindowLike & { loaded: string[]; focused: number };
  }[] = [];
  const main = fakeContents(1);
  let quit = 0;
  const electron = {
    app: {
      requestSingleInstanceLock: () => options.lock ?? true,
      quit: () => quit++,
      on: (event: string, listener: Listener) =>
        appListeners.set(event, [...(appListeners.get(event) ?? []), listener]),
      whenReady: async () => undefined,
      getPath: () => options.userData,
      getVersion: () => '1.2.3',
    },
    BrowserWindow: class {
      webContents = main.contents as unknown as WebContentsLike;
      loaded: string[] = [];
      focused = 0;
      constructor(opts: unknown) {
        windows.push({ options: opts, win: this as never });
      }
      isMinimized = () => false;
      restore() {}
      focus() {
        this.focused++;
      }
      show() {}
      once() {}
      on() {}
      async loadURL(url: string) {
        this.loaded.push(url);
      }
    },
    ipcMain: {
      handle: (channel: string, fn: (event: InvokeEventLike, ...args: unknown[]) => unknown) =>
        handlers.set(channel, fn),
      removeHandler: (channel: string) => handlers.delete(channel),
    },
  };
  return {
    electron: electron as unknown as ElectronLike,
    handlers,
    windows,
    main,
    quits: () => quit,
    emitApp: (event: string, ...args: unknown[]) => {
      for (const l of appListeners.get(event) ?? []) (l as (...a: unknown[]) => unknown)(...args);
    },
  };
}

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

describe('window options', () => {
  it('apply the security checklist', () => {
    const prefs = buildWindowOptions('/x/preload.cjs').webPreferences!;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      preload: '/x/preload.cjs',
    });
  });
});

describe('app shell with a fake electron', () => {
  it('quits at once when another instance holds the lock', async () => {
    const fake = fakeElectron({ lock: false, userData: tempDir() });
    await startShell(fake.electron, { bundleDir, logger: silentLogger, platform: 'linux' });
    expect(fake.quits()).toBe(1);
    expect(fake.windows).toHaveLength(0);
  });

  it('opens one hardened window on the built renderer and focuses it on a second launch', async () => {
    const fake = fakeElectron({ userData: tempDir() });
    await startShell(fake.electron, { bundleDir, logger: silentLogger, platform: 'linux' });
    expect(fake.windows).toHaveLength(1);
    const { win, options } = fake.windows[0]!;
    expect(win.loaded).toEqual(['file:///opt/recharge-desk/resources/app/out/renderer/index.html']);
    expect((options as { webPreferences: { preload: string } }).webPreferences.preload).toBe(
      '/opt/recharge-desk/resources/app/out/preload/preload.cjs',
    );
    fake.emitApp('second-instance');
    expect(win.focused).toBe(1);
  });

  it('denies new windows, foreign navigation, webviews and permissions', async () => {
    const fake = fakeElectron({ userData: tempDir() });
    await startShell(fake.electron, { bundleDir, logger: silentLogger, platform: 'linux' });
    const other = fakeContents(2).contents;
    fake.emitApp('web-contents-created', {}, other);
    expect(other.openHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    let prevented = 0;
    const ev = { preventDefault: () => prevented++ };
    other.emit('will-navigate', ev, 'https://evil.example.com/');
    other.emit('will-navigate', ev, 'file:///etc/passwd');
    other.emit(
      'will-navigate',
      ev,
      'file:///opt/recharge-desk/resources/app/out/renderer/index.html',
    );
    other.emit('will-attach-webview', ev);
    expect(prevented).toBe(3);
    let granted: boolean | null = null;
    fake.main.session.permissionHandler?.({}, 'geolocation', (g) => (granted = g));
    expect(granted).toBe(false);
    expect(fake.main.session.checkHandler?.({}, 'notifications')).toBe(false);
  });

  it('serves IPC only to its own window showing its own page', async () => {
    const fake = fakeElectron({ userData: tempDir() });
    await startShell(fake.electron, { bundleDir, logger: silentLogger, platform: 'linux' });
    const handler = fake.handlers.get('app:info')!;
    const appUrl = 'file:///opt/recharge-desk/resources/app/out/renderer/index.html';
    const ok = await handler({ sender: { id: 1 }, senderFrame: { url: appUrl } });
    expect(ok).toMatchObject({ ok: true, value: { version: '1.2.3', mode: 'electron' } });
    for (const event of [
      { sender: { id: 2 }, senderFrame: { url: appUrl } },
      { sender: { id: 1 }, senderFrame: { url: 'https://evil.example.com/' } },
      { sender: { id: 1 }, senderFrame: null },
    ]) {
      expect(await handler(event)).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    }
  });
});

describe('app URL check', () => {
  it('accepts only the dev server origin in development', () => {
    const check = createAppUrlCheck('http://localhost:5173/');
    expect(check('http://localhost:5173/#/customers')).toBe(true);
    expect(check('http://localhost:5174/')).toBe(false);
    expect(check('not a url')).toBe(false);
  });
});
