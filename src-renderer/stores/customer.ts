import { defineStore } from 'pinia';
import { ref, watch } from 'vue';
import type { CustomerDetail } from '../../src-shared/customers/views.ts';
import type { z } from 'zod';
import type {
  AddressFields,
  AuditEntry,
  EditReceipt,
  UpdateAddressInput,
  UpdateBillingInput,
} from '../../src-shared/outbox/edits.ts';
import type { Processor } from '../../src-shared/recharge/payment-tokens.ts';
import { getApi } from '../api/index.ts';
import { attempt, type UiError } from '../lib/errors.ts';
import { useOutboxStore } from './outbox.ts';

type AddressPatch = z.input<typeof UpdateAddressInput>['patch'];

/** The open customer: detail, history, and the edits made from its screen. */
export const useCustomerStore = defineStore('customer', () => {
  const id = ref<number | null>(null);
  const detail = ref<CustomerDetail | null>(null);
  const history = ref<AuditEntry[]>([]);
  const loading = ref(false);
  const error = ref<UiError | null>(null);
  const historyError = ref<UiError | null>(null);
  let sequence = 0;
  let refreshTimer: ReturnType<typeof setTimeout> | null = null;

  // While the open customer has edits on their way, each outbox change may be one landing: the
  // screen follows (its pending marks go, its history says sent), a burst of changes once.
  watch(
    () => useOutboxStore().summary,
    () => {
      if (!detail.value || detail.value.pending_fields.length === 0) return;
      if (refreshTimer) clearTimeout(refreshTimer);
      refreshTimer = setTimeout(() => void reload(), 300);
    },
  );

  async function open(customerId: number) {
    if (id.value !== customerId) {
      detail.value = null;
      history.value = [];
    }
    id.value = customerId;
    await reload();
  }

  async function reload() {
    const customerId = id.value;
    if (customerId === null) return;
    const mine = ++sequence;
    loading.value = true;
    const [got, hist] = await Promise.all([
      attempt(() => getApi().customers.get({ id: customerId })),
      attempt(() => getApi().customers.history({ customerId })),
    ]);
    if (mine !== sequence) return;
    loading.value = false;
    if (got.ok) {
      detail.value = got.value;
      error.value = null;
    } else {
      error.value = got.error;
    }
    if (hist.ok) {
      history.value = [...hist.value.entries].sort((a, b) => b.at.localeCompare(a.at));
      historyError.value = null;
    } else {
      historyError.value = hist.error;
    }
  }

  /** Every edit is to the open customer, and the screen reloads to show it pending. */
  async function editOpen(call: (customerId: number) => Promise<EditReceipt>) {
    const customerId = id.value;
    if (customerId === null) throw new Error('No customer is open.');
    const result = await attempt(() => call(customerId));
    if (result.ok) await reload();
    return result;
  }

  async function saveBilling(patch: UpdateBillingInput['patch']) {
    return editOpen((customerId) => getApi().customers.updateBilling({ customerId, patch }));
  }

  /** `paymentMethodToken` goes along where the store's version needs it (2021-11). */
  async function savePaymentToken(
    processor: Processor,
    token: string,
    paymentMethodToken?: string,
  ) {
    return editOpen((customerId) =>
      getApi().customers.updatePaymentToken(
        paymentMethodToken === undefined
          ? { customerId, processor, token }
          : { customerId, processor, token, paymentMethodToken },
      ),
    );
  }

  async function createAddress(address: AddressFields) {
    return editOpen((customerId) => getApi().addresses.create({ customerId, address }));
  }

  async function updateAddress(addressId: number, patch: AddressPatch) {
    return editOpen((customerId) => getApi().addresses.update({ customerId, addressId, patch }));
  }

  return {
    id,
    detail,
    history,
    loading,
    error,
    historyError,
    open,
    reload,
    saveBilling,
    savePaymentToken,
    createAddress,
    updateAddress,
  };
});
