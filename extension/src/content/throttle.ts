// When the observer's work runs. The first burst after a quiet period runs at once (pokeNow, from the
// observer's callback) or on the next task (poke); while mutations keep coming, at most one run per
// `interval` ms. Timers are
// injected so the unit tests can drive a fake clock.
export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
  now(): number;
}
export const realTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  now: () => performance.now(),
};

export class Throttle {
  private handle: unknown = null;
  private last = -Infinity;
  constructor(private readonly run: () => void, private readonly interval: number, private readonly timers: Timers = realTimers) {}

  // Ask for a run; requests while one is scheduled are coalesced into it.
  poke(): void {
    if (this.handle !== null) return;
    const wait = Math.max(0, this.last + this.interval - this.timers.now());
    this.handle = this.timers.set(() => this.fire(), wait);
  }

  // From a MutationObserver callback: after a quiet period, run right now. The callback is a
  // microtask after the DOM change, so the scan happens before the browser lays out and paints the new
  // cards (a timer would wait for that first: ~25 ms for 25 cards on a loaded machine).
  pokeNow(): void {
    if (this.handle === null && this.timers.now() - this.last >= this.interval) this.fire();
    else this.poke();
  }

  cancel(): void {
    if (this.handle !== null) this.timers.clear(this.handle);
    this.handle = null;
  }

  private fire(): void {
    this.handle = null;
    this.last = this.timers.now();
    this.run();
  }
}
