// The badge colour: red at 0, amber at the user's threshold, green at 100. Hue is interpolated
// piecewise so the threshold (not 50) is where a card turns from "no" to "yes". Pastel background
// with near-black text keeps the contrast above 7:1 at every hue, in light and dark mode alike.
export const HUE_RED = 0;
export const HUE_AMBER = 42;
export const HUE_GREEN = 130;

export function scoreHue(score: number, threshold: number): number {
  const s = Math.min(100, Math.max(0, score));
  const t = Math.min(100, Math.max(0, threshold));
  if (s < t) return HUE_RED + ((HUE_AMBER - HUE_RED) * s) / t;
  if (t >= 100) return HUE_AMBER; // s == t == 100
  return HUE_AMBER + ((HUE_GREEN - HUE_AMBER) * (s - t)) / (100 - t);
}

export function scoreColour(score: number, threshold: number): string {
  return `hsl(${Math.round(scoreHue(score, threshold))} 80% 78%)`;
}
