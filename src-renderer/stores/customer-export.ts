import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { ExportInput, ExportResult } from '../../src-shared/customers/export.ts';
import { getApi } from '../api/index.ts';
import { toUiError, type UiError } from '../lib/errors.ts';

export type ExportOutcome = { ok: true; result: ExportResult } | { ok: false; error: UiError };

/**
 * The CSV export of a search, run by main into a file: this store only holds its progress (rows
 * written, the total once counted), never the rows.
 */
export const useCustomerExportStore = defineStore('customerExport', () => {
  const running = ref(false);
  const cancelling = ref(false);
  const written = ref(0);
  const total = ref<number | null>(null);

  /** Null while the total is unknown (the bar then runs without a figure). */
  const percent = computed(() =>
    total.value === null
      ? null
      : total.value === 0
        ? 100
        : Math.min(100, (written.value / total.value) * 100),
  );

  async function start(input: ExportInput): Promise<ExportOutcome> {
    if (running.value) return { ok: false, error: toUiError(new Error('An export is running.')) };
    running.value = true;
    cancelling.value = false;
    written.value = 0;
    total.value = null;
    const api = getApi();
    const stop = api.on('customers:exportProgress', (progress) => {
      written.value = progress.written;
      total.value = progress.total;
    });
    try {
      return { ok: true, result: await api.customers.export(input) };
    } catch (e) {
      return { ok: false, error: toUiError(e) };
    } finally {
      stop();
      running.value = false;
      cancelling.value = false;
    }
  }

  async function cancel() {
    if (!running.value || cancelling.value) return;
    cancelling.value = true;
    try {
      await getApi().customers.exportCancel();
    } catch {
      cancelling.value = false;
    }
  }

  return { running, cancelling, written, total, percent, start, cancel };
});
