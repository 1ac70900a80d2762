// Turns what the content script read from the live DOM into field values and selector health. The
// content script runs every step of a chain and sends, per step, the strings it read before
// post-processing (docs/extension.md "Raw fields"); here the posts are applied and the first step
// whose result is non-empty wins. Keeping this in the core means the extension's TypeScript holds no
// parsing rules, and native tests cover the same code the browser runs.
#pragma once

#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "shared/model/job.hpp"
#include "shared/selectors/rules.hpp"

namespace joblens::selectors {

// raw[i] = the strings step i produced (text: one; each_text: several; presence: "true" or none).
using RawChain = std::vector<std::vector<std::string>>;

struct Resolved {
  std::string value;
  int step = -1;  // index of the step that produced `value`, or -1 (selector health)
};

// The first step whose post-processed string is non-empty; within an each_text step, the first string
// that survives. Steps beyond the chain or the raw data are ignored; missing steps count as empty.
Resolved resolve(std::span<const Step> chain, const RawChain& raw);

inline constexpr std::size_t kFieldCount = std::size(kFields);

// Every field of one card or details pane, resolved. Unread fields keep step -1.
struct FieldValues {
  std::array<Resolved, kFieldCount> fields{};
  Resolved& operator[](Field f) { return fields[static_cast<std::size_t>(f)]; }
  const Resolved& operator[](Field f) const { return fields[static_cast<std::size_t>(f)]; }
  bool flag(Field f) const { return (*this)[f].value == "true"; }
};

// Resolves `field` of `layout` from its raw chain into `out`.
void resolve_into(Layout layout, Field field, const RawChain& raw, FieldValues& out);

// The job a card describes, for the scorer (JobShape::card: no description). Flags are not part of
// the job; the workplace is kept only when the card states one.
model::Job card_job(const FieldValues& card);

// "Senior Backend Engineer | Nordlicht Mobility GmbH | LinkedIn" -> title and company;
// "Harbourline hiring Security Engineer in Dublin, Ireland | LinkedIn" (guest) -> all three.
// A search page's "Backend Engineer Jobs in Germany | LinkedIn" yields nothing. A leading "(3) "
// notification count is dropped.
struct TitleParts {
  std::string title;
  std::string company;
  std::string location;
};
std::optional<TitleParts> parse_document_title(std::string_view document_title);

// The job id in a LinkedIn jobs URL: the `currentJobId` query parameter, else /jobs/view/<slug->?<id>.
std::string job_id_from_url(std::string_view url);

}  // namespace joblens::selectors
