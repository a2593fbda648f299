import { APP_CSP } from './csp.ts';

/** The slice of Electron's Session the shell hardens. */
export interface SessionLike {
  setPermissionRequestHandler(
    handler:
      ((wc: unknown, permission: string, callback: (granted: boolean) => void) => void) | null,
  ): void;
  setPermissionCheckHandler(handler: ((wc: unknown, permission: string) => boolean) | null): void;
  setDevicePermissionHandler?(handler: ((details: unknown) => boolean) | null): void;
  webRequest: {
    onHeadersReceived(
      listener: (
        details: { responseHeaders?: Record<string, string[] | string> },
        callback: (response: { responseHeaders: Record<string, string[] | string> }) => void,
      ) => void,
    ): void;
  };
}

/**
 * The app needs no camera, microphone, notifications, geolocation, HID, USB or serial port:
 * every request and every check is refused, whoever asks.
 */
export function denyAllPermissions(session: SessionLike): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler?.(() => false);
}

/** Every response the session loads carries the app's CSP, whatever the page's meta tag says. */
export function enforceCsp(session: SessionLike): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = { ...details.responseHeaders };
    for (const key of Object.keys(headers)) {
      if (key.toLowerCase() === 'content-security-policy') delete headers[key];
    }
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [APP_CSP] } });
  });
}

export function hardenSession(session: SessionLike): void {
  denyAllPermissions(session);
  enforceCsp(session);
}
