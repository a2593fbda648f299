import type { Api } from '../../src-shared/ipc/api.ts';
import { bridgeUrlFromLocation, createWsApi } from './ws-client.ts';

declare global {
  interface Window {
    rechargeDesk?: Api;
  }
}

let cached: Api | null = null;

/** The Electron preload's api when present, otherwise the harness's WebSocket bridge. */
export function getApi(): Api {
  if (cached) return cached;
  if (window.rechargeDesk) {
    cached = window.rechargeDesk;
    return cached;
  }
  const url = bridgeUrlFromLocation(window.location);
  if (!url) {
    throw new Error('No app core: open the app from Electron or from the URL the harness prints.');
  }
  cached = createWsApi(url);
  return cached;
}

/** Tests install a fake api here. */
export function setApi(api: Api | null): void {
  cached = api;
}
