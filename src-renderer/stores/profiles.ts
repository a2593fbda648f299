import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { AddProfileInput, ProfilesState } from '../../src-shared/ipc/channels/profiles.ts';
import { traitsOf, type VersionTraits } from '../../src-shared/recharge/versions.ts';
import type { Scope } from '../../src-shared/scopes.ts';
import { getApi } from '../api/index.ts';
import { attempt, type Outcome, type UiError } from '../lib/errors.ts';

export const useProfilesStore = defineStore('profiles', () => {
  const state = ref<ProfilesState | null>(null);
  const error = ref<UiError | null>(null);
  const loading = ref(false);
  let unsubscribe: (() => void) | null = null;

  const profiles = computed(() => state.value?.profiles ?? []);
  const active = computed(() => profiles.value.find((p) => p.id === state.value?.activeId) ?? null);
  /** What the active store's API version has; null while no store is active. */
  const traits = computed<VersionTraits | null>(() =>
    active.value ? traitsOf(active.value.version) : null,
  );

  /** Whether the active store's token has a scope; null while that is unknown. */
  function hasScope(scope: Scope): boolean | null {
    return active.value ? active.value.scopes.includes(scope) : null;
  }

  function apply(result: Outcome<ProfilesState>): Outcome<ProfilesState> {
    if (result.ok) {
      state.value = result.value;
      error.value = null;
    }
    return result;
  }

  async function load() {
    loading.value = true;
    const result = await attempt(() => getApi().profiles.list());
    loading.value = false;
    if (!apply(result).ok && !result.ok) error.value = result.error;
  }

  function subscribe() {
    if (unsubscribe) return;
    try {
      unsubscribe = getApi().on('profiles:changed', (next) => {
        state.value = next;
      });
    } catch {
      // No core; the shell shows why.
    }
  }

  async function add(input: AddProfileInput) {
    return apply(await attempt(() => getApi().profiles.add(input)));
  }

  async function switchTo(id: string) {
    return apply(await attempt(() => getApi().profiles.switch({ id })));
  }

  /** A store whose saved token cannot be opened any more (other key file): enter it again. */
  async function replaceToken(id: string, token: string) {
    return apply(await attempt(() => getApi().profiles.replaceToken({ id, token })));
  }

  async function remove(id: string, deleteCache: boolean, discardPending: boolean) {
    return apply(
      await attempt(() => getApi().profiles.remove({ id, deleteCache, discardPending })),
    );
  }

  return {
    state,
    error,
    loading,
    profiles,
    active,
    traits,
    hasScope,
    load,
    subscribe,
    add,
    switchTo,
    replaceToken,
    remove,
  };
});
