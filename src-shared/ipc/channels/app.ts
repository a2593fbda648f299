import { z } from 'zod';
import { defineChannels } from '../define.ts';

export const AppMode = z.enum(['electron', 'harness', 'test']);
export type AppMode = z.infer<typeof AppMode>;

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  mode: AppMode,
  dataDir: z.string(),
  platform: z.string(),
  nodeVersion: z.string(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const APP_COMMANDS = ['find-customer', 'sync-now', 'show-outbox', 'open-settings'] as const;
export type AppCommand = (typeof APP_COMMANDS)[number];

export const NoInput = z.undefined();

export const appChannels = defineChannels({
  'app:info': { input: NoInput, output: AppInfo },
});
