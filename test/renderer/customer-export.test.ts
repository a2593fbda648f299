import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import CustomerExport from '../../src-renderer/components/customers/CustomerExport.vue';
import { useCustomersStore } from '../../src-renderer/stores/customers.ts';
import { useNoticesStore } from '../../src-renderer/stores/notices.ts';
import type { ExportResult } from '../../src-shared/customers/export.ts';
import { AppError } from '../../src-shared/errors.ts';
import { deferred, fakeCore, freshPinia, plugins } from './fake-api.ts';

const done = (over: Partial<ExportResult> = {}): ExportResult => ({
  state: 'done',
  rows: 1234,
  path: '/home/ada/customers.csv',
  downloadUrl: null,
  ...over,
});

function setup(handlers: Parameters<typeof fakeCore>[0]) {
  const pinia = freshPinia();
  const core = fakeCore(handlers);
  const customers = useCustomersStore();
  customers.query = 'gmail';
  customers.filters = { status: 'ACTIVE' };
  customers.sort = { key: 'name', dir: 'asc' };
  customers.total = 1234;
  const wrapper = mount(CustomerExport, { attachTo: document.body, global: plugins(pinia) });
  return { core, wrapper, notices: useNoticesStore() };
}

const byId = (wrapper: ReturnType<typeof mount>, id: string) =>
  wrapper.find(`[data-testid="${id}"]`);

describe('the export control', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    document.body.innerHTML = '';
  });

  it('asks main to export the shown search, shows progress, then where the file went', async () => {
    const answer = deferred<ExportResult>();
    const { core, wrapper, notices } = setup({ 'customers:export': () => answer.promise });
    await byId(wrapper, 'export-csv').trigger('click');
    expect(core.callsTo('customers:export')).toEqual([
      { query: 'gmail', filters: { status: 'ACTIVE' }, sort: { key: 'name', dir: 'asc' } },
    ]);
    await flushPromises();
    expect(byId(wrapper, 'export-csv').exists()).toBe(false);
    core.emit('customers:exportProgress', { written: 0, total: null });
    await flushPromises();
    expect(byId(wrapper, 'export-count').text()).toBe('0');
    core.emit('customers:exportProgress', { written: 500, total: 1234 });
    await flushPromises();
    expect(byId(wrapper, 'export-count').text()).toBe('500 / 1,234');
    answer.resolve(done());
    await flushPromises();
    expect(byId(wrapper, 'export-running').exists()).toBe(false);
    expect(byId(wrapper, 'export-csv').exists()).toBe(true);
    expect(notices.queue.at(-1)).toEqual({
      text: 'Exported 1,234 customers to /home/ada/customers.csv.',
      color: 'success',
    });
  });

  it('cancels the running export from its cancel button', async () => {
    const answer = deferred<ExportResult>();
    const started = setup({
      'customers:export': () => answer.promise,
      'customers:exportCancel': () => {
        answer.resolve({ state: 'cancelled', rows: 200, path: null, downloadUrl: null });
        return { cancelled: true };
      },
    });
    const { wrapper, notices } = started;
    await byId(wrapper, 'export-csv').trigger('click');
    await flushPromises();
    await byId(wrapper, 'export-cancel').trigger('click');
    await flushPromises();
    expect(started.core.callsTo('customers:exportCancel')).toHaveLength(1);
    expect(byId(wrapper, 'export-csv').exists()).toBe(true);
    expect(notices.queue.at(-1)).toEqual({ text: 'Export cancelled.', color: 'info' });
  });

  it('downloads the file from the address the harness gives, once', async () => {
    const clicked: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      clicked.push(this.getAttribute('href') ?? '');
    });
    const { wrapper, notices } = setup({
      'customers:export': () => done({ path: null, downloadUrl: '/__export/abc', rows: 1 }),
    });
    await byId(wrapper, 'export-csv').trigger('click');
    await flushPromises();
    expect(clicked).toEqual(['/__export/abc']);
    expect(notices.queue.at(-1)?.text).toBe('Exported 1 customer.');
  });

  it('reports a failed export and offers the button again', async () => {
    const { wrapper, notices } = setup({
      'customers:export': () => {
        throw new AppError('unavailable', 'The export could not be written: ENOSPC');
      },
    });
    await byId(wrapper, 'export-csv').trigger('click');
    await flushPromises();
    expect(notices.queue.at(-1)).toEqual({
      text: 'Export failed: The export could not be written: ENOSPC',
      color: 'error',
    });
    expect(byId(wrapper, 'export-csv').attributes('disabled')).toBeUndefined();
  });

  it('cannot start on a search with no results', async () => {
    const { wrapper } = setup({});
    useCustomersStore().total = 0;
    await flushPromises();
    expect(byId(wrapper, 'export-csv').attributes('disabled')).toBeDefined();
  });
});
