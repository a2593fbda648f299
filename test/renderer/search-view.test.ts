import { flushPromises, mount } from '@vue/test-utils';
import { nextTick } from 'vue';
import { afterEach, describe, expect, it, vi } from 'vitest';
import CustomerSearchView from '../../src-renderer/components/customers/CustomerSearchView.vue';
import { useCustomersStore } from '../../src-renderer/stores/customers.ts';
import { useNavStore } from '../../src-renderer/stores/nav.ts';
import { useProfilesStore } from '../../src-renderer/stores/profiles.ts';
import type { CustomerRow, SearchInput } from '../../src-shared/customers/views.ts';
import type { ApiVersion } from '../../src-shared/ipc/channels/profiles.ts';
import { traitsOf } from '../../src-shared/recharge/versions.ts';
import { fakeCore, freshPinia, plugins } from './fake-api.ts';
import { profilesState, row } from './fixtures.ts';

async function mountSearch(
  version: ApiVersion,
  items: CustomerRow[] = [row(1), row(2)],
  total = items.length,
) {
  const core = fakeCore({
    'customers:search': () => ({
      items,
      total,
      totalExact: true,
      page: 1,
      pageSize: 25,
      next: null,
      tookMs: 1,
    }),
  });
  const pinia = freshPinia();
  useProfilesStore().state = profilesState(['read_customer'], version);
  mount(CustomerSearchView, { attachTo: document.body, global: plugins(pinia) });
  await vi.waitFor(() =>
    expect(document.querySelectorAll('[data-testid="customer-row"]')).toHaveLength(items.length),
  );
  return core;
}

const headerTexts = () =>
  [...document.querySelectorAll('[data-testid="results-table"] thead th')].map(
    (th) => th.textContent?.trim() ?? '',
  );

