import { CHANNEL_NAMES } from '../../src-shared/ipc/contract.ts';
import type { EventBus } from '../lib/event-bus.ts';
import type { Router } from './router.ts';

/** The parts of Electron's ipcMain and its events we use; injected so this runs under plain Node. */
export interface InvokeEventLike {
  sender: { id: number };
  senderFrame: { url: string } | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export type SenderCheck = (event: InvokeEventLike) => boolean;

/** Registers exactly the contract's channels; calls from any other sender are refused. */
export function registerElectronIpc(
  ipcMain: IpcMainLike,
  router: Router,
  isTrustedSender: SenderCheck,
): () => void {
  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(channel, async (event, input) => {
      if (!isTrustedSender(event)) {
        return {
          ok: false,
          error: { kind: 'forbidden', message: 'Call refused: unknown sender.' },
        };
      }
      return router.call(channel, input);
    });
  }
  return () => {
    for (const channel of CHANNEL_NAMES) ipcMain.removeHandler(channel);
  };
}

/** A sender is trusted when it is our window and its frame shows our own page. */
export function createSenderCheck(
  getWindowContentsId: () => number | null,
  isAppUrl: (url: string) => boolean,
): SenderCheck {
  return (event) => {
    const id = getWindowContentsId();
    if (id === null || event.sender.id !== id) return false;
    const url = event.senderFrame?.url;
    return typeof url === 'string' && isAppUrl(url);
  };
}

/** Forwards every bus event to the window; returns the unsubscribe function. */
export function forwardEvents(
  bus: EventBus,
  send: (event: string, payload: unknown) => void,
): () => void {
  return bus.subscribe((event, payload) => send(event, payload));
}
