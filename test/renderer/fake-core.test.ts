import { describe, expect, it } from 'vitest';
import { appErrorOf } from '../helpers/app-error.ts';
import { fakeCore } from './fake-api.ts';

const info = {
  name: 'ReCharge Desk',
  version: '1.0.0',
  mode: 'test',
  dataDir: '/tmp/desk',
  platform: 'linux',
  nodeVersion: '24.0.0',
};

// The renderer tests' core answers through the app's router, so a component that sends what
// the contract refuses, or a fixture the contract would not let through, fails as in the app.
describe('fake core behind the real router', () => {
  it('refuses a request the contract does not accept, before any handler runs', async () => {
    let ran = false;
    const core = fakeCore({ 'customers:get': () => (ran = true) });
    const error = await appErrorOf(
      core.api.customers.get({ id: 'seven' } as unknown as { id: number }),
    );
    expect(error.kind).toBe('validation');
    expect(error.fieldErrors).toHaveProperty('id');
    expect(ran).toBe(false);
  });

  it('fails an answer the contract does not accept, as the app would', async () => {
    const core = fakeCore({ 'app:info': () => ({ ...info, mode: 'nonsense' }) });
    const error = await appErrorOf(core.api.app.info());
    expect(error.kind).toBe('validation');
  });

  it('strips what the contract does not declare from an answer', async () => {
    const core = fakeCore({ 'app:info': () => ({ ...info, apiToken: 'sk_secret' }) });
    expect(await core.api.app.info()).toEqual(info);
  });

  it('refuses a channel whose scope the profile lacks', async () => {
    const core = fakeCore({ 'customers:get': () => ({}) }, { scopes: [] });
    const error = await appErrorOf(core.api.customers.get({ id: 7 }));
    expect(error.kind).toBe('forbidden');
  });

  it('answers unavailable for a channel the test did not wire, and internal for a crash', async () => {
    const core = fakeCore({
      'app:info': () => {
        throw new Error('boom');
      },
    });
    expect((await appErrorOf(core.api.outbox.summary())).kind).toBe('unavailable');
    expect((await appErrorOf(core.api.app.info())).kind).toBe('internal');
    expect(core.logged).toHaveLength(1);
  });

  it('refuses to emit an event payload the contract does not accept', () => {
    const core = fakeCore();
    expect(() =>
      core.emit('app:notice', { level: 'loud', message: 'hi' } as unknown as {
        level: 'info';
        message: string;
      }),
    ).toThrow();
  });
});
