import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src-shared/errors.ts';
import BulkEditDialog from '../../src-renderer/components/customers/BulkEditDialog.vue';
import type { BulkTarget, EditState, EditView } from '../../src-shared/outbox/edits.ts';
import { useBulkStore, type BulkField } from '../../src-renderer/stores/bulk.ts';
import { useCustomersStore } from '../../src-renderer/stores/customers.ts';
import { useOutboxStore } from '../../src-renderer/stores/outbox.ts';
import { $, click, isDisabled, type } from './dom.ts';
import { fakeCore, freshPinia, plugins, type Handler } from './fake-api.ts';
import { edit, summary } from './fixtures.ts';

const preview = {
  count: 100,
  unchanged: 2,
  skipped: 0,
  fields: ['billing_company'],
  sample: [
    {
      id: 1,
      name: 'Ada Lovelace',
      before: { billing_company: null },
      after: { billing_company: 'Acme' },
    },
  ],
};

/**
 * A core whose outbox holds one unrelated edit waiting for a retry, and the edits each bulk
 * confirm queues (batch `b1`); `settle` moves the batch's first `n` edits on.
 */
function core(extra: Record<string, Handler> = {}) {
  const edits: EditView[] = [edit({ id: 1, state: 'pending', batchId: null })];
  const counts = () => {
    const c = { pending: 0, in_flight: 0, failed: 0, conflict: 0, done: 0, discarded: 0 };
    for (const e of edits) c[e.state]++;
    return summary(c);
  };
  const fake = fakeCore({
    'customers:bulkPreview': () => preview,
    'customers:bulkUpdate': (input: { expectedCount: number }) => {
      for (let i = 0; i < input.expectedCount; i++) {
        edits.push(edit({ id: edits.length + 1, batchId: 'b1', customerId: 200 + i }));
      }
      return { queued: input.expectedCount, batchId: 'b1' };
    },
    'outbox:summary': counts,
    'outbox:list': (input: { states: EditState[]; limit: number; offset: number }) => {
      const shown = edits.filter((e) => input.states.includes(e.state));
      return {
        items: shown.slice(input.offset, input.offset + input.limit),
        total: shown.length,
        summary: counts(),
      };
    },
    ...extra,
  });
  return {
    ...fake,
    settle(n: number, state: EditState = 'done') {
      for (const e of edits.filter((x) => x.batchId === 'b1' && x.state === 'pending').slice(0, n))
        e.state = state;
      fake.emit('outbox:changed', counts());
    },
  };
}

/** Mounts the dialog closed, then opens it, as the search view does. */
async function openBulkDialog(ids: number[], count: number) {
  const wrapper = mount(BulkEditDialog, {
    props: { modelValue: false, target: { kind: 'ids', ids }, count },
    attachTo: document.body,
    global: plugins(freshPinia()),
  });
  await wrapper.setProps({ modelValue: true });
  await flushPromises();
  return wrapper;
}

async function previewCity(city: string) {
  $('[data-testid="bulk-check-billing_city"] input').click();
  await flushPromises();
  await type('bulk-value-billing_city', city);
  await click('bulk-preview');
}

/** The bulk store with a one-field edit of `target` previewed. */
async function previewed(target: BulkTarget, field: BulkField, value: string) {
  const bulk = useBulkStore();
  bulk.begin(target);
  bulk.fields = [field];
  bulk.values = { [field]: value };
  await bulk.runPreview();
  return bulk;
}

