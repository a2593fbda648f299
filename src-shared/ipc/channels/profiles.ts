import { z } from 'zod';
import { ApiVersion, DEFAULT_API_VERSION } from '../../recharge/versions.ts';
import { Scope } from '../../scopes.ts';
import { defineChannels } from '../define.ts';

export { API_VERSIONS, ApiVersion } from '../../recharge/versions.ts';

export const DEFAULT_BASE_URL = 'https://api.rechargeapps.com';

/** What the renderer knows of a store profile: never the token, only its last 4 characters. */
export const ProfileView = z.object({
  id: z.string(),
  label: z.string(),
  baseUrl: z.string(),
  version: ApiVersion,
  scopes: z.array(Scope),
  tokenHint: z.string(),
  demo: z.boolean(),
  /** Why the saved token cannot be opened (wrong or missing key file): re-enter it. */
  locked: z.string().optional(),
});
export type ProfileView = z.infer<typeof ProfileView>;

export const ProfilesState = z.object({
  profiles: z.array(ProfileView),
  activeId: z.string().nullable(),
});
export type ProfilesState = z.infer<typeof ProfilesState>;

const ProfileId = z.string().min(1).max(64);

export const AddProfileInput = z
  .object({
    label: z.string().trim().min(1, 'Give the store a name.').max(80),
    baseUrl: z
      .url({ protocol: /^https?$/ })
      .max(300)
      .default(DEFAULT_BASE_URL),
    version: ApiVersion.default(DEFAULT_API_VERSION),
    token: z.string().trim().min(8, 'That token is too short.').max(512),
    /** On 2021-01 the write scopes cannot be asked for: the merchant ticks them. */
    writeScopes: z.array(z.enum(['write_customer', 'write_payments'])).default([]),
  })
  .strict();
export type AddProfileInput = z.input<typeof AddProfileInput>;

export const profilesChannels = defineChannels({
  'profiles:list': { input: z.undefined(), output: ProfilesState },
  'profiles:add': { input: AddProfileInput, output: ProfilesState },
  'profiles:switch': { input: z.object({ id: ProfileId }).strict(), output: ProfilesState },
  'profiles:replaceToken': {
    input: z
      .object({
        id: ProfileId,
        token: z.string().trim().min(8, 'That token is too short.').max(512),
      })
      .strict(),
    output: ProfilesState,
  },
  'profiles:remove': {
    input: z
      .object({
        id: ProfileId,
        deleteCache: z.boolean(),
        discardPending: z.boolean().default(false),
      })
      .strict(),
    output: ProfilesState,
  },
});
