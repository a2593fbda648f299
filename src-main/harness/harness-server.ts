import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Core } from '../core/create-core.ts';
import { attachWsBridge } from '../ipc/ws-bridge.ts';
import { serveExportDownload } from './export-downloads.ts';
import { createStaticHandler } from './static-files.ts';

export interface HarnessServer {
  /** Open this in a browser: it carries the bridge secret in the fragment, never sent to a server. */
  url: string;
  origin: string;
  secret: string;
  close(): Promise<void>;
}

/** Serves the built renderer and the WebSocket bridge to the core, on loopback only. */
export async function startHarnessServer(
  core: Core,
  options: { rendererDir: string; port?: number; secret?: string },
): Promise<HarnessServer> {
  const secret = options.secret ?? randomBytes(24).toString('base64url');
  const serveStatic = createStaticHandler(options.rendererDir);
  const server = createServer((req, res) => {
    void serveExportDownload(core.exports, req, res).then(
      (served) => (served ? undefined : serveStatic(req, res)),
      () => res.writeHead(500).end(),
    );
  });
  let origin = '';
  const bridge = attachWsBridge(server, {
    router: core.router,
    events: core.events,
    secret,
    allowedOrigin: () => origin,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/#bridge=${secret}`,
    origin,
    secret,
    async close() {
      bridge.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
