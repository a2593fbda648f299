// The top bar's connection state: a sync whose calls stopped getting answers says so at once.
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import SyncIndicator from '../../src-renderer/components/shell/SyncIndicator.vue';
import { useSyncStore } from '../../src-renderer/stores/sync.ts';
import type { SyncStatus } from '../../src-shared/ipc/channels/sync.ts';
import { fakeCore, freshPinia, plugins } from './fake-api.ts';
import { syncStatus } from './fixtures.ts';

async function labelFor(overrides: Partial<SyncStatus>): Promise<string> {
  const pinia = freshPinia();
  fakeCore({});
  const wrapper = mount(SyncIndicator, { global: plugins(pinia) });
  useSyncStore().status = syncStatus(overrides);
  await wrapper.vm.$nextTick();
  const label = wrapper.get('[data-testid="sync-indicator"]').attributes('aria-label') ?? '';
  wrapper.unmount();
  return label;
}

describe('sync indicator', () => {
  it('tells a running sync that reaches the store from one that is reconnecting', async () => {
    expect(await labelFor({ state: 'syncing', online: true })).toMatch(/^Syncing…/);
    expect(await labelFor({ state: 'syncing', online: false })).toMatch(
      /^Reconnecting…\. No answer from ReCharge/,
    );
  });

  it('says offline after a run that found no network, and online otherwise', async () => {
    expect(await labelFor({ state: 'offline', online: false })).toMatch(/^Offline\./);
    expect(await labelFor({ state: 'idle', online: true })).toMatch(/^Online\./);
  });
});
