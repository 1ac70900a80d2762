// The options page: a left nav of real links (#profile, #matching…) switching sections, with
// aria-current on the active link. Each section loads its data the first time it is shown, so
// opening the page does not wake the host for sections nobody looks at.
import { initProfile } from './profile_section';
import { initSettings } from './settings_section';
import { initLlm } from './llm_section';
import { initHost } from './host_section';
import { initHealth } from './health_section';

const LOADERS: Record<string, () => void> = {
  profile: initProfile,
  matching: initSettings,
  ai: initLlm,
  host: initHost,
  health: initHealth,
  privacy: () => undefined,
};
const loaded = new Set<string>();

function show(name: string, moveFocus: boolean): void {
  const section = name in LOADERS ? name : 'profile';
  for (const el of document.querySelectorAll<HTMLElement>('main section[data-section]')) {
    el.hidden = el.dataset.section !== section;
  }
  for (const a of document.querySelectorAll<HTMLAnchorElement>('nav a[data-section]')) {
    if (a.dataset.section === section) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  if (!loaded.has(section)) {
    loaded.add(section);
    LOADERS[section]!();
  }
  // After a nav click, put focus on the section heading so screen readers announce it.
  if (moveFocus) {
    const heading = document.querySelector<HTMLElement>(`#section-${section} h1`);
    if (heading) {
      heading.tabIndex = -1;
      heading.focus();
    }
  }
}

// Other fragments (the skip link's #content) are not sections and leave the current one shown.
window.addEventListener('hashchange', () => {
  const name = location.hash.slice(1);
  if (name in LOADERS) show(name, true);
});
show(location.hash.slice(1), false);
