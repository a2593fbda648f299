import { defineStore } from 'pinia';
import { ref, watch } from 'vue';

export const THEME_CHOICES = ['light', 'dark', 'system'] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];
export const SYNC_INTERVALS = [5, 15, 30, 60] as const;

const KEY = 'rcd.settings';

interface Stored {
  theme: ThemeChoice;
  syncIntervalMinutes: number;
}

function read(storage: Storage | undefined): Stored {
  const fallback: Stored = { theme: 'system', syncIntervalMinutes: 15 };
  try {
    const raw = storage?.getItem(KEY);
    if (!raw) return fallback;
    const parsed = JSON.parse(raw) as Partial<Stored>;
    return {
      theme: THEME_CHOICES.includes(parsed.theme as ThemeChoice)
        ? (parsed.theme as ThemeChoice)
        : fallback.theme,
      syncIntervalMinutes: SYNC_INTERVALS.includes(parsed.syncIntervalMinutes as 5)
        ? (parsed.syncIntervalMinutes as number)
        : fallback.syncIntervalMinutes,
    };
  } catch {
    return fallback;
  }
}

/** Preferences of this machine only, kept in localStorage. */
export const useSettingsStore = defineStore('settings', () => {
  const storage = typeof localStorage === 'undefined' ? undefined : localStorage;
  const initial = read(storage);
  const theme = ref<ThemeChoice>(initial.theme);
  const syncIntervalMinutes = ref(initial.syncIntervalMinutes);

  watch([theme, syncIntervalMinutes], () => {
    const value: Stored = { theme: theme.value, syncIntervalMinutes: syncIntervalMinutes.value };
    try {
      storage?.setItem(KEY, JSON.stringify(value));
    } catch {
      // A full or disabled storage only loses the preference, never the app.
    }
  });

  function setTheme(choice: ThemeChoice) {
    theme.value = choice;
  }

  function setSyncInterval(minutes: number) {
    syncIntervalMinutes.value = minutes;
  }

  return { theme, syncIntervalMinutes, setTheme, setSyncInterval };
});
