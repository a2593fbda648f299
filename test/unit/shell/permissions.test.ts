import { describe, expect, it } from 'vitest';
import { hardenSession } from '../../../src-main/shell/permissions.ts';
import { APP_CSP } from '../../../src-main/shell/csp.ts';
import { fakeSession } from './fake-electron.ts';

describe('session hardening', () => {
  it('denies every permission request and check', () => {
    const session = fakeSession();
    hardenSession(session);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'hid']) {
      let granted: boolean | null = null;
      session.permissionHandler!({}, permission, (g) => (granted = g));
      expect(granted).toBe(false);
      expect(session.checkHandler!({}, permission)).toBe(false);
    }
    expect(session.deviceHandler!({ deviceType: 'serial' })).toBe(false);
  });

  it('replaces any CSP a response carries with the app CSP', () => {
    const session = fakeSession();
    hardenSession(session);
    let headers: Record<string, string[] | string> = {};
    session.headersListener!(
      { responseHeaders: { 'content-security-policy': ['script-src *'], 'X-Other': ['1'] } },
      (r) => (headers = r.responseHeaders),
    );
    expect(headers).toEqual({ 'X-Other': ['1'], 'Content-Security-Policy': [APP_CSP] });
  });
});
