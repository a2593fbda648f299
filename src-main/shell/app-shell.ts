import type { BrowserWindowConstructorOptions, MenuItemConstructorOptions } from 'electron';
import { join, sep } from 'node:path';
import { isEventName } from '../../src-shared/ipc/contract.ts';
import { existsSync } from 'node:fs';
import { createCore, type Core } from '../core/create-core.ts';
import { saveDialogChooser, type SaveDialogLike } from './save-dialog.ts';
import { createSafeStorageCipher, type SafeStorageLike } from '../vault/safe-storage-cipher.ts';
import type { Logger } from '../lib/logger.ts';
import {
  createSenderCheck,
  forwardEvents,
  registerElectronIpc,
  type IpcMainLike,
} from '../ipc/electron-transport.ts';
import {
  APP_ENTRY_URL,
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  createAppProtocolHandler,
} from './app-protocol.ts';
import { planLaunch } from './launch-policy.ts';
import { createFileLogger } from './log-file.ts';
import { buildMenuTemplate, type AppCommand } from './menu.ts';
import {
  createOpenExternal,
  vetExternalUrl,
  type OpenExternal,
  type ShellLike,
} from './open-external.ts';
import { hardenSession, type SessionLike } from './permissions.ts';
import { PRIVATE_UMASK } from './private-files.ts';
import { openMainWindow } from './window-options.ts';
import {
  placeWindow,
  readWindowState,
  rememberWindowState,
  WINDOW_STATE_FILE,
  type Rect,
  type ScreenLike,
} from './window-state.ts';

export type { SessionLike } from './permissions.ts';

/** The slice of Electron the shell uses, injected so tests can pass a fake. */
export interface WebContentsLike {
  id: number;
  send(channel: string, payload: unknown): void;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' | 'allow' }): void;
  on(
    event: 'will-navigate' | 'will-redirect',
    listener: (event: { preventDefault(): void }, url: string) => void,
  ): void;
  on(
    event: 'will-frame-navigate',
    listener: (event: { preventDefault(): void; url: string }) => void,
  ): void;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): void;
  session: SessionLike;
}

export interface BrowserWindowLike {
  webContents: WebContentsLike;
  isMinimized(): boolean;
  isMaximized(): boolean;
  getNormalBounds(): Rect;
  maximize(): void;
  restore(): void;
  focus(): void;
  show(): void;
  once(event: 'ready-to-show', listener: () => void): void;
  on(event: 'closed' | 'close', listener: () => void): void;
  loadURL(url: string): Promise<void>;
}

export interface ElectronLike {
  app: {
    isPackaged: boolean;
    name: string;
    requestSingleInstanceLock(): boolean;
    enableSandbox(): void;
    quit(): void;
    exit(code: number): void;
    on(event: 'second-instance' | 'window-all-closed' | 'before-quit', listener: () => void): void;
    on(
      event: 'web-contents-created',
      listener: (e: unknown, contents: WebContentsLike) => void,
    ): void;
    whenReady(): Promise<void>;
    getPath(name: 'userData' | 'downloads'): string;
    getVersion(): string;
  };
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => BrowserWindowLike;
  dialog: {
    showErrorBox(title: string, content: string): void;
  } & SaveDialogLike;
  ipcMain: IpcMainLike;
  Menu: {
    buildFromTemplate(template: MenuItemConstructorOptions[]): unknown;
    setApplicationMenu(menu: unknown): void;
  };
  protocol: {
    registerSchemesAsPrivileged(schemes: (typeof APP_SCHEME_PRIVILEGES)[]): void;
    handle(scheme: string, handler: (request: Request) => Promise<Response>): void;
  };
  screen: ScreenLike;
  shell: ShellLike;
  /** Optional so fakes may omit it; without it the vault uses its key file. */
  safeStorage?: SafeStorageLike;
}

export interface ShellOptions {
  /** Folder of the built bundles (out/main); preload and renderer sit beside it. */
  bundleDir: string;
  /** process.argv and process.env: a packaged build refuses debugging switches and variables. */
  argv: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  /** Where a refusal to start is written; defaults to process.stderr. */
  stderr?: (line: string) => void;
  /** process.umask, injected so tests leave their own process alone. */
  umask?: (mask: number) => number;
  /** Defaults to a rotating file in userData/logs (echoed to `console` when given). */
  logger?: Logger;
  console?: (line: string) => void;
  platform: NodeJS.Platform;
  /** A menu command; defaults to the `app:command` event once the contract declares it. */
  onCommand?: (command: AppCommand) => void;
}

/**
 * The Electron-ABI better-sqlite3 build (`npm run rebuild:electron`), when one was made; native
 * files are unpacked beside the asar archive in a packaged app.
 */
export function electronSqliteBinding(
  bundleDir: string,
  exists: (path: string) => boolean = existsSync,
): string | undefined {
  const path = join(bundleDir, '../../native/electron/better_sqlite3.node').replace(
    `app.asar${sep}`,
    `app.asar.unpacked${sep}`,
  );
  return exists(path) ? path : undefined;
}

/** electron-vite's dev server in development, else the built renderer on app://. */
export function rendererUrl(devServerUrl: string | undefined): string {
  return devServerUrl ?? APP_ENTRY_URL;
}

