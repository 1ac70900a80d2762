// SDUI (E4) and guest tables, plus the lookups. Classic tables: rules_classic.cpp.
#include "shared/selectors/rules.hpp"

#include "shared/selectors/rules_tables.hpp"

namespace joblens::selectors {
namespace detail {
namespace {

// ---- E4 "SDUI / AI search" (Dec 2025 -> 2026). Hashed classes: attributes and position only. -------
constexpr Step kE4Card[] = {
    elements("div[role=\"button\"][componentkey^=\"job-card-component-ref-\"]"),  // 2.2 E4, 2.6
    elements("div:has(> [data-view-name=\"job-search-job-card\"])"),              // 2.1 2025-12-22
    elements("[data-component-type=\"LazyColumn\"] > div:has(figure)"),           // 2.1 2026-03-11
};
constexpr Step kE4JobId[] = {
    self_attr("[componentkey^=\"job-card-component-ref-\"]", "componentkey", Post::trailing_digits),
    attr("[componentkey^=\"job-card-component-ref-\"]", "componentkey", Post::trailing_digits),
    attr("a[href*=\"/jobs/view/\"]", "href", Post::job_id_from_href),
};
constexpr Step kE4Title[] = {
    text("p span[aria-hidden=\"true\"]", Post::strip_verified_suffix),  // first p's aria-hidden span
    text("p", Post::strip_verified_suffix),                             // first <p> (flat card)
    attr("button[aria-label^=\"Dismiss \"]", "aria-label", Post::title_from_dismiss),
};
constexpr Step kE4Company[] = {
    text("p:nth-of-type(2)", Post::company),  // 2nd <p>
};
constexpr Step kE4Location[] = {
    text("p:nth-of-type(3) > span", Post::location),         // 3rd <p>, first span
    text("p:nth-of-type(3)", Post::location_before_middot),  // flat card: "Pune"
};
constexpr Step kE4Workplace[] = {
    text("p:nth-of-type(3) > span", Post::workplace),
    text("p:nth-of-type(3)", Post::workplace),
};
constexpr Step kE4Salary[] = {
    each("p:nth-of-type(3) > span", Post::salary),
    each("p", Post::salary),  // "<p> matching a currency regex"
};
constexpr Step kE4Promoted[] = {
    each("figure + div > div:last-child > p", Post::promoted_label),  // feed card footer (2.2), adapted
    each("p", Post::promoted_label),
};
constexpr Step kE4Applied[] = {
    each("figure + div > div:last-child > p", Post::applied_label),
    each("p", Post::applied_label),  // "Application submitted" / "Applied"
};
constexpr Step kE4EasyApply[] = {
    each("figure + div > div:last-child > p", Post::easy_apply_label),
    each("p", Post::easy_apply_label),
};
constexpr Step kE4Details[] = {
    elements("[data-sdui-screen$=\".SemanticJobDetails\"]"),  // search (2.3)
    elements("[data-sdui-screen$=\".JobDetails\"]"),          // standalone /jobs/view/<id>/
    elements("[data-sdui-screen$=\"JobDetails\"]"),           // 2.6
};
constexpr Step kE4DetailJobId[] = {
    attr("[componentkey^=\"JobDetails_AboutTheJob_\"]", "componentkey", Post::trailing_digits),
    attr("[componentkey^=\"JobMatchRef_\"]", "componentkey", Post::trailing_digits),
    attr("a[componentkey^=\"auto-binding-\"]", "componentkey", Post::trailing_digits),
    attr("a[href*=\"/jobs/view/\"]", "href", Post::job_id_from_href),
};
constexpr Step kE4Description[] = {
    text("[componentkey^=\"JobDetails_AboutTheJob_\"] [data-testid=\"expandable-text-box\"]", Post::trim),
    text("[data-sdui-component$=\".aboutTheJob\"] [data-testid=\"expandable-text-box\"]", Post::trim),
    longest("[data-testid=\"expandable-text-box\"]"),
};

constexpr FieldRules kE4[] = {
    {Field::card, kE4Card},
    {Field::job_id, kE4JobId},
    {Field::title, kE4Title},
    {Field::company, kE4Company},
    {Field::location, kE4Location},
    {Field::workplace, kE4Workplace},
    {Field::salary, kE4Salary},
    {Field::promoted, kE4Promoted},
    {Field::applied, kE4Applied},
    {Field::easy_apply, kE4EasyApply},
    {Field::details_pane, kE4Details},
    {Field::detail_job_id, kE4DetailJobId},
    {Field::description, kE4Description},
};

// ---- G guest / logged out ("base-card", 2021 -> 2026; "result-card" 2020 as the last steps) ---------
constexpr Step kGCard[] = {
    elements("div.base-card[data-entity-urn]"), elements("ul.jobs-search__results-list > li"),
    elements(".base-search-card, .job-search-card"),
    elements(".jobs-search__results-list li"),  // 2020
};
constexpr Step kGJobId[] = {
    self_attr("[data-entity-urn]", "data-entity-urn", Post::digits_from_urn),
    attr("[data-entity-urn]", "data-entity-urn", Post::digits_from_urn),
    attr("a.base-card__full-link", "href", Post::job_id_from_href),
    attr("a[href*=\"/jobs/view/\"]", "href", Post::job_id_from_href),
};
constexpr Step kGTitle[] = {
    text("h3.base-search-card__title", Post::squash),
    text("a.base-card__full-link .sr-only", Post::squash),
    text(".base-search-card__title", Post::squash),
};
constexpr Step kGCompany[] = {
    text("h4.base-search-card__subtitle", Post::company),
    text(".base-search-card__subtitle a", Post::company),
    text(".result-card__subtitle", Post::company),  // 2020
};
constexpr Step kGLocation[] = {
    text("span.job-search-card__location", Post::location),
    text(".job-result-card__location", Post::location),  // 2020
};
// The doc shows no guest workplace, badge or applied markup (2.5): these steps read the metadata line
// by text and are unverified. They are kept so each field has a chain and its health is reported.
constexpr Step kGWorkplace[] = {
    text("span.job-search-card__location", Post::workplace),
    each(".base-search-card__metadata > *", Post::workplace),
};
constexpr Step kGSalary[] = {
    text("span.job-search-card__salary-info", Post::salary),
    each(".base-search-card__metadata > *", Post::salary),
};
constexpr Step kGPromoted[] = {
    each(".base-search-card__metadata > *", Post::promoted_label),  // unverified
};
constexpr Step kGApplied[] = {
    each(".base-search-card__metadata > *", Post::applied_label),  // unverified (logged out)
};
constexpr Step kGEasyApply[] = {
    each(".base-search-card__metadata > *", Post::easy_apply_label),  // unverified
};
constexpr Step kGDetails[] = {
    elements("main:has(section.top-card-layout)"),  // /jobs/view/<slug>-<id>
    elements("body:has(.top-card-layout)"),         // jobPosting/<id> fragment (no main)
    elements(".details-pane__content"),             // 2020
};
constexpr Step kGDetailJobId[] = {
    attr("[data-entity-urn]", "data-entity-urn", Post::digits_from_urn),
    attr("a[href*=\"/jobs/view/\"]", "href", Post::job_id_from_href),
};
constexpr Step kGDescription[] = {
    text("div.show-more-less-html__markup", Post::trim),
    text(".description__text", Post::trim),
};

constexpr FieldRules kGuest[] = {
    {Field::card, kGCard},
    {Field::job_id, kGJobId},
    {Field::title, kGTitle},
    {Field::company, kGCompany},
    {Field::location, kGLocation},
    {Field::workplace, kGWorkplace},
    {Field::salary, kGSalary},
    {Field::promoted, kGPromoted},
    {Field::applied, kGApplied},
    {Field::easy_apply, kGEasyApply},
    {Field::details_pane, kGDetails},
    {Field::detail_job_id, kGDetailJobId},
    {Field::description, kGDescription},
};

}  // namespace

std::span<const FieldRules> e4_rules() { return kE4; }
std::span<const FieldRules> guest_rules() { return kGuest; }

}  // namespace detail

std::string_view to_string(Layout l) {
  switch (l) {
    case Layout::unknown:
      return "unknown";
    case Layout::e1:
      return "e1";
    case Layout::e2:
      return "e2";
    case Layout::e3:
      return "e3";
    case Layout::e4:
      return "e4";
    case Layout::guest:
      return "guest";
  }
  return "unknown";
}

std::optional<Layout> layout_from_string(std::string_view s) {
  for (Layout l : {Layout::unknown, Layout::e1, Layout::e2, Layout::e3, Layout::e4, Layout::guest})
    if (to_string(l) == s) return l;
  return std::nullopt;
}

std::string_view to_string(Field f) {
  switch (f) {
    case Field::card:
      return "card";
    case Field::job_id:
      return "job_id";
    case Field::title:
      return "title";
    case Field::company:
      return "company";
    case Field::location:
      return "location";
    case Field::workplace:
      return "workplace";
    case Field::salary:
      return "salary";
    case Field::promoted:
      return "promoted";
    case Field::applied:
      return "applied";
    case Field::easy_apply:
      return "easy_apply";
    case Field::details_pane:
      return "details_pane";
    case Field::detail_job_id:
      return "detail_job_id";
    case Field::description:
      return "description";
  }
  return "card";
}

std::string_view to_string(Scope s) {
  switch (s) {
    case Scope::document:
      return "document";
    case Scope::card:
      return "card";
    case Scope::details_pane:
      return "details_pane";
  }
  return "document";
}

std::string_view to_string(Read r) {
  switch (r) {
    case Read::text:
      return "text";
    case Read::attr:
      return "attr";
    case Read::presence:
      return "presence";
    case Read::absence:
      return "absence";
    case Read::each_text:
      return "each_text";
    case Read::longest_text:
      return "longest_text";
    case Read::elements:
      return "elements";
  }
  return "text";
}

Scope field_scope(Field f) {
  switch (f) {
    case Field::card:
    case Field::details_pane:
      return Scope::document;
    case Field::detail_job_id:
    case Field::description:
      return Scope::details_pane;
    default:
      return Scope::card;
  }
}

bool field_optional(Field f) {
  switch (f) {
    case Field::workplace:
    case Field::salary:
    case Field::promoted:
    case Field::applied:
    case Field::easy_apply:
      return true;
    default:
      return false;
  }
}

std::span<const FieldRules> layout_rules(Layout l) {
  switch (l) {
    case Layout::e1:
      return detail::e1_rules();
    case Layout::e2:
      return detail::e2_rules();
    case Layout::e3:
      return detail::e3_rules();
    case Layout::e4:
      return detail::e4_rules();
    case Layout::guest:
      return detail::guest_rules();
    case Layout::unknown:
      break;
  }
  return {};
}

std::span<const Step> chain(Layout l, Field f) {
  for (const FieldRules& r : layout_rules(l))
    if (r.field == f) return r.chain;
  return {};
}

}  // namespace joblens::selectors
