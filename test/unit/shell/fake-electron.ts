import type { BrowserWindowConstructorOptions, MenuItemConstructorOptions } from 'electron';
import type { InvokeEventLike } from '../../../src-main/ipc/electron-transport.ts';
import type {
  BrowserWindowLike,
  ElectronLike,
  SessionLike,
  WebContentsLike,
} from '../../../src-main/shell/app-shell.ts';
import type { Rect } from '../../../src-main/shell/window-state.ts';

type Listener = (...args: never[]) => unknown;

function emitter() {
  const listeners = new Map<string, Listener[]>();
  return {
    on(event: string, listener: Listener) {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
    },
    emit(event: string, ...args: unknown[]) {
      for (const l of listeners.get(event) ?? []) (l as (...a: unknown[]) => unknown)(...args);
    },
  };
}

type PermissionHandler = (wc: unknown, p: string, cb: (g: boolean) => void) => void;
type HeadersListener = (
  details: { responseHeaders?: Record<string, string[] | string> },
  cb: (r: { responseHeaders: Record<string, string[] | string> }) => void,
) => void;

export interface FakeSession extends SessionLike {
  permissionHandler: PermissionHandler | null;
  checkHandler: ((wc: unknown, p: string) => boolean) | null;
  deviceHandler: ((details: unknown) => boolean) | null;
  headersListener: HeadersListener | null;
}

export function fakeSession(): FakeSession {
  const session: FakeSession = {
    permissionHandler: null,
    checkHandler: null,
    deviceHandler: null,
    headersListener: null,
    setPermissionRequestHandler(h) {
      session.permissionHandler = h;
    },
    setPermissionCheckHandler(h) {
      session.checkHandler = h;
    },
    setDevicePermissionHandler(h) {
      session.deviceHandler = h;
    },
    webRequest: {
      onHeadersReceived: (l) => {
        session.headersListener = l;
      },
    },
  };
  return session;
}

export function fakeContents(id: number) {
  const events = emitter();
  const session = fakeSession();
  const contents = {
    id,
    session: session,
    sent: [] as [string, unknown][],
    openHandler: null as null | ((d: { url: string }) => { action: string }),
    send(channel: string, payload: unknown) {
      contents.sent.push([channel, payload]);
    },
    setWindowOpenHandler(h: (d: { url: string }) => { action: 'deny' | 'allow' }) {
      contents.openHandler = h;
    },
    on: events.on,
    emit: events.emit,
  };
  return { contents, session, asLike: contents as unknown as WebContentsLike };
}

export interface FakeOptions {
  lock?: boolean;
  userData: string;
  packaged?: boolean;
  displays?: Rect[];
}

export function fakeElectron(options: FakeOptions) {
  const appEvents = emitter();
  const handlers = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => unknown>();
  const windows: { options: Record<string, unknown>; win: FakeWindow }[] = [];
  const main = fakeContents(1);
  const opened: string[] = [];
  const protocols = new Map<string, (r: Request) => Promise<Response>>();
  const privileged: unknown[] = [];
  let menuTemplate: MenuItemConstructorOptions[] | null = null;
  const calls = { quit: 0, sandbox: 0, lock: 0, exitCodes: [] as number[] };
  const errorBoxes: { title: string; content: string }[] = [];
  const displays = options.displays ?? [{ x: 0, y: 0, width: 1920, height: 1040 }];

  class FakeWindow {
    webContents = main.asLike;
    loaded: string[] = [];
    focused = 0;
    maximized = false;
    normalBounds: Rect;
    private events = emitter();
    constructor(opts: BrowserWindowConstructorOptions) {
      windows.push({ options: { ...opts }, win: this });
      this.normalBounds = {
        x: opts.x ?? 0,
        y: opts.y ?? 0,
        width: opts.width ?? 0,
        height: opts.height ?? 0,
      };
    }
    isMinimized = () => false;
    isMaximized = () => this.maximized;
    getNormalBounds = () => this.normalBounds;
    maximize() {
      this.maximized = true;
    }
    restore() {}
    focus() {
      this.focused++;
    }
    show() {}
    once(event: string, l: Listener) {
      this.events.on(event, l);
    }
    on(event: string, l: Listener) {
      this.events.on(event, l);
    }
    emit(event: string) {
      this.events.emit(event);
    }
    async loadURL(url: string) {
      this.loaded.push(url);
    }
  }

  const electron = {
    app: {
      isPackaged: options.packaged ?? true,
      name: 'ReCharge Desk',
      requestSingleInstanceLock: () => {
        calls.lock++;
        return options.lock ?? true;
      },
      enableSandbox: () => calls.sandbox++,
      quit: () => calls.quit++,
      exit: (code: number) => calls.exitCodes.push(code),
      on: appEvents.on,
      whenReady: async () => undefined,
      getPath: () => options.userData,
      getVersion: () => '1.2.3',
    },
    BrowserWindow: FakeWindow,
    dialog: {
      showErrorBox: (title: string, content: string) => errorBoxes.push({ title, content }),
      showSaveDialog: async () => ({ canceled: true }),
    },
    ipcMain: {
      handle: (channel: string, fn: (event: InvokeEventLike, ...args: unknown[]) => unknown) =>
        handlers.set(channel, fn),
      removeHandler: (channel: string) => handlers.delete(channel),
    },
    Menu: {
      buildFromTemplate: (t: MenuItemConstructorOptions[]) => ({ template: t }),
      setApplicationMenu: (m: unknown) => {
        menuTemplate = (m as { template: MenuItemConstructorOptions[] }).template;
      },
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => privileged.push(...schemes),
      handle: (scheme: string, h: (r: Request) => Promise<Response>) => protocols.set(scheme, h),
    },
    screen: {
      getAllDisplays: () => displays.map((workArea) => ({ workArea })),
      getPrimaryDisplay: () => ({ workArea: displays[0]! }),
    },
    shell: {
      openExternal: async (url: string) => {
        opened.push(url);
      },
    },
  };
  return {
    electron: electron satisfies ElectronLike,
    handlers,
    windows: windows as unknown as {
      options: Record<string, unknown>;
      win: FakeWindow & BrowserWindowLike;
    }[],
    main,
    opened,
    protocols,
    privileged,
    calls,
    errorBoxes,
    menu: () => menuTemplate,
    emitApp: appEvents.emit,
  };
}