describe('search view by API version', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('hides the status column and the status filter on 2021-11', async () => {
    await mountSearch('2021-11');
    expect(headerTexts()).not.toContain('Status');
    expect(headerTexts()).toContain('Payment method');
    expect(document.querySelector('[data-testid="filter-status"]')).toBeNull();
    expect(document.querySelector('[data-testid="filter-dunning"]')).not.toBeNull();
  });

  it('shows them on 2021-01', async () => {
    await mountSearch('2021-01');
    expect(headerTexts()).toContain('Status');
    expect(document.querySelector('[data-testid="filter-status"]')).not.toBeNull();
  });

  it('names an active filter chip with its filter', async () => {
    const core = await mountSearch('2021-11');
    useCustomersStore().setFilter('dunning', true);
    await flushPromises();
    expect(document.querySelector('[data-testid="filter-dunning"]')?.textContent).toContain(
      'Dunning: In dunning',
    );
    expect(core.callsTo('customers:search').at(-1)).toMatchObject({ filters: { dunning: true } });
  });

  it('says "Status: Inactive" on the status chip of a 2021-01 store', async () => {
    await mountSearch('2021-01');
    useCustomersStore().setFilter('status', 'INACTIVE');
    await flushPromises();
    expect(document.querySelector('[data-testid="filter-status"]')?.textContent?.trim()).toBe(
      'Status: Inactive',
    );
    expect(document.querySelector('[data-testid="clear-filters"]')?.classList).toContain('v-chip');
  });

  it('counts pages with grouped numbers and says the order', async () => {
    const rows = Array.from({ length: 25 }, (_, i) => row(i + 1));
    await mountSearch('2021-11', rows, 3000);
    const footer = document.querySelector('[data-testid="results-pager"]')?.textContent ?? '';
    expect(footer).toContain('1–25 of 3,000');
    expect(document.querySelector('[data-testid="sort-menu"]')?.textContent?.trim()).toBe(
      'Sort: Best match',
    );
  });

  it('marks a row whose edits are not yet on ReCharge, naming the fields', async () => {
    await mountSearch('2021-11', [row(1, { pending_fields: ['billing_city'] }), row(2)]);
    const marks = document.querySelectorAll('[data-testid="pending-mark"]');
    expect(marks).toHaveLength(1);
    expect(marks[0]?.getAttribute('aria-label')).toBe('Not yet on ReCharge: City');
    // The place it changes is marked on the value as well.
    const first = document.querySelector('[data-testid="customer-row"]');
    expect(first?.querySelector('[data-pending="true"]')?.textContent).toContain('Portland');
  });

  it('says why a row matched when the list does not show the field, the part marked', async () => {
    const match = { field: 'phone' as const, value: '(919) 321-9193', start: 8, end: 14 };
    await mountSearch('2021-11', [row(1, { matched: match }), row(2)]);
    const notes = document.querySelectorAll('[data-testid="matched"]');
    expect(notes).toHaveLength(1);
    expect(notes[0]?.textContent?.replace(/\s+/g, ' ').trim()).toBe('Phone: (919) 321-9193');
    expect(notes[0]?.querySelector('mark')?.textContent).toBe('1-9193');
    expect(notes[0]?.closest('[data-customer-id]')?.getAttribute('data-customer-id')).toBe('1');
  });

  it('shows matched text as text, never as markup', async () => {
    const value = '<img src=x onerror=alert(1)>';
    const match = { field: 'billing_company' as const, value, start: 0, end: 4 };
    await mountSearch('2021-11', [row(1, { matched: match })]);
    const note = document.querySelector('[data-testid="matched"]');
    expect(note?.querySelector('img')).toBeNull();
    expect(note?.textContent).toContain(value);
  });

  it('shows rows without names or email as dashes, never "null"', async () => {
    await mountSearch('2021-11', [
      row(7, { first_name: null, last_name: null, email: 'x@example.com' }),
      row(8, {
        first_name: null,
        last_name: null,
        email: null,
        has_valid_payment_method: null,
        processor_type: null,
        status: null,
      }),
    ]);
    const rows = [...document.querySelectorAll('[data-testid="customer-row"]')].map(
      (tr) => tr.textContent ?? '',
    );
    expect(rows[0]).toContain('—');
    expect(rows[0]).toContain('x@example.com');
    expect(rows[1]).toContain('—');
    expect(rows[1]).toContain('8');
    expect(rows.join(' ')).not.toMatch(/null|undefined/);
  });

  it("ticks a row's box without opening it, and opens the row on a click elsewhere", async () => {
    await mountSearch('2021-11', [row(1), row(2)]);
    const rows = document.querySelectorAll<HTMLElement>('[data-testid="customer-row"]');
    const box = rows[1]?.querySelector<HTMLInputElement>('input[type="checkbox"]');
    expect(box?.getAttribute('aria-label')).toBe('Select row');
    box?.click();
    await flushPromises();
    expect(useCustomersStore().selectedIds).toEqual([2]);
    expect(box?.checked).toBe(true);
    expect(useNavStore().customerId).toBeNull();
    rows[0]?.querySelector<HTMLElement>('td:nth-child(3)')?.click();
    expect(useNavStore().customerId).toBe(1);
  });

  it('sorts by a column on a click of its header: A–Z, Z–A, then best match again', async () => {
    const core = await mountSearch('2021-11');
    const nameHeader = () =>
      [...document.querySelectorAll<HTMLElement>('[data-testid="results-table"] thead th')].find(
        (th) => th.textContent?.trim() === 'Name',
      );
    const sorts: unknown[] = [];
    for (const expected of ['ascending', 'descending', null]) {
      nameHeader()?.querySelector('button')?.click();
      await flushPromises();
      sorts.push((core.callsTo('customers:search').at(-1) as SearchInput).sort);
      expect(nameHeader()?.getAttribute('aria-sort')).toBe(expected);
    }
    expect(sorts).toEqual([
      { key: 'name', dir: 'asc' },
      { key: 'name', dir: 'desc' },
      { key: 'relevance', dir: 'desc' },
    ]);
    // Payment method is not an order the search knows: no button.
    const payment = [...document.querySelectorAll('thead th')].find((th) =>
      th.textContent?.includes('Payment method'),
    );
    expect(payment?.querySelector('button')).toBeNull();
  });

  it('pages forward, and offers no last page while the total is only "at least"', async () => {
    const rows = Array.from({ length: 25 }, (_, i) => row(i + 1));
    const core = await mountSearch('2021-11', rows, 60);
    const button = (name: string) =>
      document.querySelector<HTMLButtonElement>(
        `[data-testid="page-buttons"] [aria-label="${name}"]`,
      );
    expect(button('Previous page')?.disabled).toBe(true);
    expect(button('Last page')?.disabled).toBe(false);
    button('Next page')?.click();
    await flushPromises();
    expect(core.callsTo('customers:search').at(-1)).toMatchObject({ page: 2, pageSize: 25 });
    useCustomersStore().totalExact = false;
    await flushPromises();
    expect(button('Last page')?.disabled).toBe(true);
    expect(button('Next page')?.disabled).toBe(false);
  });

  it("ticks the page's rows from the header box, and a range with Shift", async () => {
    await mountSearch('2021-11', [row(1), row(2), row(3), row(4)]);
    const boxes = () => [
      ...document.querySelectorAll<HTMLInputElement>('[data-testid="customer-row"] input'),
    ];
    const all = document.querySelector<HTMLInputElement>('thead input[type="checkbox"]');
    all?.click();
    await flushPromises();
    expect(useCustomersStore().selectedIds).toEqual([1, 2, 3, 4]);
    all?.click();
    await flushPromises();
    expect(useCustomersStore().selectedIds).toEqual([]);
    boxes()[0]?.click();
    boxes()[2]?.dispatchEvent(new MouseEvent('click', { bubbles: true, shiftKey: true }));
    await flushPromises();
    expect(useCustomersStore().selectedIds).toEqual([1, 2, 3]);
    expect(all?.indeterminate).toBe(true);
    expect(boxes().map((box) => box.checked)).toEqual([true, true, true, false]);
  });

  it("draws a new page's top rows first and the rest a frame later; a refresh keeps every row", async () => {
    const rows = Array.from({ length: 25 }, (_, i) => row(i + 1));
    await mountSearch('2021-11', rows);
    const drawn = () => document.querySelectorAll('[data-testid="customer-row"]').length;
    useCustomersStore().refresh();
    await flushPromises();
    await nextTick();
    expect(drawn()).toBe(25);
    useCustomersStore().setQuery('a');
    await flushPromises();
    await nextTick();
    const first = document.querySelector('[data-testid="customer-row"]');
    expect(first?.getAttribute('data-customer-id')).toBe('1');
    expect(drawn()).toBeLessThan(25);
    await vi.waitFor(() => expect(drawn()).toBe(25));
  });

  it('drops a status filter when the store switches to 2021-11', async () => {
    await mountSearch('2021-01');
    const customers = useCustomersStore();
    customers.setFilter('status', 'ACTIVE');
    customers.dropUnsupportedFilters(traitsOf('2021-01'));
    expect(customers.filters).toEqual({ status: 'ACTIVE' });
    customers.dropUnsupportedFilters(traitsOf('2021-11'));
    expect(customers.filters).toEqual({});
  });
});
