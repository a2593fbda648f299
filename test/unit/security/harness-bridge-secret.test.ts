import { describe, expect, it } from 'vitest';
import {
  bridgeUrlFromLocation,
  type PageHistory,
  type PageLocation,
} from '../../../src-renderer/api/ws-client.ts';

function page(hash: string) {
  const location: PageLocation = {
    hash,
    host: '127.0.0.1:4000',
    protocol: 'http:',
    pathname: '/index.html',
    search: '?x=1',
  };
  const replaced: { state: unknown; url: string }[] = [];
  const history: PageHistory = {
    state: { kept: true },
    replaceState(state, _unused, url) {
      replaced.push({ state, url });
    },
  };
  return { location, history, replaced };
}

describe('harness bridge secret in the page URL', () => {
  it('is read once, then cleared from the address bar and history', () => {
    const { location, history, replaced } = page('#bridge=s3cr3t');
    expect(bridgeUrlFromLocation(location, history)).toBe(
      'ws://127.0.0.1:4000/bridge?secret=s3cr3t',
    );
    expect(replaced).toEqual([{ state: { kept: true }, url: '/index.html?x=1' }]);
  });

  it('keeps the rest of the fragment', () => {
    const { location, history, replaced } = page('#bridge=s3cr3t&view=outbox');
    bridgeUrlFromLocation(location, history);
    expect(replaced.map((r) => r.url)).toEqual(['/index.html?x=1#view=outbox']);
    expect(replaced[0]!.url).not.toContain('s3cr3t');
  });

  it('leaves history alone when there is no secret', () => {
    const { location, history, replaced } = page('#view=outbox');
    expect(bridgeUrlFromLocation(location, history)).toBeNull();
    expect(replaced).toEqual([]);
  });
});
