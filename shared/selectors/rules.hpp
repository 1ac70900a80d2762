// LinkedIn selector rules as data: per layout and field, an ordered fallback chain of steps. The content
// script runs a chain against the live DOM (first step that yields a non-empty value wins) and reports
// the index of the step that matched, or -1 (selector health). See docs/selectors.md, which gives the
// dated markup evidence behind every step.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "shared/selectors/post_process.hpp"

namespace joblens::selectors {

// Bump on every change to a table, marker or post-processing rule.
inline constexpr std::string_view kRulesVersion = "2026.11.1";

// The doc's era names (2.0). E0 has no details-pane evidence and is not shipped; E1 tables keep the
// E0 card attributes as their last steps.
enum class Layout : std::uint8_t { unknown, e1, e2, e3, e4, guest };
inline constexpr Layout kLayouts[] = {Layout::e1, Layout::e2, Layout::e3, Layout::e4, Layout::guest};

enum class Field : std::uint8_t {
  card,    // the list item of one job (querySelectorAll on the document)
  job_id,  // card scope from here to easy_apply
  title,
  company,
  location,
  workplace,  // "remote" | "hybrid" | "onsite"
  salary,
  promoted,  // flags yield "true" when the step matches, nothing otherwise
  applied,
  easy_apply,
  details_pane,   // the detail root (document scope); scope every detail query to it
  detail_job_id,  // details-pane scope: the stale-pane guard compares it with the URL job id
  description,
};
inline constexpr Field kFields[] = {
    Field::card,         Field::job_id,        Field::title,      Field::company, Field::location,
    Field::workplace,    Field::salary,        Field::promoted,   Field::applied, Field::easy_apply,
    Field::details_pane, Field::detail_job_id, Field::description};

// Where a field's selectors are evaluated.
enum class Scope : std::uint8_t { document, card, details_pane };

// What to read from the element a step selects.
enum class Read : std::uint8_t {
  text,          // textContent of the first match
  attr,          // attribute `attr` of the first match
  presence,      // "true" when the selector matches (flags)
  absence,       // "true" when the selector does NOT match (heuristic flags only)
  each_text,     // textContent of every match, in order; the first that survives `post` wins
  longest_text,  // textContent of the longest match
  elements,      // querySelectorAll: the element set (card, details_pane)
};

// self = true: the step tests the scope element itself (scope.matches(selector)) instead of its
// descendants (querySelector cannot return the scope element).
struct Step {
  std::string_view selector;
  Read read = Read::text;
  std::string_view attr = {};
  Post post = Post::none;
  bool self = false;
};

struct FieldRules {
  Field field;
  std::span<const Step> chain;
};

std::string_view to_string(Layout l);
std::optional<Layout> layout_from_string(std::string_view s);
std::string_view to_string(Field f);
std::string_view to_string(Scope s);
std::string_view to_string(Read r);

Scope field_scope(Field f);
// Optional fields (salary, workplace, flags) are legitimately absent on many cards, so a -1 there is
// not a broken selector on its own; required fields (-1 = broken) are card, job_id, title, company,
// location, details_pane, detail_job_id, description.
bool field_optional(Field f);

// The chain for one layout and field; empty for Layout::unknown.
std::span<const Step> chain(Layout l, Field f);
// Every field of a layout, in kFields order.
std::span<const FieldRules> layout_rules(Layout l);

}  // namespace joblens::selectors
