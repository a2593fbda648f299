import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../src-main/sandbox/index.ts';
import { useProfileFixture } from './profile-fixture.ts';

const fixture = useProfileFixture();

describe('first run', () => {
  it('opens a fresh data folder on the demo store with all scopes, labelled as demo', async () => {
    const started: Sandbox[] = [];
    const startDemo = async () => {
      const demo = await startSandbox({ seed: 42, customers: 3000 });
      started.push(demo);
      return { url: demo.url, token: demo.tokens.full, close: () => demo.close() };
    };
    try {
      const vault = fixture.manager();
      await vault.ensureDemoProfile(startDemo);
      const state = vault.list();
      expect(state.profiles).toHaveLength(1);
      expect(state.profiles[0]).toMatchObject({ demo: true, baseUrl: started[0]!.url });
      expect(state.profiles[0]?.label).toMatch(/demo/i);
      expect(state.activeId).toBe(state.profiles[0]?.id);
      expect([...vault.activeScopes()]).toEqual([
        'read_customer',
        'write_customer',
        'read_payments',
        'write_payments',
      ]);
      expect(vault.active()?.demo).toBe(true);
      expect(readFileSync(fixture.profilesPath(), 'utf8')).not.toContain(started[0]!.tokens.full);
      await vault.close();

      // Next run: the same demo profile follows the sandbox to its new port.
      const again = fixture.manager();
      await again.ensureDemoProfile(startDemo);
      expect(again.list().profiles).toHaveLength(1);
      expect(again.list().profiles[0]?.baseUrl).toBe(started[1]!.url);
      await again.close();

      // Its token was sealed again for the new address: the run after that still opens it.
      const third = fixture.manager();
      expect(third.list().profiles[0]?.locked).toBeUndefined();
      expect(third.active()?.token()).toBe(started[1]!.tokens.full);
    } finally {
      await Promise.all(started.map((s) => s.close().catch(() => undefined)));
    }
  });

  it('a demo on API 2021-01 can write: its full token is taken at its word', async () => {
    const demo = await startSandbox({ seed: 42, customers: 20 });
    try {
      const vault = fixture.manager();
      await vault.ensureDemoProfile(
        async () => ({ url: demo.url, token: demo.tokens.full, close: async () => undefined }),
        '2021-01',
      );
      expect(vault.list().profiles[0]?.version).toBe('2021-01');
      expect([...vault.activeScopes()].sort()).toEqual([
        'read_customer',
        'read_payments',
        'write_customer',
        'write_payments',
      ]);
    } finally {
      await demo.close();
    }
  });

  it('a demo started with the read-only token ends with the read scopes only', async () => {
    const demo = await startSandbox({ seed: 42, customers: 20 });
    try {
      const vault = fixture.manager();
      await vault.ensureDemoProfile(async () => ({
        url: demo.url,
        token: demo.tokens.readOnly,
        close: async () => undefined,
      }));
      expect(vault.list().profiles[0]).toMatchObject({
        demo: true,
        scopes: ['read_customer', 'read_payments'],
      });
      expect([...vault.activeScopes()]).toEqual(['read_customer', 'read_payments']);
    } finally {
      await demo.close();
    }
  });

  it('does not start the demo when the merchant already has a store', async () => {
    const vault = fixture.manager();
    await fixture.addSandboxProfile(vault, 'Real', 'full');
    let starts = 0;
    await vault.ensureDemoProfile(async () => {
      starts += 1;
      throw new Error('should not start');
    });
    expect(starts).toBe(0);
    expect(vault.list().profiles.map((p) => p.demo)).toEqual([false]);
  });
});
