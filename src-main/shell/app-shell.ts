import type { BrowserWindowConstructorOptions } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createCore, type Core } from '../core/create-core.ts';
import type { Logger } from '../core/logger.ts';
import {
  createSenderCheck,
  forwardEvents,
  registerElectronIpc,
  type IpcMainLike,
} from '../ipc/electron-transport.ts';
import { APP_CSP, buildWindowOptions } from './window-options.ts';

/** The slice of Electron the shell uses, injected so tests can pass a fake. */
export interface WebContentsLike {
  id: number;
  send(channel: string, payload: unknown): void;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' | 'allow' }): void;
  on(
    event: 'will-navigate' | 'will-redirect',
    listener: (event: { preventDefault(): void }, url: string) => void,
  ): void;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): void;
  session: SessionLike;
}

export interface SessionLike {
  setPermissionRequestHandler(
    handler:
      ((wc: unknown, permission: string, callback: (granted: boolean) => void) => void) | null,
  ): void;
  setPermissionCheckHandler(handler: ((wc: unknown, permission: string) => boolean) | null): void;
  webRequest: {
    onHeadersReceived(
      listener: (
        details: { responseHeaders?: Record<string, string[] | string> },
        callback: (response: { responseHeaders: Record<string, string[] | string> }) => void,
      ) => void,
    ): void;
  };
}

export interface BrowserWindowLike {
  webContents: WebContentsLike;
  isMinimized(): boolean;
  restore(): void;
  focus(): void;
  show(): void;
  once(event: 'ready-to-show', listener: () => void): void;
  on(event: 'closed', listener: () => void): void;
  loadURL(url: string): Promise<void>;
}

export interface ElectronLike {
  app: {
    requestSingleInstanceLock(): boolean;
    quit(): void;
    on(event: 'second-instance' | 'window-all-closed' | 'before-quit', listener: () => void): void;
    on(
      event: 'web-contents-created',
      listener: (e: unknown, contents: WebContentsLike) => void,
    ): void;
    whenReady(): Promise<void>;
    getPath(name: 'userData'): string;
    getVersion(): string;
  };
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => BrowserWindowLike;
  ipcMain: IpcMainLike;
}

export interface ShellOptions {
  /** Folder of the built bundles (out/main); preload and renderer sit beside it. */
  bundleDir: string;
  /** electron-vite's dev server URL in development, else the built file is loaded. */
  devServerUrl?: string | undefined;
  logger: Logger;
  platform: NodeJS.Platform;
}

export function rendererUrl(options: ShellOptions): string {
  return (
    options.devServerUrl ?? pathToFileURL(join(options.bundleDir, '../renderer/index.html')).href
  );
}

export function createAppUrlCheck(appUrl: string): (url: string) => boolean {
  const app = new URL(appUrl);
  return (candidate) => {
    let url: URL;
    try {
      url = new URL(candidate);
    } catch {
      return false;
    }
    if (app.protocol === 'file:') return url.protocol === 'file:' && url.pathname === app.pathname;
    return url.origin === app.origin;
  };
}

/** Hardens every web contents: no new windows, no navigation away, no webviews. */
export function hardenContents(
  contents: WebContentsLike,
  isAppUrl: (url: string) => boolean,
): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  const blockForeign = (event: { preventDefault(): void }, url: string) => {
    if (!isAppUrl(url)) event.preventDefault();
  };
  contents.on('will-navigate', blockForeign);
  contents.on('will-redirect', blockForeign);
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export function hardenSession(session: SessionLike): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [APP_CSP] },
    });
  });
}

/** Starts the desktop app: one window, one core, typed IPC with sender checks. */
export async function startShell(electron: ElectronLike, options: ShellOptions): Promise<void> {
  const { app, BrowserWindow, ipcMain } = electron;
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  let window: BrowserWindowLike | null = null;
  let core: Core | null = null;
  const appUrl = rendererUrl(options);
  const isAppUrl = createAppUrlCheck(appUrl);

  app.on('second-instance', () => {
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('web-contents-created', (_e, contents) => hardenContents(contents, isAppUrl));
  app.on('window-all-closed', () => {
    if (options.platform !== 'darwin') app.quit();
  });

  await app.whenReady();
  core = await createCore({
    dataDir: app.getPath('userData'),
    mode: 'electron',
    version: app.getVersion(),
    logger: options.logger,
  });
  app.on('before-quit', () => void core?.close());

  window = new BrowserWindow(buildWindowOptions(join(options.bundleDir, '../preload/preload.cjs')));
  const contents = window.webContents;
  hardenSession(contents.session);
  registerElectronIpc(
    ipcMain,
    core.router,
    createSenderCheck(() => window?.webContents.id ?? null, isAppUrl),
  );
  const stopForwarding = forwardEvents(core.events, (event, payload) =>
    contents.send(event, payload),
  );
  window.on('closed', () => {
    stopForwarding();
    window = null;
  });
  window.once('ready-to-show', () => window?.show());
  await window.loadURL(appUrl);
}
