import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { BillingPatchField, BulkPreview, BulkTarget } from '../../src-shared/outbox/edits.ts';
import { BillingPatch } from '../../src-shared/outbox/edits.ts';
import { getApi } from '../api/index.ts';
import { attempt, type UiError } from '../lib/errors.ts';
import { useOutboxStore } from './outbox.ts';

/** Names are per person, so bulk edits offer the billing fields only. */
export const BULK_FIELDS = [
  'billing_company',
  'billing_address1',
  'billing_address2',
  'billing_city',
  'billing_province',
  'billing_zip',
  'billing_country',
  'billing_phone',
] as const satisfies readonly BillingPatchField[];
export type BulkField = (typeof BULK_FIELDS)[number];

export type BulkStep = 'edit' | 'preview' | 'queued';

/** One bulk edit: target, the fields and values, the preview, the confirm, then the drain. */
export const useBulkStore = defineStore('bulk', () => {
  const target = ref<BulkTarget | null>(null);
  const fields = ref<BulkField[]>([]);
  const values = ref<Partial<Record<BulkField, string>>>({});
  const step = ref<BulkStep>('edit');
  const preview = ref<BulkPreview | null>(null);
  const busy = ref(false);
  const error = ref<UiError | null>(null);
  const queued = ref(0);
  const batchId = ref<string | null>(null);
  /** Edits waiting in the whole outbox right after the confirm: the drain's starting line. */
  const drainStart = ref(0);

  const patch = computed(() => {
    const out: Partial<Record<BulkField, string | null>> = {};
    for (const field of fields.value) out[field] = values.value[field] ?? '';
    return out;
  });

  const patchCheck = computed(() => BillingPatch.safeParse(patch.value));
  const patchErrors = computed(() => {
    const errors: Partial<Record<string, string>> = {};
    if (patchCheck.value.success) return errors;
    for (const issue of patchCheck.value.error.issues) {
      const field = issue.path[0];
      if (typeof field === 'string' && !errors[field]) errors[field] = issue.message;
    }
    return errors;
  });
  const canPreview = computed(
    () => target.value !== null && fields.value.length > 0 && patchCheck.value.success,
  );

  const remaining = computed(() => useOutboxStore().waiting);
  const drained = computed(() => Math.max(0, drainStart.value - remaining.value));
  const drainPercent = computed(() =>
    drainStart.value === 0 ? 100 : Math.round((drained.value / drainStart.value) * 100),
  );

  function begin(next: BulkTarget) {
    target.value = next;
    fields.value = [];
    values.value = {};
    step.value = 'edit';
    preview.value = null;
    error.value = null;
    queued.value = 0;
    batchId.value = null;
  }

  function backToEdit() {
    step.value = 'edit';
    preview.value = null;
    error.value = null;
  }

  async function runPreview() {
    if (!target.value || !canPreview.value) return;
    const input = { target: target.value, patch: patch.value };
    busy.value = true;
    const result = await attempt(() => getApi().customers.bulkPreview(input));
    busy.value = false;
    if (result.ok) {
      preview.value = result.value;
      step.value = 'preview';
      error.value = null;
    } else {
      error.value = result.error;
    }
  }

  async function confirm() {
    if (!target.value || !preview.value) return;
    const input = {
      target: target.value,
      patch: patch.value,
      expectedCount: preview.value.count,
    };
    busy.value = true;
    const outbox = useOutboxStore();
    const before = outbox.waiting;
    const result = await attempt(() => getApi().customers.bulkUpdate(input));
    busy.value = false;
    if (!result.ok) {
      error.value = result.error;
      return;
    }
    queued.value = result.value.queued;
    batchId.value = result.value.batchId;
    drainStart.value = before + result.value.queued;
    step.value = 'queued';
    error.value = null;
    await outbox.loadSummary();
  }

  return {
    target,
    fields,
    values,
    step,
    preview,
    busy,
    error,
    queued,
    batchId,
    patch,
    patchErrors,
    canPreview,
    remaining,
    drained,
    drainPercent,
    drainStart,
    begin,
    backToEdit,
    runPreview,
    confirm,
  };
});
