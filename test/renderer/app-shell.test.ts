import { flushPromises, mount } from '@vue/test-utils';
import { createPinia } from 'pinia';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src-shared/errors.ts';
import { buildApi } from '../../src-shared/ipc/api.ts';
import App from '../../src-renderer/App.vue';
import { setApi } from '../../src-renderer/api/index.ts';
import { bridgeUrlFromLocation } from '../../src-renderer/api/ws-client.ts';
import { createAppVuetify } from '../../src-renderer/plugins/vuetify.ts';
import { useSettingsStore } from '../../src-renderer/stores/settings.ts';
import { fakeCore, freshPinia, plugins } from './fake-api.ts';
import { syncStatus } from './fixtures.ts';

function fakeApi(reply: (channel: string) => unknown) {
  return buildApi(
    async (channel) => reply(channel),
    () => () => undefined,
  );
}

const notYet = { ok: false, error: { kind: 'unavailable', message: 'Not available yet.' } };

describe('app shell', () => {
  it('shows the core version and mode from app:info', async () => {
    setApi(
      fakeApi((channel) =>
        channel !== 'app:info'
          ? notYet
          : {
              ok: true,
              value: {
                name: 'ReCharge Desk',
                version: '4.5.6',
                mode: 'harness',
                dataDir: '/d',
                platform: 'linux',
                nodeVersion: '24',
              },
            },
      ),
    );
    const wrapper = mount(App, { global: { plugins: [createPinia(), createAppVuetify()] } });
    await flushPromises();
    expect(wrapper.get('[data-testid="app-version"]').text()).toContain('v4.5.6 · harness');
  });

  it('shows the error message when the core refuses', async () => {
    setApi(
      fakeApi(() => ({ ok: false, error: { kind: 'unavailable', message: 'Core is down.' } })),
    );
    const wrapper = mount(App, { global: { plugins: [createPinia(), createAppVuetify()] } });
    await flushPromises();
    expect(wrapper.text()).toContain('Core is down.');
  });
});

describe('api envelope', () => {
  it('throws AppError with the kind and field errors of an error envelope', async () => {
    const api = fakeApi(() => ({
      ok: false,
      error: { kind: 'validation', message: 'Bad', fieldErrors: { zip: ['Too long'] } },
    }));
    const error = await api.app.info().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ kind: 'validation', fieldErrors: { zip: ['Too long'] } });
  });

  it('finds the bridge secret in the fragment only', () => {
    const loc = {
      hash: '#bridge=abc%2Bdef',
      host: '127.0.0.1:4000',
      protocol: 'http:',
    } as Location;
    expect(bridgeUrlFromLocation(loc)).toBe('ws://127.0.0.1:4000/bridge?secret=abc%2Bdef');
    expect(bridgeUrlFromLocation({ ...loc, hash: '' } as Location)).toBeNull();
  });
});

describe('sync interval setting', () => {
  it('hands the interval chosen in Settings to the core at startup and on change', async () => {
    localStorage.setItem(
      'rcd.settings',
      JSON.stringify({ theme: 'light', syncIntervalMinutes: 30 }),
    );
    const core = fakeCore({
      'app:info': () => ({
        name: 'ReCharge Desk',
        version: '1.0.0',
        mode: 'harness',
        dataDir: '/d',
        platform: 'linux',
        nodeVersion: '24',
      }),
      'sync:schedule': () => syncStatus(),
    });
    const pinia = freshPinia();
    mount(App, { global: plugins(pinia) });
    await flushPromises();
    expect(core.callsTo('sync:schedule')).toEqual([{ intervalMs: 30 * 60_000 }]);

    useSettingsStore().setSyncInterval(60);
    await flushPromises();
    expect(core.callsTo('sync:schedule')).toEqual([
      { intervalMs: 30 * 60_000 },
      { intervalMs: 60 * 60_000 },
    ]);
    localStorage.removeItem('rcd.settings');
  });
});