describe('bulk edit store', () => {
  beforeEach(() => freshPinia());

  it('previews, confirms with the previewed count, then follows the drain', async () => {
    const fake = core();
    const outbox = useOutboxStore();
    outbox.subscribe();
    const bulk = await previewed(
      { kind: 'search', query: 'port', filters: { status: 'ACTIVE' } },
      'billing_company',
      'Acme',
    );
    expect(fake.callsTo('customers:bulkPreview')).toEqual([
      {
        target: { kind: 'search', query: 'port', filters: { status: 'ACTIVE' } },
        patch: { billing_company: 'Acme' },
      },
    ]);
    expect(bulk.step).toBe('preview');
    await bulk.confirm();
    expect(fake.callsTo('customers:bulkUpdate')).toEqual([
      {
        target: { kind: 'search', query: 'port', filters: { status: 'ACTIVE' } },
        patch: { billing_company: 'Acme' },
        expectedCount: 100,
      },
    ]);
    expect(bulk.step).toBe('queued');
    expect(bulk.sent).toBe(0);
    expect(bulk.drainPercent).toBe(0);
    fake.settle(60);
    await flushPromises();
    expect(bulk.sent).toBe(60);
    expect(bulk.drainPercent).toBe(60);
    fake.settle(40);
    await flushPromises();
    // The unrelated edit still waits: it is no part of this bulk edit.
    expect(useOutboxStore().waiting).toBe(1);
    expect(bulk.drainPercent).toBe(100);
    expect(bulk.drained).toBe(true);
  });

  it('counts a batch edit that needs attention apart from those sent', async () => {
    const fake = core();
    useOutboxStore().subscribe();
    const bulk = await previewed({ kind: 'ids', ids: [1] }, 'billing_company', 'Acme');
    await bulk.confirm();
    fake.settle(98);
    fake.settle(1, 'conflict');
    fake.settle(1, 'failed');
    await flushPromises();
    expect(bulk.sent).toBe(98);
    expect(bulk.needsAttention).toBe(2);
  });

  it('unticks the rows the edit was made for once it is queued', async () => {
    core();
    const customers = useCustomersStore();
    customers.selectedIds = [1, 2, 3];
    const bulk = await previewed({ kind: 'ids', ids: [1, 2, 3] }, 'billing_company', 'Acme');
    expect(customers.selectedIds).toEqual([1, 2, 3]);
    await bulk.confirm();
    expect(customers.selectedIds).toEqual([]);
  });

  it('checks values with the shared rules before a preview', () => {
    core();
    const bulk = useBulkStore();
    bulk.begin({ kind: 'ids', ids: [1, 2] });
    expect(bulk.canPreview).toBe(false);
    bulk.fields = ['billing_zip'];
    bulk.values = { billing_zip: '12#4' };
    expect(bulk.patchErrors['billing_zip']).toBe('Letters, digits, spaces and dashes only.');
    expect(bulk.canPreview).toBe(false);
    bulk.values = { billing_zip: '1234' };
    expect(bulk.canPreview).toBe(true);
  });

  it('stays on the preview with the message when the count changed meanwhile', async () => {
    core({
      'customers:bulkUpdate': () => {
        throw new AppError('conflict', 'The number of matching customers changed: preview again.');
      },
    });
    const bulk = await previewed({ kind: 'ids', ids: [1] }, 'billing_city', 'Salem');
    await bulk.confirm();
    expect(bulk.step).toBe('preview');
    expect(bulk.error?.message).toContain('preview again');
  });
});

describe('bulk edit dialog', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('walks from field choice to preview to queued', async () => {
    const fake = core();
    await openBulkDialog([1, 2, 3], 3);
    expect($('[data-testid="bulk-target"]').textContent).toContain('3 selected customers');
    expect(isDisabled('bulk-preview')).toBe(true);
    $('[data-testid="bulk-check-billing_company"] input').click();
    await flushPromises();
    await type('bulk-value-billing_company', 'Acme');
    expect(isDisabled('bulk-preview')).toBe(false);
    await click('bulk-preview');
    expect($('[data-testid="bulk-preview-count"]').textContent).toContain('100 customers');
    expect(document.body.textContent).toContain('2 already have these values');
    await click('bulk-confirm');
    expect($('[data-testid="bulk-queued"]').textContent).toContain('100 edits queued');
    expect($('[data-testid="bulk-drain"]').textContent).toContain('0 of 100 sent');
    // Opened for 3 selected rows: the heading keeps saying so once the selection is cleared.
    expect($('[data-testid="bulk-target"]').textContent).toContain('3 selected customers');
    useOutboxStore().subscribe();
    fake.settle(75);
    await flushPromises();
    expect($('[data-testid="bulk-drain"]').textContent).toContain('75 of 100 sent');
    fake.settle(25);
    await flushPromises();
    expect($('[data-testid="bulk-drain"]').textContent).toContain('100 of 100 sent');
    expect($('[data-testid="bulk-queued"]').textContent).toContain(
      'All 100 edits reached ReCharge',
    );
  });

  it('says how many customers the preview skipped for lack of an editable billing address', async () => {
    core({ 'customers:bulkPreview': () => ({ ...preview, count: 97, skipped: 3 }) });
    await openBulkDialog([1, 2, 3], 100);
    await previewCity('Salem');
    expect($('[data-testid="bulk-preview-count"]').textContent).toContain('97 customers');
    expect($('[data-testid="bulk-preview-skipped"]').textContent).toContain(
      '3 customers skipped: no editable billing address',
    );
    await click('bulk-confirm');
    // Once queued, the note still accounts for every customer the edit was opened for.
    expect($('[data-testid="bulk-queued"]').textContent).toContain(
      '3 skipped (no editable billing address); 2 already had these values',
    );
  });

  it('says nothing of skipped customers when none were', async () => {
    core();
    await openBulkDialog([1], 1);
    await previewCity('Salem');
    expect(document.querySelector('[data-testid="bulk-preview-skipped"]')).toBeNull();
  });
});
