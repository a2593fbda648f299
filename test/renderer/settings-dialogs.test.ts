import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import RebuildCacheDialog from '../../src-renderer/components/settings/RebuildCacheDialog.vue';
import ReplaceTokenDialog from '../../src-renderer/components/settings/ReplaceTokenDialog.vue';
import { useNoticesStore } from '../../src-renderer/stores/notices.ts';
import { AppError } from '../../src-shared/errors.ts';
import { click, isDisabled, type } from './dom.ts';
import { mountOpened as mountOpen } from './dialogs.ts';
import { fakeCore } from './fake-api.ts';
import { profilesState, syncStatus } from './fixtures.ts';

describe('settings dialogs', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('re-enters a locked store token and closes; the token is not kept in the page', async () => {
    const state = profilesState(['read_customer']);
    const core = fakeCore({ 'profiles:replaceToken': () => state });
    const profile = {
      ...state.profiles[0]!,
      locked: 'The key file does not match the saved tokens.',
    };
    const wrapper = await mountOpen(ReplaceTokenDialog, { profile });
    expect(isDisabled('replace-token-save')).toBe(true);
    await type('replace-token-input', 'sk_test_replacement_token');
    await click('replace-token-save');
    await flushPromises();
    expect(core.callsTo('profiles:replaceToken')).toEqual([
      { id: profile.id, token: 'sk_test_replacement_token' },
    ]);
    expect(wrapper.emitted('update:modelValue')?.at(-1)).toEqual([false]);
    expect(document.body.innerHTML).not.toContain('sk_test_replacement_token');
  });

  it('shows why a token was refused and stays open', async () => {
    fakeCore({
      'profiles:replaceToken': () => {
        throw new AppError('auth', 'The store refused the API token.');
      },
    });
    const profile = profilesState(['read_customer']).profiles[0]!;
    const wrapper = await mountOpen(ReplaceTokenDialog, { profile });
    await type('replace-token-input', 'wrong-token-123');
    await click('replace-token-save');
    await flushPromises();
    expect(document.body.textContent).toContain('The store refused the API token.');
    expect(wrapper.emitted('update:modelValue')?.at(-1)).not.toEqual([false]);
  });

  it('rebuilds the cache and says how many unsent edits were kept', async () => {
    const core = fakeCore({
      'sync:rebuildCache': () => ({ movedTo: '/data/cache.sqlite.broken', keptEdits: 2 }),
      'sync:status': () => syncStatus(),
      'sync:start': () => syncStatus({ state: 'syncing' }),
    });
    await mountOpen(RebuildCacheDialog);
    await click('rebuild-cache-confirm');
    await flushPromises();
    expect(core.callsTo('sync:rebuildCache')).toHaveLength(1);
    expect(core.callsTo('sync:start')).toEqual([{ full: true }]);
    expect(useNoticesStore().queue.at(-1)?.text).toBe('Cache rebuilt; 2 unsent edits kept.');
  });
});
