import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import AddProfileDialog from '../../src-renderer/components/settings/AddProfileDialog.vue';
import RebuildCacheDialog from '../../src-renderer/components/settings/RebuildCacheDialog.vue';
import ReplaceTokenDialog from '../../src-renderer/components/settings/ReplaceTokenDialog.vue';
import SettingsView from '../../src-renderer/components/settings/SettingsView.vue';
import { useNoticesStore } from '../../src-renderer/stores/notices.ts';
import { useProfilesStore } from '../../src-renderer/stores/profiles.ts';
import { AppError } from '../../src-shared/errors.ts';
import { $, click, isDisabled, messagesOf, type } from './dom.ts';
import { mountOpened as mountOpen } from './dialogs.ts';
import { fakeCore, freshPinia, plugins } from './fake-api.ts';
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

  it('adds a store on API 2021-11 by default, without scopes to tick', async () => {
    const core = fakeCore({ 'profiles:add': () => profilesState(['read_customer'], '2021-11') });
    await mountOpen(AddProfileDialog);
    expect(document.body.textContent).toContain("API 2021-11 reports the token's scopes itself");
    expect(document.querySelector('[data-testid="add-profile-host-warning"]')).toBeNull();
    await type('add-profile-label', 'Shop');
    await type('add-profile-token', 'sk_live_abcdefgh');
    await click('add-profile-save');
    expect(core.callsTo('profiles:add')).toEqual([
      {
        label: 'Shop',
        baseUrl: 'https://api.rechargeapps.com',
        version: '2021-11',
        token: 'sk_live_abcdefgh',
        writeScopes: [],
      },
    ]);
  });

  it('warns, without refusing, when the base URL is not ReCharge’s', async () => {
    const core = fakeCore({ 'profiles:add': () => profilesState(['read_customer'], '2021-11') });
    await mountOpen(AddProfileDialog);
    await type('add-profile-base-url', 'https://proxy.example.com');
    expect($('[data-testid="add-profile-host-warning"]').textContent).toContain(
      'proxy.example.com is not the ReCharge API',
    );
    await type('add-profile-label', 'Shop');
    await type('add-profile-token', 'sk_live_abcdefgh');
    await click('add-profile-save');
    expect(core.callsTo('profiles:add')).toHaveLength(1);
  });

  it('explains that plain http is only for 127.0.0.1', async () => {
    const core = fakeCore({ 'profiles:add': () => profilesState(['read_customer'], '2021-11') });
    await mountOpen(AddProfileDialog);
    expect(messagesOf('add-profile-base-url')).toContain('127.0.0.1');
    await type('add-profile-base-url', 'http://shop.example.com');
    await type('add-profile-label', 'Shop');
    await type('add-profile-token', 'sk_live_abcdefgh');
    await click('add-profile-save');
    expect(messagesOf('add-profile-base-url')).toContain(
      'plain http is only allowed for 127.0.0.1',
    );
    expect(core.callsTo('profiles:add')).toHaveLength(0);
    await type('add-profile-base-url', 'http://127.0.0.1:8080');
    await click('add-profile-save');
    expect(core.callsTo('profiles:add')).toHaveLength(1);
  });

  it('lists the payment-method read scope among a store’s scopes', async () => {
    fakeCore({
      'profiles:list': () => profilesState(['read_customer', 'read_payments'], '2021-11'),
      'sync:status': () => syncStatus(),
    });
    const pinia = freshPinia();
    mount(SettingsView, { attachTo: document.body, global: plugins(pinia) });
    await useProfilesStore().load();
    await flushPromises();
    const chip = $('[data-testid="scope-read_payments"]');
    expect(chip.textContent).toContain('Read payment methods');
    expect(chip.textContent).not.toContain('not granted');
    expect(chip.getAttribute('title')).toBe('read_payment_methods on API 2021-11');
    expect($('[data-testid="scope-write_payments"]').textContent).toContain('(not granted)');
  });
});
