import { AppError } from '../../src-shared/errors.ts';
import { buildApi, type Api } from '../../src-shared/ipc/api.ts';
import type { EventName } from '../../src-shared/ipc/contract.ts';

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** The harness transport: the same typed Api as the preload, over the loopback WebSocket bridge. */
export function createWsApi(url: string, WebSocketImpl: typeof WebSocket = WebSocket): Api {
  let socket: WebSocket | null = null;
  let opening: Promise<WebSocket> | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();

  const failAll = (message: string) => {
    for (const p of pending.values()) p.reject(new AppError('unavailable', message));
    pending.clear();
  };

  const open = (): Promise<WebSocket> => {
    if (socket && socket.readyState === WebSocketImpl.OPEN) return Promise.resolve(socket);
    opening ??= new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocketImpl(url);
      ws.onopen = () => {
        socket = ws;
        opening = null;
        resolve(ws);
      };
      ws.onerror = () => {
        opening = null;
        reject(
          new AppError('unavailable', 'Cannot reach the app core (bridge refused or closed).'),
        );
      };
      ws.onclose = () => {
        socket = null;
        failAll('The connection to the app core closed.');
      };
      ws.onmessage = (message) => {
        const data = JSON.parse(String(message.data)) as {
          id?: number | null;
          result?: unknown;
          event?: string;
          payload?: unknown;
        };
        if (typeof data.event === 'string') {
          for (const listener of listeners.get(data.event) ?? []) listener(data.payload);
          return;
        }
        if (typeof data.id === 'number') {
          const waiter = pending.get(data.id);
          pending.delete(data.id);
          waiter?.resolve(data.result);
        }
      };
    });
    return opening;
  };

  return buildApi(
    async (channel, input) => {
      // An open socket sends at once, before the re-render the caller's state change queued.
      const ws = socket && socket.readyState === WebSocketImpl.OPEN ? socket : await open();
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        ws.send(JSON.stringify({ id, channel, input }));
      });
    },
    (event: EventName, listener) => {
      void open().catch(() => undefined);
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  );
}

/** The parts of `window.location` and `window.history` the bridge secret needs. */
export interface PageLocation {
  hash: string;
  host: string;
  protocol: string;
  pathname: string;
  search: string;
}
export interface PageHistory {
  state: unknown;
  replaceState(state: unknown, unused: string, url: string): void;
}

/**
 * Reads the bridge secret from the page's fragment (`#bridge=…`), which browsers never send, then
 * drops it from the address bar and the history entry so it is not left there to be copied,
 * synced or read back later.
 */
export function bridgeUrlFromLocation(
  location: PageLocation,
  history: PageHistory | undefined = (globalThis as { history?: PageHistory }).history,
): string | null {
  const params = new URLSearchParams(location.hash.replace(/^#/, ''));
  const secret = params.get('bridge');
  if (!secret) return null;
  params.delete('bridge');
  const rest = params.toString();
  history?.replaceState(
    history.state,
    '',
    `${location.pathname}${location.search}${rest ? `#${rest}` : ''}`,
  );
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/bridge?secret=${encodeURIComponent(secret)}`;
}
