import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import EditDialog from '../../src-renderer/components/outbox/EditDialog.vue';
import { resolutionOf, useOutboxStore } from '../../src-renderer/stores/outbox.ts';
import { $, click } from './dom.ts';
import { fakeCore, freshPinia, plugins } from './fake-api.ts';
import { edit, summary } from './fixtures.ts';

describe('conflict resolution choices', () => {
  it('folds all-mine and all-theirs to the short forms and keeps mixes per field', () => {
    expect(resolutionOf({ a: 'mine', b: 'mine' })).toBe('mine');
    expect(resolutionOf({ a: 'theirs', b: 'theirs' })).toBe('theirs');
    expect(resolutionOf({ a: 'mine', b: 'theirs' })).toEqual({
      fields: { a: 'mine', b: 'theirs' },
    });
  });
});

describe('outbox store', () => {
  beforeEach(() => freshPinia());

  it('lists open edits and takes the summary from the same answer', async () => {
    const core = fakeCore({
      'outbox:list': () => ({
        items: [edit({ state: 'failed' })],
        total: 1,
        summary: summary({ failed: 1, pending: 2 }),
      }),
    });
    const outbox = useOutboxStore();
    await outbox.load();
    const calls = core.callsTo('outbox:list') as { states: string[] }[];
    expect(calls).toEqual([{ states: expect.any(Array), limit: 50, offset: 0 }]);
    expect([...calls[0]!.states].sort()).toEqual(['conflict', 'failed', 'in_flight', 'pending']);
    expect(outbox.items).toHaveLength(1);
    expect(outbox.openCount).toBe(3);
    expect(outbox.needsAttention).toBe(1);
  });

  it('follows outbox:changed events for the badge', async () => {
    const core = fakeCore({});
    const outbox = useOutboxStore();
    outbox.subscribe();
    core.emit('outbox:changed', summary({ pending: 4, conflict: 1 }));
    expect(outbox.openCount).toBe(5);
    expect(outbox.waiting).toBe(4);
  });

  it('retries and discards by id, then reloads the list', async () => {
    const core = fakeCore({
      'outbox:retry': () => summary(),
      'outbox:discard': () => summary(),
      'outbox:list': () => ({ items: [], total: 0, summary: summary() }),
    });
    const outbox = useOutboxStore();
    await outbox.retry([3, 4]);
    await outbox.discard([5]);
    expect(core.callsTo('outbox:retry')).toEqual([{ ids: [3, 4] }]);
    expect(core.callsTo('outbox:discard')).toEqual([{ ids: [5] }]);
    expect(core.callsTo('outbox:list')).toHaveLength(2);
  });

  it('keeps the list and reports the error when the outbox is unavailable', async () => {
    fakeCore({});
    const outbox = useOutboxStore();
    await outbox.load();
    expect(outbox.error?.kind).toBe('unavailable');
    expect(outbox.items).toEqual([]);
    const result = await outbox.push();
    expect(result.ok).toBe(false);
    expect(outbox.actionError?.message).toContain('not available yet');
  });
});

describe('conflict dialog', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  const conflict = edit({
    id: 12,
    state: 'conflict',
    fields: ['billing_city', 'billing_zip'],
    mine: { billing_city: 'Salem', billing_zip: '97301' },
    base: { billing_city: 'Portland', billing_zip: '97205' },
    theirs: { billing_city: 'Eugene', billing_zip: '97401' },
  });

  async function open() {
    const core = fakeCore({
      'outbox:resolve': () => ({ edit: { ...conflict, state: 'pending' } }),
      'outbox:list': () => ({ items: [], total: 0, summary: summary() }),
    });
    const pinia = freshPinia();
    const wrapper = mount(EditDialog, {
      props: { modelValue: false, edit: conflict },
      attachTo: document.body,
      global: plugins(pinia),
    });
    await wrapper.setProps({ modelValue: true });
    await flushPromises();
    return { core, wrapper };
  }

  it('shows mine and theirs side by side with the value each side holds', async () => {
    await open();
    const table = $('[data-testid="conflict-table"]').textContent ?? '';
    for (const value of ['Portland', 'Salem', 'Eugene', '97301', '97401']) {
      expect(table).toContain(value);
    }
  });

  it('sends a per-field choice', async () => {
    const { core } = await open();
    $('[data-testid="choose-theirs-billing_zip"] input').click();
    await flushPromises();
    await click('conflict-apply');
    expect(core.callsTo('outbox:resolve')).toEqual([
      { id: 12, resolution: { fields: { billing_city: 'mine', billing_zip: 'theirs' } } },
    ]);
  });

  it('sends "theirs" when every field takes the server’s value', async () => {
    const { core } = await open();
    $('[data-testid="choose-theirs-billing_zip"] input').click();
    $('[data-testid="choose-theirs-billing_city"] input').click();
    await flushPromises();
    await click('conflict-apply');
    expect(core.callsTo('outbox:resolve')).toEqual([{ id: 12, resolution: 'theirs' }]);
  });
});
