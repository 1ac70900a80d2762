// Test build only (scripts/build-extension.mjs defines __JOBLENS_TEST__): lets the overlay benchmark
// time content script -> background -> host -> back from the page. The production bundles drop this
// file entirely, so pages can never reach the extension through window messages there.
import type { Channel } from './port';

interface BenchPing { joblens_bench: 'ping'; n: number; host: boolean; upsert?: number }

export function installBenchHook(channel: Channel): void {
  addEventListener('message', async (e: MessageEvent) => {
    const d = e.data as BenchPing | undefined;
    if (e.source !== window || !d || d.joblens_bench !== 'ping') return;
    const times: number[] = [];
    for (let i = 0; i < Math.min(d.n, 1000); i++) {
      const t0 = performance.now();
      await channel.request({ type: 'page.ping', host: d.host, upsert: d.upsert });
      times.push(performance.now() - t0);
    }
    postMessage({ joblens_bench: 'pong', times }, '*');
  });
}
