import { createPinia, setActivePinia, type Pinia } from 'pinia';
import { AppError } from '../../src-shared/errors.ts';
import { buildApi, type Api } from '../../src-shared/ipc/api.ts';
import {
  CHANNEL_NAMES,
  channels,
  events,
  type ChannelName,
  type Channels,
  type EventName,
  type EventPayload,
} from '../../src-shared/ipc/contract.ts';
import { SCOPES, type Scope } from '../../src-shared/scopes.ts';
import { createRouter, type HandlersOf } from '../../src-main/ipc/router.ts';
import { silentLogger, type Logger } from '../../src-main/lib/logger.ts';
import { setApi } from '../../src-renderer/api/index.ts';
import { createAppVuetify } from '../../src-renderer/plugins/vuetify.ts';

export type Handler = (input: any) => unknown; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface FakeCore {
  api: Api;
  calls: { channel: ChannelName; input: unknown }[];
  callsTo(channel: ChannelName): unknown[];
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  /** Handler failures that were not AppErrors, which the app would log and answer `internal`. */
  logged: unknown[];
}

/**
 * A fake core behind the real router and envelope code: the contract's schemas check every
 * request and answer as in the app, handlers return values or throw AppErrors, and channels
 * without a handler answer `unavailable`, as the unwired core does.
 */
export function fakeCore(
  handlers: Partial<Record<ChannelName, Handler>> = {},
  options: { scopes?: readonly Scope[] } = {},
): FakeCore {
  const calls: FakeCore['calls'] = [];
  const logged: unknown[] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const wired = {} as HandlersOf<Channels>;
  for (const channel of CHANNEL_NAMES) {
    (wired as Record<string, Handler>)[channel] = (input) => {
      const handler = handlers[channel];
      if (!handler) throw new AppError('unavailable', 'This part of the app is not available yet.');
      return handler(input);
    };
  }
  const scopes = new Set(options.scopes ?? SCOPES);
  const logger: Logger = { ...silentLogger, error: (_message, fields) => logged.push(fields) };
  const router = createRouter({ channels, handlers: wired, scopes: () => scopes, logger });
  const api = buildApi(
    async (channel, input) => {
      calls.push({ channel, input });
      return router.call(channel, input);
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
    logged,
    callsTo: (channel) => calls.filter((c) => c.channel === channel).map((c) => c.input),
    emit: (event, payload) => {
      const checked = events[event].parse(payload);
      for (const listener of listeners.get(event) ?? []) listener(checked);
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
