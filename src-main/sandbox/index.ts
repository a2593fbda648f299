// Programmatic entry: start a ReCharge-compatible sandbox on 127.0.0.1.
import type { AddressInfo } from 'node:net';
import { createAdmin, type SandboxAdmin } from './admin.ts';
import type { DemoTokens } from './auth.ts';
import { createRuntime, type RuntimeOptions } from './runtime.ts';
import { createSandboxServer } from './server.ts';
import type { SandboxStore } from './store.ts';

export type {
  AdminResult,
  ResetOptions,
  SandboxAdmin,
  SandboxState,
  Switches,
  TokenSummary,
} from './admin.ts';
export type { ClockReading } from './sandbox-clock.ts';
export type { ScheduledAction, ScheduledChange, ScheduleInput } from './schedule.ts';
export type { DropCursors } from './runtime.ts';
export type { FaultRule, FaultRuleInput } from './faults.ts';
export type { RequestLogEntry } from './request-log.ts';
export type { DemoTokens } from './auth.ts';
export type { TimestampStyle } from './timestamps.ts';
export type { SandboxStore } from './store.ts';
export { generateCustomers, generateModel } from './generate.ts';

export interface SandboxOptions extends RuntimeOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /**
   * Serve the admin controls over HTTP under /__sandbox/ (default true). An embedded demo store
   * passes false: then no request, from any page, can reach them; `sandbox.admin` still works.
   */
  adminApi?: boolean;
}

export interface Sandbox {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  url: string;
  port: number;
  tokens: DemoTokens;
  admin: SandboxAdmin;
  store: SandboxStore;
  close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const runtime = createRuntime(options);
  const admin = createAdmin(runtime);
  let port = 0;
  const server = createSandboxServer(runtime, admin, {
    adminApi: options.adminApi ?? true,
    port: () => port,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    tokens: { ...runtime.demoTokens },
    admin,
    store: runtime.store,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
