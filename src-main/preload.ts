import { contextBridge, ipcRenderer } from 'electron';
import { buildApi } from '../src-shared/ipc/api.ts';
import { isChannelName, isEventName } from '../src-shared/ipc/contract.ts';

// Named, typed functions only: the page never sees ipcRenderer or the event object, and only
// the contract's channels and events pass, whatever a compromised page hands in.
const api = buildApi(
  (channel, input) =>
    isChannelName(channel)
      ? ipcRenderer.invoke(channel, input)
      : Promise.reject(new Error('Unknown channel.')),
  (event, listener) => {
    if (!isEventName(event)) return () => {};
    const wrapped = (_e: unknown, payload: unknown) => listener(payload);
    ipcRenderer.on(event, wrapped);
    return () => {
      ipcRenderer.removeListener(event, wrapped);
    };
  },
);

contextBridge.exposeInMainWorld('rechargeDesk', api);
