import { AppError } from '../../src-shared/errors.ts';
import { detectConflict, pick, type FieldValues } from '../../src-shared/outbox/rules.ts';
import type { AddressFacts } from '../../src-shared/customers/model.ts';
import {
  PAYMENT_METHOD_TOKEN_FIELD,
  processorOfField,
} from '../../src-shared/recharge/payment-tokens.ts';
import {
  UnfinishedTokenChange,
  type CustomerState,
  type TokenChange,
} from '../recharge/store-api.ts';
import type { EditRow } from './edit-rows.ts';
import { createMayExist, type ErrorHandling } from './push-errors.ts';
import type { Outcome, PushContext } from './push-context.ts';
import { replacedMethodOf } from './replaced-method.ts';
import type { Settlers } from './settle.ts';
import { maskTokensInError, openPatch } from './token-codec.ts';

function sameFields(address: AddressFacts, wanted: FieldValues): boolean {
  const have = pick(address, Object.keys(wanted));
  return Object.keys(wanted).every((f) => (have[f] ?? '') === (wanted[f] ?? ''));
}

/** What to send: the touched fields the store does not hold yet, unless one conflicts. */
function checkFields(edit: EditRow, serverValues: Record<string, unknown>) {
  const fields = Object.keys(edit.patch);
  const theirs = pick(serverValues, fields);
  // Always by value: updated_at has whole seconds, so an equal one proves nothing.
  const check = detectConflict(edit.base, edit.patch, theirs);
  const send: FieldValues = {};
  for (const field of fields) {
    if (!check.converged.includes(field)) send[field] = edit.patch[field] ?? null;
  }
  return { send, conflicting: check.conflicting, theirs };
}

/** Sending one claimed edit of each kind, against the customer as just re-read. */
export function createPushSteps(ctx: PushContext, settlers: Settlers, errors: ErrorHandling) {
  const { api, cache, sealer } = ctx.deps;
  const { done, conflict, remember } = settlers;

  /**
   * The store's answer goes to the cache first, then the edit is marked done: a crash between the
   * two leaves the edit in flight, and its next try finds the value on the store and ends it done
   * with the cache already right. The other way round the cache kept the old value until a pull.
   * A failed cache write is only logged (`remember`), so it never resends a write the store took.
   */
  const doneWith = async (
    write: () => Promise<void>,
    edit: EditRow,
    message: string | null,
    addressId?: number,
  ): Promise<Outcome> => {
    await remember(edit, write);
    return done(edit, message, addressId);
  };

  const pushBilling = async (edit: EditRow, server: CustomerState): Promise<Outcome> => {
    const { send, conflicting, theirs } = checkFields(edit, server.customer);
    if (conflicting.length > 0) return conflict(edit, theirs, conflicting);
    if (Object.keys(send).length === 0) return done(edit, 'already on the store');
    const result = await api.updateBilling(server, send, ctx.signal());
    return doneWith(() => cache.saveWrite(edit.customerId, result), edit, null);
  };

  const tokenChange = (edit: EditRow): TokenChange => {
    const open = openPatch(edit.patch, sealer);
    const field = Object.keys(open).find((f) => processorOfField(f) !== null);
    const processor = field ? processorOfField(field) : null;
    if (!field || !processor) throw new AppError('internal', 'A token edit without a token.');
    return {
      processor,
      customerToken: open[field] ?? '',
      paymentMethodToken: open[PAYMENT_METHOD_TOKEN_FIELD] ?? null,
      replacedMethodId: replacedMethodOf(edit.base),
    };
  };

  const pushToken = async (edit: EditRow, server: CustomerState): Promise<Outcome> => {
    const token = tokenChange(edit);
    if (edit.ambiguous) {
      // The last try may have created the payment method: look before creating a second.
      const found = await api.findTokenChange(edit.customerId, token, ctx.signal());
      if (found) {
        return doneWith(
          () => cache.saveWrite(edit.customerId, found),
          edit,
          'found on the store after an interrupted send',
        );
      }
    }
    let result;
    try {
      result = await api.replacePaymentToken(server, token, ctx.signal());
    } catch (error) {
      // Only a create can be half done; a 2021-01 PUT of the same token is safe to resend. One
      // that surely went through (its address moves failed) is looked for, never resent.
      const shown = maskTokensInError(error, [token.customerToken, token.paymentMethodToken]);
      const mayExist =
        error instanceof UnfinishedTokenChange ||
        (api.traits.paymentMethodToken && createMayExist(error));
      return errors.onError(edit, shown, mayExist);
    }
    return doneWith(() => cache.saveWrite(edit.customerId, result), edit, null);
  };

  const pushAddressUpdate = async (edit: EditRow): Promise<Outcome> => {
    const address = await api.getAddress(edit.addressId!, ctx.signal());
    const { send, conflicting, theirs } = checkFields(edit, address);
    if (conflicting.length > 0) return conflict(edit, theirs, conflicting);
    if (Object.keys(send).length === 0) {
      // Sent before a crash or stop: the cache may still hold the old value (the edit would look
      // reverted until the next pull), so store the address just read.
      return doneWith(() => cache.saveAddress(address), edit, 'already on the store');
    }
    const updated = await api.updateAddress(edit.addressId!, send, ctx.signal());
    return doneWith(() => cache.saveAddress(updated), edit, null);
  };

  const pushAddressCreate = async (edit: EditRow): Promise<Outcome> => {
    if (edit.ambiguous) {
      // The last try may have reached the store: look before creating it a second time.
      const existing = await api.customerAddresses(edit.customerId, ctx.signal());
      const match = existing.find((a) => sameFields(a, edit.patch));
      if (match) {
        return doneWith(
          () => cache.saveAddress(match),
          edit,
          'found on the store after an interrupted send',
          match.id,
        );
      }
    }
    let address;
    try {
      address = await api.createAddress(edit.customerId, edit.patch, ctx.signal());
    } catch (error) {
      return errors.onError(edit, error, createMayExist(error));
    }
    return doneWith(() => cache.saveAddress(address), edit, null, address.id);
  };

  return (edit: EditRow, server: CustomerState): Promise<Outcome> => {
    switch (edit.kind) {
      case 'billing':
        return pushBilling(edit, server);
      case 'payment_token':
        return pushToken(edit, server);
      case 'address_update':
        return pushAddressUpdate(edit);
      case 'address_create':
        return pushAddressCreate(edit);
    }
  };
}
