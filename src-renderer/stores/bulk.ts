import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import type { BillingPatchField, BulkPreview, BulkTarget } from '../../src-shared/outbox/edits.ts';
import { BillingPatch } from '../../src-shared/outbox/edits.ts';
import { getApi } from '../api/index.ts';
import { attempt, type UiError } from '../lib/errors.ts';
import { useCustomersStore } from './customers.ts';
import { useOutboxStore, type BatchCounts } from './outbox.ts';

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
  /** This bulk edit's unsent edits; other edits in the outbox are not counted. */
  const progress = ref<BatchCounts | null>(null);

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

  const remaining = computed(() => progress.value?.waiting ?? queued.value);
  const needsAttention = computed(() =>
    progress.value ? progress.value.failed + progress.value.conflict : 0,
  );
  const sent = computed(() => Math.max(0, queued.value - remaining.value - needsAttention.value));
  const drainPercent = computed(() =>
    queued.value === 0 ? 100 : Math.round((sent.value / queued.value) * 100),
  );
  const drained = computed(() => step.value === 'queued' && remaining.value === 0);

  let refreshing: Promise<void> | null = null;
  let again = false;

  /** Counts this batch again; calls made meanwhile fold into one more count after it. */
  async function refreshProgress(): Promise<void> {
    if (refreshing) {
      again = true;
      return refreshing;
    }
    refreshing = (async () => {
      do {
        again = false;
        const id = batchId.value;
        if (id === null) return;
        const result = await useOutboxStore().batchCounts(id);
        if (result.ok && id === batchId.value) progress.value = result.value;
      } while (again);
    })();
    try {
      await refreshing;
    } finally {
      refreshing = null;
    }
  }

  // Every change in the outbox may be one of this batch's edits landing.
  watch(
    () => useOutboxStore().summary,
    () => {
      if (step.value === 'queued' && remaining.value > 0) void refreshProgress();
    },
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
    progress.value = null;
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
    const result = await attempt(() => getApi().customers.bulkUpdate(input));
    busy.value = false;
    if (!result.ok) {
      error.value = result.error;
      return;
    }
    queued.value = result.value.queued;
    batchId.value = result.value.batchId;
    progress.value = null;
    step.value = 'queued';
    error.value = null;
    // The edits are queued: the rows picked for them are done with.
    useCustomersStore().resetSelection();
    await Promise.all([useOutboxStore().loadSummary(), refreshProgress()]);
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
    progress,
    remaining,
    needsAttention,
    sent,
    drained,
    drainPercent,
    refreshProgress,
    begin,
    backToEdit,
    runPreview,
    confirm,
  };
});
