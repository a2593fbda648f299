import { z } from 'zod';
import { ExportProgress } from '../customers/export.ts';
import { OutboxSummary } from '../outbox/edits.ts';
import { defineEvents } from './define.ts';
import { APP_COMMANDS, appChannels } from './channels/app.ts';
import { customersChannels } from './channels/customers.ts';
import { editChannels } from './channels/edits.ts';
import { profilesChannels, ProfilesState } from './channels/profiles.ts';
import { syncChannels, SyncStatus } from './channels/sync.ts';

/** Every request/response channel between renderer and main, grouped per feature. */
export const channels = {
  ...appChannels,
  ...profilesChannels,
  ...customersChannels,
  ...syncChannels,
  ...editChannels,
};

/** One-way events from main to the renderer. */
export const events = defineEvents({
  'app:notice': z.object({ level: z.enum(['info', 'warning', 'error']), message: z.string() }),
  'sync:status': SyncStatus,
  'profiles:changed': ProfilesState,
  'outbox:changed': OutboxSummary,
  'customers:exportProgress': ExportProgress,
  /** Menu commands and global shortcuts from the shell. */
  'app:command': z.object({ command: z.enum(APP_COMMANDS) }),
});

export type Channels = typeof channels;
export type ChannelName = keyof Channels & string;
export type ChannelInput<K extends ChannelName> = z.input<Channels[K]['input']>;
export type ChannelParsedInput<K extends ChannelName> = z.output<Channels[K]['input']>;
export type ChannelOutput<K extends ChannelName> = z.output<Channels[K]['output']>;

export type Events = typeof events;
export type EventName = keyof Events & string;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export const CHANNEL_NAMES = Object.keys(channels) as ChannelName[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.hasOwn(channels, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}
