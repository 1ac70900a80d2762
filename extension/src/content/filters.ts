// Which overlay filter hides a card, from its scored fields and the user's settings. Pure, so the
// decision is unit-tested apart from the DOM; dom.ts applies it with an !important inline display.
import type { CardResult, OverlaySettings } from '../common/messages';

export type HideReason = 'promoted' | 'applied' | 'below' | 'blocked';

const norm = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();

export function hideReason(card: CardResult, s: OverlaySettings): HideReason | null {
  if (!s.enabled) return null;
  if (s.hide_promoted && card.promoted) return 'promoted';
  if (s.hide_applied && card.applied) return 'applied';
  // An unscored card is never "below": an error must not make jobs silently disappear.
  if (s.hide_below_threshold && typeof card.score === 'number' && card.score < s.threshold) return 'below';
  if (card.company && s.blocked_companies.length) {
    const c = norm(card.company);
    if (s.blocked_companies.some((b) => norm(b) === c)) return 'blocked';
  }
  return null;
}
