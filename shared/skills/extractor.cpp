#include "shared/skills/extractor.hpp"

#include <algorithm>
#include <array>

#include "shared/parse/years.hpp"
#include "shared/skills/cues.hpp"
#include "shared/text/tokenizer.hpp"

namespace joblens::skills {
namespace {

// Payloads of the matcher: alias indexes, and cue indexes with the top bit set.
constexpr std::uint32_t kCueFlag = 1u << 31;

struct Hit {
  std::uint32_t first, end;  // token range
  std::uint32_t index;       // alias or cue index
};

// Keeps the leftmost-longest hits that do not overlap ("Spring Boot" over "Spring"). Between hits of
// the same words, `preferred` decides (a skill over a veto phrase), then the index: never left to sort.
template <typename Preferred>
std::vector<Hit> leftmost_longest(std::vector<Hit> hits, Preferred preferred) {
  std::sort(hits.begin(), hits.end(), [&](const Hit& a, const Hit& b) {
    if (a.first != b.first) return a.first < b.first;
    if (a.end != b.end) return a.end > b.end;
    if (preferred(a) != preferred(b)) return preferred(a);
    return a.index < b.index;
  });
  std::vector<Hit> kept;
  std::uint32_t covered_until = 0;
  for (const Hit& h : hits) {
    if (h.first < covered_until) continue;
    kept.push_back(h);
    covered_until = h.end;
  }
  return kept;
}

std::uint8_t domain_bit(Domain d) { return static_cast<std::uint8_t>(1u << static_cast<unsigned>(d)); }

// A word of up to eight bytes as one integer, its first byte lowest. Folded words hold no zero byte,
// so words of different lengths give different integers.
constexpr std::uint64_t packed(std::string_view word) {
  std::uint64_t key = 0;
  for (std::size_t i = 0; i < word.size() && i < 8; ++i)
    key |= std::uint64_t{static_cast<unsigned char>(word[i])} << (8 * i);
  return key;
}

// Words that announce a years-of-experience requirement; sentences without one skip the years parser.
bool is_years_word(std::string_view folded) {
  // Called for every word: a cheap filter on length and first letter, then integer comparisons (a
  // string comparison is a memcmp call per candidate in WebAssembly).
  if (folded.size() < 2 || folded.size() > 6) return false;
  if (folded[0] != 'y' && folded[0] != 'j' && folded[0] != 'a') return false;
  static constexpr std::array<std::uint64_t, 14> kWords{
      packed("year"),   packed("years"), packed("yrs"),    packed("yr"),   packed("jahre"),
      packed("jahren"), packed("ans"),   packed("annees"), packed("anos"), packed("anni"),
      packed("jaar"),   packed("jaren"), packed("ano"),    packed("anno")};
  return std::find(kWords.begin(), kWords.end(), packed(folded)) != kWords.end();
}

struct SentenceState {
  std::uint8_t domains_with_skills = 0;  // domains of unambiguous skills found in the sentence
  std::uint8_t domain_cues = 0;          // domains whose context words appear in the sentence
  std::vector<std::pair<std::uint32_t, Requirement>> cues;  // requirement cues: (token, kind)
  bool has_section_cue = false;
  bool has_skill = false;
};

}  // namespace

std::string_view to_string(Requirement r) { return r == Requirement::nice ? "nice" : "required"; }

Extractor::Extractor(const Taxonomy& taxonomy) : taxonomy_(&taxonomy) {
  const auto& aliases = taxonomy.aliases();
  for (std::uint32_t i = 0; i < aliases.size(); ++i) matcher_.add(aliases[i].tokens, i);
  const auto cues = requirement_and_context_cues();
  for (std::uint32_t i = 0; i < cues.size(); ++i) {
    const text::TokenizedText t = text::tokenize(cues[i].phrase);
    std::vector<std::string> tokens;
    for (std::size_t k = 0; k < t.tokens.size(); ++k) tokens.emplace_back(t.folded_token(k));
    matcher_.add(tokens, kCueFlag | i);
  }
  matcher_.build();
}

Extraction Extractor::extract(std::string_view text, bool first_line_is_title) const {
  const text::TokenizedText tt = text::tokenize(text);
  const std::size_t n = tt.tokens.size();
  std::vector<std::uint32_t> ids(n);
  std::vector<std::uint8_t> restart(n);
  std::vector<std::uint32_t> clause(n);  // clauses are separated by commas and brackets
  {
    // Through pointers read once, and the look-ups in a loop of their own: a store to `restart` is a
    // byte store, which may alias anything, so after each one the vectors', the string's and the
    // matcher's fields would be loaded again (libc++'s data() is also a branch on the string's form).
    const char* const folded = tt.folded.data();
    const text::Token* const tokens = tt.tokens.data();
    std::uint32_t* const id_of = ids.data();
    std::uint8_t* const restarts = restart.data();
    std::uint32_t* const clause_of = clause.data();
    std::uint32_t clause_index = 0;
    for (std::size_t i = 0; i < n; ++i)
      id_of[i] = matcher_.token_id(text::TokenizedText::folded_token(folded, tokens[i]));
    for (std::size_t i = 0; i < n; ++i) {
      const text::Token& t = tokens[i];
      const bool starts = i == 0 || t.sentence != tokens[i - 1].sentence || t.after_comma;
      restarts[i] = starts;
      clause_index += i > 0 && starts;
      clause_of[i] = clause_index;
    }
  }

  std::vector<Hit> phrase_hits, requirement_cue_hits;
  std::vector<SentenceState> sentences(tt.sentences.size());
  const auto cues = requirement_and_context_cues();
  matcher_.scan(ids, restart, [&](std::uint32_t first, std::uint32_t end, std::uint32_t payload) {
    if (!(payload & kCueFlag)) {
      phrase_hits.push_back({first, end, payload});
      return;
    }
    const Cue& cue = cues[payload & ~kCueFlag];
    if (cue.kind == CueKind::domain)
      sentences[tt.tokens[first].sentence].domain_cues |= domain_bit(cue.domain);
    else
      requirement_cue_hits.push_back({first, end, payload & ~kCueFlag});
  });
  for (const Hit& h : leftmost_longest(std::move(requirement_cue_hits), [](const Hit&) { return true; })) {
    SentenceState& s = sentences[tt.tokens[h.first].sentence];
    switch (cues[h.index].kind) {
      case CueKind::required:
        s.cues.emplace_back(h.first, Requirement::required);
        break;
      case CueKind::nice:
        s.cues.emplace_back(h.first, Requirement::nice);
        break;
      default:
        s.has_section_cue = true;
        break;
    }
  }

  // Unambiguous skills first: they are the context that ambiguous names need.
  const auto& aliases = taxonomy_->aliases();
  std::vector<Hit> accepted, ambiguous;
  auto is_skill = [&](const Hit& h) { return !aliases[h.index].veto; };
  for (const Hit& h : leftmost_longest(std::move(phrase_hits), is_skill)) {
    const Alias& alias = aliases[h.index];
    if (alias.veto) continue;
    if (!alias.ambiguous) {
      SentenceState& s = sentences[tt.tokens[h.first].sentence];
      s.domains_with_skills |= domain_bit(taxonomy_->skill(alias.skill).domain);
      s.has_skill = true;
      accepted.push_back(h);
      continue;
    }
    bool case_matches = true;
    for (std::uint32_t k = 0; k < alias.tokens.size(); ++k)
      case_matches &= !alias.must_capitalize[k] || tt.tokens[h.first + k].capitalized;
    if (case_matches) ambiguous.push_back(h);
  }
  // A title that names its field ("Frontend Engineer", "Data Analyst") gives its domain to the
  // whole posting.
  const std::uint8_t title_domains = first_line_is_title && !sentences.empty()
                                         ? sentences[0].domain_cues | sentences[0].domains_with_skills
                                         : 0;
  for (const Hit& h : ambiguous) {
    const std::uint8_t bit = domain_bit(taxonomy_->skill(aliases[h.index].skill).domain);
    const std::uint32_t s = tt.tokens[h.first].sentence;
    bool context = ((sentences[s].domain_cues | title_domains) & bit) != 0;
    for (std::uint32_t k = s > 0 ? s - 1 : 0; k <= s + 1 && k < sentences.size() && !context; ++k)
      context = (sentences[k].domains_with_skills & bit) != 0;
    if (context) {
      sentences[s].has_skill = true;
      accepted.push_back(h);
    }
  }
  std::sort(accepted.begin(), accepted.end(), [](const Hit& a, const Hit& b) { return a.first < b.first; });

  // Requirement of each sentence: its own cues, else the section it is in.
  std::vector<Requirement> section_of(sentences.size(), Requirement::required);
  std::vector<bool> is_heading(sentences.size(), false);
  Requirement section = Requirement::required;
  for (std::size_t s = 0; s < sentences.size(); ++s) {
    const text::Sentence& sentence = tt.sentences[s];
    const SentenceState& state = sentences[s];
    const bool title = first_line_is_title && s == 0;
    const bool has_cue = state.has_section_cue || !state.cues.empty();
    if (!title && has_cue && sentence.starts_line && sentence.end_token - sentence.first_token <= 7 &&
        (sentence.ends_with_colon || !state.has_skill)) {
      const bool nice = std::any_of(state.cues.begin(), state.cues.end(),
                                    [](const auto& c) { return c.second == Requirement::nice; });
      const bool required = std::any_of(state.cues.begin(), state.cues.end(),
                                        [](const auto& c) { return c.second == Requirement::required; });
      section = (nice && !required) ? Requirement::nice : Requirement::required;
      is_heading[s] = true;
    }
    section_of[s] = title ? Requirement::required : section;
  }
  auto requirement_at = [&](std::uint32_t token) {
    const std::uint32_t s = tt.tokens[token].sentence;
    const auto& sentence_cues = sentences[s].cues;
    if (is_heading[s] || sentence_cues.empty()) return section_of[s];
    // A cue in the skill's own clause decides ("Python is required, Go is preferred"); else the
    // nearest cue in the sentence.
    Requirement best = sentence_cues.front().second;
    std::uint32_t best_distance = UINT32_MAX;
    for (const auto& [at, kind] : sentence_cues) {
      const std::uint32_t distance =
          (at > token ? at - token : token - at) + (clause[at] == clause[token] ? 0 : 1u << 16);
      if (distance < best_distance) best_distance = distance, best = kind;
    }
    return best;
  };

  // Years of experience, read per sentence and attached to the skills that follow the mention.
  std::vector<std::optional<int>> years_of_hit(accepted.size());
  std::optional<int> general_min, general_max, attached_min;
  std::size_t next_hit = 0;
  for (std::size_t s = 0; s < tt.sentences.size(); ++s) {
    const text::Sentence& sentence = tt.sentences[s];
    const std::size_t first_hit = next_hit;
    while (next_hit < accepted.size() && tt.tokens[accepted[next_hit].first].sentence == s) ++next_hit;
    bool has_years_word = false;
    for (std::uint32_t t = sentence.first_token; t < sentence.end_token && !has_years_word; ++t)
      has_years_word = tt.tokens[t].has_digit || is_years_word(tt.folded_token(t));
    if (!has_years_word) continue;
    const std::string_view sentence_text = text.substr(sentence.begin, sentence.end - sentence.begin);
    const auto mentions = parse::find_years_requirements(sentence_text);
    for (std::size_t m = 0; m < mentions.size(); ++m) {
      const std::uint32_t from = sentence.begin + static_cast<std::uint32_t>(mentions[m].end);
      const std::uint32_t until = m + 1 < mentions.size()
                                      ? sentence.begin + static_cast<std::uint32_t>(mentions[m + 1].begin)
                                      : sentence.end;
      bool attached = false;
      for (std::size_t h = first_hit; h < next_hit; ++h) {
        const std::uint32_t at = tt.tokens[accepted[h].first].begin;
        if (at >= from && at < until) {
          years_of_hit[h] = std::max(years_of_hit[h].value_or(0), mentions[m].min);
          attached = true;
        }
      }
      if (!attached && m + 1 == mentions.size() && first_hit < next_hit) {
        // "React: 5+ years" — the skill comes first.
        const std::uint32_t before = sentence.begin + static_cast<std::uint32_t>(mentions[m].begin);
        for (std::size_t h = first_hit; h < next_hit; ++h)
          if (tt.tokens[accepted[h].first].begin < before && !years_of_hit[h]) {
            years_of_hit[h] = mentions[m].min;
            attached = true;
          }
      }
      if (attached) {
        attached_min = std::min(attached_min.value_or(mentions[m].min), mentions[m].min);
      } else if (!general_min || mentions[m].min < *general_min) {
        general_min = mentions[m].min;
        general_max = mentions[m].max;
      }
    }
  }

  Extraction out;
  out.years_min = general_min ? general_min : attached_min;
  out.years_max = general_min ? general_max : std::nullopt;
  for (std::size_t h = 0; h < accepted.size(); ++h) {
    const SkillId id = aliases[accepted[h].index].skill;
    const Requirement requirement = requirement_at(accepted[h].first);
    // A posting names tens of skills: a linear search beats clearing a table the taxonomy's size.
    auto slot = std::find_if(out.skills.begin(), out.skills.end(),
                             [&](const FoundSkill& f) { return f.skill == id; });
    if (slot == out.skills.end()) {
      out.skills.push_back(
          FoundSkill{id, requirement, years_of_hit[h], 0, tt.tokens[accepted[h].first].begin});
      slot = out.skills.end() - 1;
    }
    FoundSkill& found = *slot;
    ++found.mentions;
    if (requirement == Requirement::required) found.requirement = Requirement::required;
    if (years_of_hit[h]) found.min_years = std::max(found.min_years.value_or(0), *years_of_hit[h]);
  }
  return out;
}

}  // namespace joblens::skills
