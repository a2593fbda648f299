import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src-shared/errors.ts';
import BulkEditDialog from '../../src-renderer/components/customers/BulkEditDialog.vue';
import { useBulkStore } from '../../src-renderer/stores/bulk.ts';
import { useOutboxStore } from '../../src-renderer/stores/outbox.ts';
import { $, click, isDisabled, type } from './dom.ts';
import { fakeCore, freshPinia, plugins, type Handler } from './fake-api.ts';
import { summary } from './fixtures.ts';

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

function core(extra: Record<string, Handler> = {}) {
  let waiting = 0;
  const fake = fakeCore({
    'customers:bulkPreview': () => preview,
    'customers:bulkUpdate': (input: { expectedCount: number }) => {
      waiting += input.expectedCount;
      return { queued: input.expectedCount, batchId: 'b1' };
    },
    'outbox:summary': () => summary({ pending: waiting }),
    ...extra,
  });
  return fake;
}

describe('bulk edit store', () => {
  beforeEach(() => freshPinia());

  it('previews, confirms with the previewed count, then follows the drain', async () => {
    const fake = core();
    const outbox = useOutboxStore();
    outbox.subscribe();
    const bulk = useBulkStore();
    bulk.begin({ kind: 'search', query: 'port', filters: { status: 'ACTIVE' } });
    bulk.fields = ['billing_company'];
    bulk.values = { billing_company: 'Acme' };
    await bulk.runPreview();
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
    expect(bulk.drainStart).toBe(100);
    expect(bulk.drainPercent).toBe(0);
    fake.emit('outbox:changed', summary({ pending: 40, done: 60 }));
    expect(bulk.drained).toBe(60);
    expect(bulk.drainPercent).toBe(60);
    fake.emit('outbox:changed', summary({ done: 100 }));
    expect(bulk.drainPercent).toBe(100);
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
    const bulk = useBulkStore();
    bulk.begin({ kind: 'ids', ids: [1] });
    bulk.fields = ['billing_city'];
    bulk.values = { billing_city: 'Salem' };
    await bulk.runPreview();
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
    const pinia = freshPinia();
    const wrapper = mount(BulkEditDialog, {
      props: { modelValue: false, target: { kind: 'ids', ids: [1, 2, 3] }, count: 3 },
      attachTo: document.body,
      global: plugins(pinia),
    });
    await wrapper.setProps({ modelValue: true });
    await flushPromises();
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
    useOutboxStore().subscribe();
    fake.emit('outbox:changed', summary({ pending: 25 }));
    await flushPromises();
    expect($('[data-testid="bulk-drain"]').textContent).toContain('75 of 100 sent');
  });

  it('says how many customers the preview skipped for lack of an editable billing address', async () => {
    core({ 'customers:bulkPreview': () => ({ ...preview, count: 97, skipped: 3 }) });
    const pinia = freshPinia();
    const wrapper = mount(BulkEditDialog, {
      props: { modelValue: false, target: { kind: 'ids', ids: [1, 2, 3] }, count: 100 },
      attachTo: document.body,
      global: plugins(pinia),
    });
    await wrapper.setProps({ modelValue: true });
    await flushPromises();
    $('[data-testid="bulk-check-billing_city"] input').click();
    await flushPromises();
    await type('bulk-value-billing_city', 'Salem');
    await click('bulk-preview');
    expect($('[data-testid="bulk-preview-count"]').textContent).toContain('97 customers');
    expect($('[data-testid="bulk-preview-skipped"]').textContent).toContain(
      '3 customers skipped: no editable billing address',
    );
  });

  it('says nothing of skipped customers when none were', async () => {
    core();
    const pinia = freshPinia();
    const wrapper = mount(BulkEditDialog, {
      props: { modelValue: false, target: { kind: 'ids', ids: [1] }, count: 1 },
      attachTo: document.body,
      global: plugins(pinia),
    });
    await wrapper.setProps({ modelValue: true });
    await flushPromises();
    $('[data-testid="bulk-check-billing_city"] input').click();
    await flushPromises();
    await type('bulk-value-billing_city', 'Salem');
    await click('bulk-preview');
    expect(document.querySelector('[data-testid="bulk-preview-skipped"]')).toBeNull();
  });
});
