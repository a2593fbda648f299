import { contextBridge, ipcRenderer } from 'electron';
import { buildApi } from '../src-shared/ipc/api.ts';
import { isEventName } from '../src-shared/ipc/contract.ts';

// Named, typed functions only: the page never sees ipcRenderer or the event object.
const api = buildApi(
  (channel, input) => ipcRenderer.invoke(channel, input),
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