/** True for URLs of the app's own page: same scheme and host (a file: page: same path). */
export function createAppUrlCheck(appUrl: string): (url: string) => boolean {
  const app = new URL(appUrl);
  return (candidate) => {
    let url: URL;
    try {
      url = new URL(candidate);
    } catch {
      return false;
    }
    if (url.protocol !== app.protocol) return false;
    if (app.protocol === 'file:') return url.pathname === app.pathname;
    // Not `origin`: for non-special schemes such as app: it is the opaque "null" for every URL.
    return url.host === app.host && url.host !== '';
  };
}

const hardened = new WeakSet<WebContentsLike>();

/**
 * Hardens every web contents: no new windows, no navigation away, no webviews. A vetted https
 * link (ReCharge docs) goes to the system browser instead.
 */
export function hardenContents(
  contents: WebContentsLike,
  isAppUrl: (url: string) => boolean,
  openExternal: OpenExternal,
): void {
  // Electron reports the main window's contents through web-contents-created too: once is enough.
  if (hardened.has(contents)) return;
  hardened.add(contents);
  contents.setWindowOpenHandler(({ url }) => {
    if (vetExternalUrl(url)) void openExternal(url);
    return { action: 'deny' };
  });
  const blockForeign = (event: { preventDefault(): void }, url: string) => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    if (vetExternalUrl(url)) void openExternal(url);
  };
  contents.on('will-navigate', blockForeign);
  contents.on('will-redirect', blockForeign);
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Starts the desktop app: one window, one core, typed IPC with sender checks. */
export async function startShell(electron: ElectronLike, options: ShellOptions): Promise<void> {
  const { app, protocol } = electron;
  const plan = planLaunch({
    isPackaged: app.isPackaged,
    argv: options.argv,
    env: options.env,
    platform: options.platform,
  });
  if (!plan.start) {
    // Before the lock and before ready, so nothing of the app runs. The line is for launchers'
    // logs; the box is what a user who double-clicked sees.
    (options.stderr ?? ((line) => process.stderr.write(line + '\n')))(plan.message);
    electron.dialog.showErrorBox('ReCharge Desk cannot start', plan.message);
    app.exit(1);
    return;
  }
  // The cache, vault, logs and window state hold a store's token and its customers' data.
  (options.umask ?? ((mask) => process.umask(mask)))(PRIVATE_UMASK);
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  // Both must happen before `ready`.
  app.enableSandbox();
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

  const userData = app.getPath('userData');
  const logger =
    options.logger ??
    createFileLogger({
      dir: join(userData, 'logs'),
      ...(options.console ? { console: options.console } : {}),
      onError: (error) => process.stderr.write(`log file not writable: ${String(error)}\n`),
    });
  try {
    await run(electron, options, logger, rendererUrl(plan.devServerUrl));
  } catch (error) {
    logger.error('the app failed to start', { error });
    throw error;
  }
}

async function run(
  electron: ElectronLike,
  options: ShellOptions,
  logger: Logger,
  appUrl: string,
): Promise<void> {
  const { app, BrowserWindow, ipcMain, Menu, protocol } = electron;
  const userData = app.getPath('userData');
  const openExternal = createOpenExternal(electron.shell, logger);
  let window: BrowserWindowLike | null = null;
  let core: Core | null = null;
  const isAppUrl = createAppUrlCheck(appUrl);

  app.on('second-instance', () => {
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('web-contents-created', (_e, contents) =>
    hardenContents(contents, isAppUrl, openExternal),
  );
  app.on('window-all-closed', () => {
    if (options.platform !== 'darwin') app.quit();
  });

  await app.whenReady();
  protocol.handle(APP_SCHEME, createAppProtocolHandler(join(options.bundleDir, '../renderer')));
  core = await createCore({
    dataDir: userData,
    mode: 'electron',
    version: app.getVersion(),
    logger,
    // Built only after whenReady: before it, Linux reports no keychain backend at all.
    ...(electron.safeStorage
      ? { cipher: createSafeStorageCipher(electron.safeStorage, { dataDir: userData, logger }) }
      : {}),
    nativeBinding: electronSqliteBinding(options.bundleDir),
    writerWorker: join(options.bundleDir, 'write-worker.js'),
    chooseExportPath: saveDialogChooser(
      electron.dialog,
      () => window !== null,
      () => app.getPath('downloads'),
    ),
  });
  app.on('before-quit', () => void core?.close());

  const onCommand =
    options.onCommand ??
    ((command: AppCommand) => {
      if (isEventName('app:command')) window?.webContents.send('app:command', { command });
    });
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildMenuTemplate({
        platform: options.platform,
        appName: app.name,
        development: !app.isPackaged,
        onCommand,
        openExternal,
      }),
    ),
  );

  const stateFile = join(userData, WINDOW_STATE_FILE);
  const placement = placeWindow(readWindowState(stateFile), electron.screen);
  window = openMainWindow(BrowserWindow, {
    preloadPath: join(options.bundleDir, '../preload/preload.cjs'),
    placement,
    devTools: !app.isPackaged,
  });
  if (placement.maximized) window.maximize();
  rememberWindowState(window, stateFile, logger);
  const contents = window.webContents;
  hardenContents(contents, isAppUrl, openExternal);
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
  logger.info('app started', { version: app.getVersion(), platform: options.platform });
}
