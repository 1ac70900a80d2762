#include "shared/selectors/layout.hpp"

namespace joblens::selectors {
namespace {

constexpr MarkerDef kMarkers[] = {
    {Marker::sdui_screen, "sdui_screen", "[data-sdui-screen]"},
    {Marker::sdui_component, "sdui_component", "[data-sdui-component]"},
    {Marker::sdui_job_card, "sdui_job_card", "[componentkey^=\"job-card-component-ref-\"]"},
    {Marker::lazy_column, "lazy_column", "[data-component-type=\"LazyColumn\"]"},
    {Marker::main_h1, "main_h1", "main h1"},
    {Marker::occludable_item, "occludable_item", "li[data-occludable-job-id]"},
    {Marker::classic_card, "classic_card", ".job-card-container, .job-card-job-posting-card-wrapper"},
    {Marker::results_list, "results_list", ".jobs-search-results-list"},
    {Marker::scaffold_list, "scaffold_list", ".scaffold-layout__list"},
    {Marker::legacy_list_item, "legacy_list_item", "li.jobs-search-results__list-item"},
    {Marker::top_card_e1, "top_card_e1",
     ".jobs-unified-top-card__job-title, .jobs-unified-top-card__content--two-pane, "
     ".jobs-unified-top-card__company-name, .jobs-unified-top-card__primary-description"},
    {Marker::top_card_e2, "top_card_e2", "[class*=\"job-details-jobs-unified-top-card__\"]"},
    {Marker::classic_detail, "classic_detail",
     ".jobs-search__job-details, .jobs-search__job-details--container, .job-view-layout, "
     ".jobs-details__main-content"},
    {Marker::guest_card, "guest_card", ".base-search-card, .base-card[data-entity-urn]"},
    {Marker::guest_top_card, "guest_top_card", ".top-card-layout"},
    {Marker::guest_results_list, "guest_results_list", "ul.jobs-search__results-list"},
};
static_assert(sizeof(kMarkers) / sizeof(kMarkers[0]) == kMarkerCount);

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

struct Decision {
  Layout layout;
  int rule;
};

Decision decide(const PageSignals& s) {
  if (s.has(Marker::sdui_screen) || s.has(Marker::sdui_component) || s.has(Marker::sdui_job_card) ||
      s.has(Marker::lazy_column))
    return {Layout::e4, 1};
  if (s.has(Marker::guest_card) || s.has(Marker::guest_top_card) || s.has(Marker::guest_results_list) ||
      starts_with(s.url_path, "/jobs-guest/"))
    return {Layout::guest, 2};
  const bool classic = s.has(Marker::occludable_item) || s.has(Marker::classic_card) ||
                       s.has(Marker::results_list) || s.has(Marker::scaffold_list) ||
                       s.has(Marker::legacy_list_item) || s.has(Marker::top_card_e1) ||
                       s.has(Marker::top_card_e2) || s.has(Marker::classic_detail);
  if (classic) {
    const bool old_top = s.has(Marker::top_card_e1) && !s.has(Marker::top_card_e2);
    if (s.has(Marker::results_list)) return {old_top ? Layout::e1 : Layout::e2, 3};
    if (s.has(Marker::scaffold_list)) return {Layout::e3, 3};
    return {old_top ? Layout::e1 : Layout::e3, 3};
  }
  if (!s.has(Marker::main_h1) &&
      (starts_with(s.url_path, "/jobs/search-results") || starts_with(s.url_path, "/jobs/view/")))
    return {Layout::e4, 4};
  return {Layout::unknown, 5};
}

}  // namespace

std::span<const MarkerDef> markers() { return kMarkers; }

std::string_view to_string(Marker m) { return kMarkers[static_cast<std::size_t>(m)].name; }

Layout detect_layout(const PageSignals& s) { return decide(s).layout; }

int detection_rule(const PageSignals& s) { return decide(s).rule; }

}  // namespace joblens::selectors
