// Writes for the host (jobs seen, selector health, settings, profile) wait here, persisted in
// extension storage, while the host is away; they are sent in order when it returns, and an entry
// leaves the queue only once the host has answered it. All writes the host takes are safe to replay
// (docs/protocol.md "Idempotency and retries").
//
// One storage key per entry ("joblens.q.<sequence>"), so a push or a removal writes one small item
// instead of rewriting the whole queue.
import { KEYS } from './storage';

export interface QueuedWrite {
  type: string;
  args: Record<string, unknown>;
  at: number;
}

// Bounded so that weeks without a host stay well inside storage.local's 10 MB. Selector reports are
// the first to go (they are statistics); drops are counted and shown in the popup, never silent.
const MAX_ENTRIES = 1000;
const PREFIX = `${KEYS.queue}.`;
const keyOf = (seq: number) => `${PREFIX}${String(seq).padStart(12, '0')}`;

export class WriteQueue {
  private entries: { seq: number; write: QueuedWrite }[] = [];
  private nextSeq = 0;
  private loaded: Promise<void>;
  private chain: Promise<unknown> = Promise.resolve();
  dropped = 0;
  lastError: string | undefined;

  constructor() {
    this.loaded = chrome.storage.local.get(null).then((all: Record<string, unknown>) => {
      this.entries = Object.keys(all).filter((k) => k.startsWith(PREFIX)).sort()
        .map((k) => ({ seq: Number(k.slice(PREFIX.length)), write: all[k] as QueuedWrite }));
      this.nextSeq = (this.entries.at(-1)?.seq ?? -1) + 1;
    });
  }

  get size(): number { return this.entries.length; }

  // Serialises every change so that concurrent pushes and flushes never lose an entry.
  private locked<T>(body: () => Promise<T>): Promise<T> {
    const next = this.chain.then(() => this.loaded).then(body);
    this.chain = next.catch(() => undefined);
    return next;
  }

  push(type: string, args: Record<string, unknown>): Promise<void> {
    return this.locked(async () => {
      const entry = { seq: this.nextSeq++, write: { type, args, at: Date.now() } };
      this.entries.push(entry);
      await chrome.storage.local.set({ [keyOf(entry.seq)]: entry.write });
      while (this.entries.length > MAX_ENTRIES) {
        const report = this.entries.findIndex((e) => e.write.type === 'selectors.report');
        const [gone] = this.entries.splice(report >= 0 ? report : 0, 1);
        await chrome.storage.local.remove(keyOf(gone.seq));
        this.dropped++;
      }
    });
  }

  // Sends entries in order through `send`; stops at the first failure that means "host away" and
  // keeps that entry. A write the host refuses (a coded error) is dropped with its reason kept, so one
  // bad entry cannot block the queue forever.
  flush(send: (w: QueuedWrite) => Promise<unknown>, hostAway: (e: unknown) => boolean): Promise<number> {
    return this.locked(async () => {
      let sent = 0;
      while (this.entries.length > 0) {
        const head = this.entries[0];
        try {
          await send(head.write);
        } catch (e) {
          if (hostAway(e)) break;
          this.lastError = `${head.write.type}: ${e instanceof Error ? e.message : String(e)}`;
        }
        this.entries.shift();
        await chrome.storage.local.remove(keyOf(head.seq));
        sent++;
      }
      return sent;
    });
  }
}
