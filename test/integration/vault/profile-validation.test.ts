import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startSandbox } from '../../../src-main/sandbox/index.ts';
import { TOKEN_REFUSED_MESSAGE } from '../../../src-main/vault/token-check.ts';
import { appErrorOf } from '../../helpers/app-error.ts';
import { useProfileFixture } from './profile-fixture.ts';

const fixture = useProfileFixture();

describe('validation on save', () => {
  it('refuses a token the store rejects (401) and saves nothing', async () => {
    const vault = fixture.manager();
    const error = await appErrorOf(
      vault.add({
        label: 'Bad',
        baseUrl: fixture.sandbox.url,
        version: '2021-11',
        token: 'wrong-token-123',
      }),
    );
    expect(error.kind).toBe('auth');
    expect(error.message).toBe(TOKEN_REFUSED_MESSAGE);
    expect(existsSync(fixture.profilesPath())).toBe(false);
    expect(vault.list()).toEqual({ profiles: [], activeId: null });
  });

  it('on a network failure says so and saves nothing', async () => {
    const vault = fixture.manager();
    await fixture.addSandboxProfile(vault, 'Kept', 'full');
    const saved = readFileSync(fixture.profilesPath());
    const gone = await startSandbox({ customers: 1 });
    await gone.close();
    const error = await appErrorOf(
      vault.add({ label: 'Gone', baseUrl: gone.url, version: '2021-11', token: gone.tokens.full }),
    );
    expect(error.kind).toBe('network');
    expect(readFileSync(fixture.profilesPath()).equals(saved)).toBe(true);
    expect(vault.list().profiles.map((p) => p.label)).toEqual(['Kept']);
  });

  it('gives the sandbox read-only token only the read scopes', async () => {
    const vault = fixture.manager();
    const state = await fixture.addSandboxProfile(vault, 'Read-only', 'readOnly');
    expect(state.profiles[0]?.scopes).toEqual(['read_customer', 'read_payments']);
    expect([...vault.activeScopes()]).toEqual(['read_customer', 'read_payments']);
  });

  it('keeps ticked write scopes on 2021-01 until withdrawScope removes one (and remembers)', async () => {
    const vault = fixture.manager();
    const state = await vault.add({
      label: 'Old API',
      baseUrl: fixture.sandbox.url,
      version: '2021-01',
      token: fixture.sandbox.tokens.readOnly,
      writeScopes: ['write_customer', 'write_payments'],
    });
    const id = state.activeId!;
    // 2021-01 keeps billing on the customer: reading customers reads payment details too.
    expect([...vault.activeScopes()].sort()).toEqual([
      'read_customer',
      'read_payments',
      'write_customer',
      'write_payments',
    ]);
    fixture.states.length = 0;
    vault.withdrawScope(id, 'write_payments');
    const left = ['read_customer', 'read_payments', 'write_customer'];
    expect([...vault.activeScopes()].sort()).toEqual(left);
    expect(fixture.states.at(-1)?.profiles[0]?.scopes.slice().sort()).toEqual(left);
    expect([...fixture.manager().activeScopes()].sort()).toEqual(left);
  });

  it('refuses the same store and token twice', async () => {
    const vault = fixture.manager();
    const input = {
      label: 'Twice',
      baseUrl: fixture.sandbox.url,
      version: '2021-11' as const,
      token: fixture.sandbox.tokens.full,
    };
    await vault.add(input);
    expect((await appErrorOf(vault.add(input))).kind).toBe('conflict');
  });
});
