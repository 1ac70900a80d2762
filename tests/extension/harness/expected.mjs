// What each fixture page contains, transcribed from tests/fixtures/generator/*.mjs (the pages are
// generated from those tables). Titles and companies come from the shared job table J so a change
// there shows up here.
import { J } from '../../fixtures/generator/common.mjs';
import { GUEST_PAGE1, GUEST_PAGE2 } from '../../fixtures/generator/guest.mjs';

const ids = (prefix, suffixes) => suffixes.map((s) => prefix + s);

export const PAGES = {
  e1: {
    name: 'e1',
    path: '/jobs/search/?era=E1&currentJobId=3322693679',
    layout: 'e1',
    visible: ids('33226936', ['79', '81', '82', '83', '84', '85', '86', '87']),
    occluded: ['3322693688', '3322693680'],
    promoted: ['3322693681', '3322693685'],
    applied: [],
    selected: '3322693679',
    known: {
      3322693679: { title: J.backend.title, company: J.backend.company },
      3322693682: { title: J.data.title, company: J.data.company },
      3322693685: { title: J.ml.title, company: J.ml.company },
      3322693688: { title: J.qa.title, company: J.qa.company },
    },
  },
  e3: {
    name: 'e3',
    path: '/jobs/search/?era=E3&currentJobId=4038498138',
    layout: 'e3',
    visible: ids('40384981', ['38', '41', '39', '42', '43', '44', '45', '46']),
    occluded: ['4038498140', '4038498147'],
    promoted: ['4038498138', '4038498143'],          // and 4038498147 once it is filled in
    promotedOccluded: ['4038498147'],
    applied: ['4038498139'],
    selected: '4038498138',
    known: {
      4038498138: { title: J.sre.title, company: J.sre.company },
      4038498139: { title: 'Engineering Manager', company: 'Acme' },            // wrapper card
      4038498144: { title: J.devops.title, company: J.devops.company },         // wrapper card, "Company · Location" subtitle
      4038498143: { title: J.frontend.title, company: J.frontend.company },     // "with verification" duplicate title
      4038498140: { title: J.qa.title, company: J.qa.company },
    },
  },
  e4: {
    name: 'e4-en',
    path: '/jobs/search-results/?currentJobId=4100000001&origin=SEMANTIC_SEARCH_LANDING_PAGE',
    layout: 'e4',
    visible: ids('41000000', ['01', '02', '03', '04', '05', '06', '07', '08']),
    occluded: [],
    promoted: ['4100000003', '4100000006'],
    applied: ['4100000002', '4100000005'],
    selected: '4100000001',
    known: {
      4100000001: { title: J.data.title, company: J.data.company },             // "(Verified job)" suffix on the page
      4100000002: { title: 'Data Analyst', company: 'Umbrella' },               // flat card
      4100000003: { title: J.backend.title, company: J.backend.company },
      4100000008: { title: J.em.title, company: J.em.company },
    },
  },
  e4de: {
    name: 'e4-de',
    path: '/jobs/search-results/?currentJobId=4100000101&locale=de_DE',
    layout: 'e4',
    visible: ids('41000001', ['01', '02', '03', '04', '05', '06', '07', '08']),
    occluded: [],
    promoted: ['4100000102', '4100000106'],
    applied: ['4100000104'],
    selected: '4100000101',
    known: {
      4100000101: { title: 'Senior Backend-Entwickler (m/w/d)', company: J.backend.company },
      4100000102: { title: 'Data Scientist (w/m/d)', company: 'Rheinwerk Analytics GmbH' },
      4100000104: { title: J.ml.title, company: J.ml.company },                 // flat card, "Bewerbung gesendet"
      4100000105: { title: 'IT-Security Engineer (m/w/d)', company: 'Alpenblick Versicherung AG' },
    },
  },
  guest: {
    name: 'guest',
    path: '/jobs/search?keywords=engineer&location=Worldwide',
    layout: 'guest',
    visible: GUEST_PAGE1.map((j) => j.id),
    more: GUEST_PAGE2.map((j) => j.id),
    occluded: [],
    promoted: [],
    applied: [],
    selected: null,
    known: Object.fromEntries([...GUEST_PAGE1, ...GUEST_PAGE2].map((j) => [j.id, { title: j.title, company: j.company }])),
  },
};

export const norm = (s) => (s == null ? s : String(s).replace(/\s+/g, ' ').trim());
