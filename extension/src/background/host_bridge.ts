// The one long-lived native-messaging port to joblens-host: requests by id with timeouts, reconnect
// with exponential backoff, and the write queue flushed whenever the host (re)appears. A long-lived
// port costs ~0.4 ms per round trip where sendNativeMessage spawns a process per call (~9.5 ms;
// research/toolchain.md "Native messaging").
import type { HostStatus } from '../common/messages';
import { codedError, JobLensError } from './errors';
import { WriteQueue, type QueuedWrite } from './write_queue';

export const HOST_NAME = 'app.joblens.host';
const REQUEST_TIMEOUT_MS = 15_000;
const BACKOFF_START_MS = 1_000;
const BACKOFF_MAX_MS = 60_000;

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  timer: ReturnType<typeof setTimeout>;
}

interface HostHello { version?: string; capabilities?: string[]; protocol?: number }

export class HostBridge {
  private port: chrome.runtime.Port | null = null;
  private nextId = 1;
  private pending = new Map<number, Pending>();
  private backoffMs = BACKOFF_START_MS;
  private retry: ReturnType<typeof setTimeout> | null = null;
  private hello: HostHello | null = null;
  private error: string | undefined = 'not connected yet';
  readonly queue = new WriteQueue();

  constructor(private readonly onChange: (status: HostStatus) => void, private readonly onConnect: () => void) {}

  status(): HostStatus {
    return {
      connected: this.hello !== null,
      version: this.hello?.version,
      error: this.hello ? undefined : this.error,
      queued: this.queue.size,
    };
  }

  capabilities(): string[] { return this.hello?.capabilities ?? []; }

  connect(): void {
    if (this.port) return;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    let port: chrome.runtime.Port;
    try {
      port = chrome.runtime.connectNative(HOST_NAME);
    } catch (e) {
      this.disconnected(e instanceof Error ? e.message : String(e));
      return;
    }
    this.port = port;
    port.onMessage.addListener((m: unknown) => this.received(m));
    port.onDisconnect.addListener(() => {
      if (this.port !== port) return;
      this.disconnected(chrome.runtime.lastError?.message ?? 'the host exited');
    });
    this.send<HostHello>('hello', { client: 'joblens-extension', client_version: chrome.runtime.getManifest().version })
      .then((hello) => {
        this.hello = hello;
        this.error = undefined;
        this.backoffMs = BACKOFF_START_MS;
        this.onChange(this.status());
        this.onConnect();
        void this.flush();
      })
      .catch(() => undefined);  // onDisconnect reports why
  }

  // Drops the port and connects again now (options page "retry", tests).
  reconnect(): void {
    const port = this.port;
    this.port = null;
    port?.disconnect();
    this.failPending('reconnecting');
    this.hello = null;
    this.backoffMs = BACKOFF_START_MS;
    this.connect();
  }

  // A request that needs an answer now (reads, resume import). Fails fast with host_unavailable.
  request<T = unknown>(type: string, args: Record<string, unknown> = {}): Promise<T> {
    if (!this.hello) return Promise.reject(codedError('host_unavailable', this.unavailableMessage()));
    return this.send<T>(type, args);
  }

  // A write that must not be lost: queued in storage, sent when the host is there.
  async write(type: string, args: Record<string, unknown>): Promise<void> {
    await this.queue.push(type, args);
    this.onChange(this.status());
    if (this.hello) void this.flush();
  }

  unavailableMessage(): string {
    return `The JobLens host is not connected (${this.error ?? 'unknown reason'}).`;
  }

  private async flush(): Promise<void> {
    await this.queue.flush(
      (w: QueuedWrite) => this.request(w.type, w.args),
      (e) => e instanceof JobLensError && (e.codeName === 'host_unavailable' || e.codeName === 'host_timeout'));
    this.onChange(this.status());
  }

  private send<T>(type: string, args: Record<string, unknown>): Promise<T> {
    const port = this.port;
    if (!port) return Promise.reject(codedError('host_unavailable', this.unavailableMessage()));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(codedError('host_timeout', `the host did not answer ${type} within ${REQUEST_TIMEOUT_MS / 1000} s`));
      }, REQUEST_TIMEOUT_MS);
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
      try {
        port.postMessage({ id, type, args });
      } catch (e) {
        clearTimeout(timer);
        this.pending.delete(id);
        reject(codedError('host_unavailable', e instanceof Error ? e.message : String(e)));
      }
    });
  }

  private received(message: unknown): void {
    if (!message || typeof message !== 'object') return;
    const m = message as { id?: unknown; type?: string; result?: unknown; error?: { code: number; name: string; message: string } };
    if (typeof m.id !== 'number') return;  // the host answers every request with its id
    const p = this.pending.get(m.id);
    if (!p) return;
    this.pending.delete(m.id);
    clearTimeout(p.timer);
    if (m.type === 'error' && m.error) p.reject(new JobLensError(m.error));
    else p.resolve(m.result);
  }

  private disconnected(reason: string): void {
    this.port = null;
    this.hello = null;
    this.error = reason;
    this.failPending(reason);
    this.onChange(this.status());
    this.retry = setTimeout(() => { this.retry = null; this.connect(); }, this.backoffMs);
    this.backoffMs = Math.min(this.backoffMs * 2, BACKOFF_MAX_MS);
  }

  private failPending(reason: string): void {
    for (const [, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(codedError('host_unavailable', reason));
    }
    this.pending.clear();
  }
}
