// Request/reply over the long-lived PAGE_PORT. The MV3 service worker can stop at any time, which
// disconnects the port: pending requests then fail at once (not after their timeout), and the port
// is reopened with a backoff; `onReconnect` lets the caller resend hello/layout, because a fresh
// worker knows nothing about this tab. If the extension was reloaded or removed, connect() throws
// ("Extension context invalidated") and `onDead` tells the caller to tear the overlay down.
import type { CodedError, PagePush, PageReply, PageRequest } from '../common/messages';
import { realTimers, type Timers } from './throttle';

export interface PortLike {
  postMessage(msg: unknown): void;
  disconnect(): void;
  onMessage: { addListener(fn: (msg: unknown) => void): void };
  onDisconnect: { addListener(fn: () => void): void };
}

export class RequestError extends Error {
  constructor(readonly error: CodedError) { super(error.message); }
}

// Codes of our own, outside the core's ranges (generated/error-codes.ts), for failures the
// background never saw.
const TIMEOUT: CodedError = { code: 9001, name: 'timeout', message: 'The extension did not answer in time.' };
const DISCONNECTED: CodedError = { code: 9002, name: 'disconnected', message: 'The extension restarted; retrying.' };

// A request without its id (the channel numbers them).
type Body<T = PageRequest> = T extends unknown ? Omit<T, 'id'> : never;
export type RequestBody = Body;

interface Pending { resolve(v: unknown): void; reject(e: RequestError): void; timer: unknown }

export class Channel {
  private port: PortLike | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private connectedOnce = false;
  private retryDelay = 500;
  private retryTimer: unknown = null;
  dead = false;

  constructor(
    private readonly connect: () => PortLike,
    private readonly handlers: { onPush(p: PagePush): void; onReconnect(): void; onDead(): void },
    private readonly timeoutMs = 5000,
    private readonly timers: Timers = realTimers,
  ) {}

  request<R>(body: RequestBody): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const port = this.ensurePort();
      if (!port) { reject(new RequestError(DISCONNECTED)); return; }
      const id = this.nextId++;
      const timer = this.timers.set(() => { this.pending.delete(id); reject(new RequestError(TIMEOUT)); }, this.timeoutMs);
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
      try { port.postMessage({ ...body, id }); } catch { this.drop(); }
    });
  }

  private ensurePort(): PortLike | null {
    if (this.port || this.dead) return this.port;
    let port: PortLike;
    try { port = this.connect(); } catch { this.die(); return null; }
    this.port = port;
    port.onMessage.addListener((m) => this.receive(m));
    port.onDisconnect.addListener(() => { if (this.port === port) this.drop(); });
    if (this.connectedOnce) queueMicrotask(() => this.handlers.onReconnect());
    this.connectedOnce = true;
    return port;
  }

  private receive(msg: unknown): void {
    if (!msg || typeof msg !== 'object') return;
    const m = msg as Partial<PageReply> & { type?: string };
    if (typeof m.id === 'number') {
      const p = this.pending.get(m.id);
      if (!p) return; // timed out already
      this.pending.delete(m.id);
      this.timers.clear(p.timer);
      if (m.ok) p.resolve((m as { result: unknown }).result);
      else p.reject(new RequestError((m as { error?: CodedError }).error ?? { code: 1999, name: 'internal', message: 'error' }));
      this.retryDelay = 500; // a working worker resets the backoff
    } else if (typeof m.type === 'string') {
      this.handlers.onPush(msg as PagePush);
    }
  }

  // The port went away: fail what is pending and reopen (worker restarts are normal in MV3).
  private drop(): void {
    this.port = null;
    for (const [, p] of this.pending) { this.timers.clear(p.timer); p.reject(new RequestError(DISCONNECTED)); }
    this.pending.clear();
    if (this.dead || this.retryTimer !== null) return;
    this.retryTimer = this.timers.set(() => {
      this.retryTimer = null;
      if (this.ensurePort() === null && !this.dead) this.drop();
    }, this.retryDelay);
    this.retryDelay = Math.min(this.retryDelay * 2, 30000);
  }

  private die(): void {
    if (this.dead) return;
    this.dead = true;
    this.handlers.onDead();
  }
}
