import type { z } from 'zod';
import type { Scope } from '../scopes.ts';

export interface ChannelSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  /** The credential scope a call needs; absent means any profile may call it. */
  scope?: Scope;
}

export function defineChannels<const T extends Record<string, ChannelSpec>>(channels: T): T {
  return channels;
}

export function defineEvents<const T extends Record<string, z.ZodType>>(events: T): T {
  return events;
}
