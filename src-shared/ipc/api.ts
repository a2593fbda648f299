import { AppError } from '../errors.ts';
import {
  CHANNEL_NAMES,
  type ChannelInput,
  type ChannelName,
  type ChannelOutput,
  type EventName,
  type EventPayload,
} from './contract.ts';
import { EnvelopeSchema, type Envelope } from './envelope.ts';

type GroupOf<K extends string> = K extends `${infer G}:${string}` ? G : never;
type MethodFn<K extends ChannelName> =
  undefined extends ChannelInput<K>
    ? (input?: ChannelInput<K>) => Promise<ChannelOutput<K>>
    : (input: ChannelInput<K>) => Promise<ChannelOutput<K>>;

/** The typed object the renderer calls: `api.app.info()`, `api.customers.search({...})`. */
export type Api = {
  [G in GroupOf<ChannelName>]: {
    [K in ChannelName as K extends `${G}:${infer M}` ? M : never]: MethodFn<K>;
  };
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

export type RawInvoke = (channel: ChannelName, input: unknown) => Promise<unknown>;
export type RawSubscribe = (event: EventName, listener: (payload: unknown) => void) => () => void;

/** Turns an envelope back into a value or a thrown AppError on the calling side. */
export function unwrapEnvelope(raw: unknown): unknown {
  const parsed = EnvelopeSchema.safeParse(raw);
  if (!parsed.success) throw new AppError('protocol', 'The app sent an unreadable reply.');
  const envelope = parsed.data as Envelope;
  if (envelope.ok) return envelope.value;
  throw AppError.fromShape(envelope.error);
}

/** Builds the same typed object for every transport (Electron preload, WebSocket bridge). */
export function buildApi(invoke: RawInvoke, subscribe: RawSubscribe): Api {
  const api: Record<string, unknown> = {};
  for (const channel of CHANNEL_NAMES) {
    const [group, method] = channel.split(':') as [string, string];
    const target = (api[group] ??= {}) as Record<string, unknown>;
    target[method] = async (input?: unknown) => unwrapEnvelope(await invoke(channel, input));
  }
  api.on = (event: EventName, listener: (payload: unknown) => void) => subscribe(event, listener);
  return api as Api;
}
