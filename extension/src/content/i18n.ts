// Overlay strings in the seven UI languages, picked from <html lang> (LinkedIn sets it to the UI
// language). One array per language, in KEYS order, keeps the table small in the ≤30 KB bundle.
// "{n}" is replaced by a number.
export const KEYS = [
  'match', 'why', 'matched', 'req', 'nice', 'fit', 'similar', 'ai', 'loading', 'hidden', 'show', 'hide',
  'setup', 'noscore', 'none', 'scoring',
] as const;
export type Key = (typeof KEYS)[number];

export const TABLE: Record<string, readonly string[]> = {
  en: ['JobLens match {n}', 'Top reasons', 'Matched skills', 'Missing (required)', 'Nice to have', 'Fit', 'Similar jobs',
    'AI analysis', 'Loading…', '{n} hidden by filters', 'Show', 'Hide again', 'Set up your profile', 'No score', 'None', 'Scoring…'],
  de: ['JobLens-Treffer {n}', 'Wichtigste Gründe', 'Passende Skills', 'Fehlt (erforderlich)', 'Wünschenswert', 'Passung',
    'Ähnliche Jobs', 'KI-Analyse', 'Wird geladen…', '{n} durch Filter ausgeblendet', 'Anzeigen', 'Wieder ausblenden',
    'Profil einrichten', 'Keine Bewertung', 'Keine', 'Wird bewertet…'],
  fr: ['Correspondance JobLens {n}', 'Principales raisons', 'Compétences correspondantes', 'Manquant (requis)',
    'Souhaitable', 'Adéquation', 'Offres similaires', 'Analyse IA', 'Chargement…', '{n} masquées par les filtres',
    'Afficher', 'Masquer à nouveau', 'Configurer votre profil', 'Pas de score', 'Aucune', 'Évaluation…'],
  es: ['Coincidencia JobLens {n}', 'Razones principales', 'Habilidades coincidentes', 'Faltan (obligatorias)',
    'Deseables', 'Encaje', 'Empleos similares', 'Análisis con IA', 'Cargando…', '{n} ocultos por filtros', 'Mostrar',
    'Ocultar de nuevo', 'Configura tu perfil', 'Sin puntuación', 'Ninguna', 'Puntuando…'],
  pt: ['Compatibilidade JobLens {n}', 'Principais motivos', 'Competências compatíveis', 'Em falta (obrigatórias)',
    'Desejáveis', 'Adequação', 'Vagas semelhantes', 'Análise de IA', 'Carregando…', '{n} ocultas por filtros', 'Mostrar',
    'Ocultar novamente', 'Configure seu perfil', 'Sem pontuação', 'Nenhuma', 'Avaliando…'],
  it: ['Corrispondenza JobLens {n}', 'Motivi principali', 'Competenze corrispondenti', 'Mancanti (obbligatorie)',
    'Gradite', 'Affinità', 'Offerte simili', 'Analisi IA', 'Caricamento…', '{n} nascoste dai filtri', 'Mostra',
    'Nascondi di nuovo', 'Configura il tuo profilo', 'Nessun punteggio', 'Nessuna', 'Valutazione…'],
  nl: ['JobLens-match {n}', 'Belangrijkste redenen', 'Overeenkomende vaardigheden', 'Ontbreekt (vereist)',
    'Pluspunten', 'Match', 'Vergelijkbare vacatures', 'AI-analyse', 'Laden…', '{n} verborgen door filters', 'Tonen',
    'Weer verbergen', 'Stel je profiel in', 'Geen score', 'Geen', 'Beoordelen…'],
};

// "de-DE", "pt_BR" and "fr" all map to their base language; anything else falls back to English.
export function pickLang(lang: string | null | undefined): string {
  const base = (lang ?? '').toLowerCase().split(/[-_]/)[0];
  return base in TABLE ? base : 'en';
}

export function t(lang: string, key: Key, n?: number): string {
  const row = TABLE[lang] ?? TABLE.en;
  const s = row[KEYS.indexOf(key)] ?? TABLE.en[KEYS.indexOf(key)];
  return n === undefined ? s : s.replace('{n}', String(n));
}
