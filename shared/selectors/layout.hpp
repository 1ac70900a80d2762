// Layout detection from cheap page signals. The content script tests every marker selector once
// (document.querySelector(m.selector) !== null), fills PageSignals and asks the core for the layout.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "shared/selectors/rules.hpp"

namespace joblens::selectors {

enum class Marker : std::uint8_t {
  sdui_screen,         // [data-sdui-screen]
  sdui_component,      // [data-sdui-component]
  sdui_job_card,       // [componentkey^="job-card-component-ref-"]
  lazy_column,         // [data-component-type="LazyColumn"]
  main_h1,             // main h1
  occludable_item,     // li[data-occludable-job-id]
  classic_card,        // .job-card-container, .job-card-job-posting-card-wrapper
  results_list,        // .jobs-search-results-list (E1/E2 only; a hashed class since 2024-11-25)
  scaffold_list,       // .scaffold-layout__list
  legacy_list_item,    // li.jobs-search-results__list-item (E1/E2; dropped 2024-11)
  top_card_e1,         // jobs-unified-top-card__* (renamed about 2023-11-26)
  top_card_e2,         // [class*="job-details-jobs-unified-top-card__"]
  classic_detail,      // .jobs-search__job-details, .job-view-layout, .jobs-details__main-content
  guest_card,          // .base-search-card, .base-card[data-entity-urn]
  guest_top_card,      // .top-card-layout
  guest_results_list,  // ul.jobs-search__results-list
};
inline constexpr std::size_t kMarkerCount = static_cast<std::size_t>(Marker::guest_results_list) + 1;

struct MarkerDef {
  Marker id;
  std::string_view name;
  std::string_view selector;
};
// In Marker order: markers()[i].id == Marker(i).
std::span<const MarkerDef> markers();
std::string_view to_string(Marker m);

struct PageSignals {
  std::string_view url_path;  // location.pathname, e.g. "/jobs/search-results/"
  std::array<bool, kMarkerCount> present{};

  bool has(Marker m) const { return present[static_cast<std::size_t>(m)]; }
  PageSignals& set(Marker m, bool on = true) {
    present[static_cast<std::size_t>(m)] = on;
    return *this;
  }
};

// Rules, first match wins (docs/selectors.md "Detection"):
//  1. any SDUI marker (screen, component, job-card componentkey, LazyColumn)        -> e4
//  2. any guest marker, or a /jobs-guest/ path                                       -> guest
//  3. a classic marker: .jobs-search-results-list present -> e2 if the job-details-
//     top card is present, e1 if only the old top card is, else e2 (ambiguous; the
//     E2 chains carry the E1 steps); otherwise .scaffold-layout__list -> e3; otherwise
//     the top card decides (old only -> e1, else e3)
//  4. the doc's "main has no h1" rule, only on SDUI paths (/jobs/search-results/,
//     /jobs/view/) with no other marker: it misfires on E1 (h2 title) and guest search -> e4
//  5. otherwise unknown (the content script retries after the next DOM mutation)
Layout detect_layout(const PageSignals& s);

// Which rule above decided (1-5), for the health report.
int detection_rule(const PageSignals& s);

}  // namespace joblens::selectors
