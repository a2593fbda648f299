/**
 * The renderer's Content-Security-Policy: the one table behind the app:// and session headers,
 * the harness's header and src-renderer/index.html's meta tag (test/unit/security/
 * csp-agreement.test.ts keeps them equal). `style-src 'unsafe-inline'` is the one relaxation:
 * Vuetify writes its theme as a runtime <style> element and Vue's `:style` bindings set style
 * attributes (see SECURITY.md). Scripts stay 'self' only and nothing remote loads.
 */
export const CSP_DIRECTIVES: readonly (readonly [name: string, value: string])[] = [
  ['default-src', "'none'"],
  ['script-src', "'self'"],
  ['style-src', "'self' 'unsafe-inline'"],
  ['img-src', "'self' data:"],
  ['font-src', "'self' data:"],
  ['connect-src', "'self'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
  ['frame-ancestors', "'none'"],
  ['object-src', "'none'"],
];

/** Browsers ignore these in a meta tag, and log an error for them. */
const HEADER_ONLY = new Set(['frame-ancestors']);

function serialize(directives: readonly (readonly [string, string])[]): string {
  return directives.map(([name, value]) => `${name} ${value}`).join('; ');
}

/** Sent as the Content-Security-Policy header. */
export const APP_CSP = serialize(CSP_DIRECTIVES);

/** The `content` of index.html's meta tag, which guards the page before any header applies. */
export const APP_CSP_META = serialize(CSP_DIRECTIVES.filter(([name]) => !HEADER_ONLY.has(name)));
