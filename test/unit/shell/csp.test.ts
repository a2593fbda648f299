import { describe, expect, it } from 'vitest';
import { APP_CSP, APP_CSP_META } from '../../../src-main/shell/csp.ts';

describe('content security policy', () => {
  const directives = Object.fromEntries(
    APP_CSP.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name!, values];
    }),
  );

  it('loads scripts only from the app itself, never eval or inline', () => {
    expect(directives['default-src']).toEqual(["'none'"]);
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(APP_CSP).not.toContain('unsafe-eval');
    expect(APP_CSP).not.toMatch(/script-src[^;]*unsafe-inline/);
  });

  it('names no remote origin and no wildcard', () => {
    expect(APP_CSP).not.toMatch(/https?:|wss?:|\*/);
    expect(directives['connect-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(directives['base-uri']).toEqual(["'none'"]);
  });

  it('relaxes only style-src, for Vuetify theme styles and Vue style bindings', () => {
    const relaxed = Object.entries(directives).filter(([, v]) => v.includes("'unsafe-inline'"));
    expect(relaxed.map(([k]) => k)).toEqual(['style-src']);
  });

  it('leaves frame-ancestors out of the meta form, where browsers ignore it with an error', () => {
    expect(APP_CSP_META).not.toContain('frame-ancestors');
    expect(APP_CSP_META).toContain("object-src 'none'");
  });
});
