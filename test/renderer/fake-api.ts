import { createPinia, setActivePinia, type Pinia } from 'pinia';
import { AppError } from '../../src-shared/errors.ts';
import { buildApi, type Api } from '../../src-shared/ipc/api.ts';
import type { ChannelName, EventName, EventPayload } from '../../src-shared/ipc/contract.ts';
import { setApi } from '../../src-renderer/api/index.ts';
import { createAppVuetify } from '../../src-renderer/plugins/vuetify.ts';

export type Handler = (input: any) => unknown; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface FakeCore {
  api: Api;
  calls: { channel: ChannelName; input: unknown }[];
  callsTo(channel: ChannelName): unknown[];
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
}

/**
 * A fake core behind the real envelope code: handlers return values or throw AppErrors, and
 * channels without a handler answer `unavailable`, as the unwired core does.
 */
export function fakeCore(handlers: Partial<Record<ChannelName, Handler>> = {}): FakeCore {
  const calls: FakeCore['calls'] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const api = buildApi(
    async (channel, input) => {
      calls.push({ channel, input });
      const handler = handlers[channel];
      try {
        if (!handler)
          throw new AppError('unavailable', 'This part of the app is not available yet.');
        return { ok: true, value: await handler(input) };
      } catch (error) {
        if (error instanceof AppError) return { ok: false, error: error.toShape() };
        throw error;
      }
    },
    (event, listener) => {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  );
  setApi(api);
  return {
    api,
    calls,
    callsTo: (channel) => calls.filter((c) => c.channel === channel).map((c) => c.input),
    emit: (event, payload) => {
      for (const listener of listeners.get(event) ?? []) listener(payload);
    },
  };
}

export function freshPinia(): Pinia {
  const pinia = createPinia();
  setActivePinia(pinia);
  return pinia;
}

export function plugins(pinia: Pinia) {
  return { plugins: [pinia, createAppVuetify()] };
}

/** A promise with its resolve exposed, to answer calls out of order. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
