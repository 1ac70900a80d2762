// Classic Ember layouts E1, E2, E3. Evidence per step: docs/selectors.md and linkedin-dom.md 2.1-2.3, 2.6.
#include "shared/selectors/rules_tables.hpp"

namespace joblens::selectors::detail {
namespace {

// Job id, shared by the classic eras: li attribute (2022->2026), inner div, /jobs/view/ link (2.6).
constexpr Step kClassicJobId[] = {
    self_attr("[data-occludable-job-id]", "data-occludable-job-id", Post::digits_from_urn),
    attr("[data-job-id]", "data-job-id", Post::digits_from_urn),
    attr("a[href*=\"/jobs/view/\"]", "href", Post::job_id_from_href),
};

// ---- E1 "jobs-search-results list + unified top card" (mid-2021 - 2022) -----------------------------
constexpr Step kE1Card[] = {
    elements("li[data-occludable-job-id]"),           // 2.1 2022-09-09 wodsuz
    elements("li.jobs-search-results__list-item"),    // 2.2 E1
    elements("div.job-card-container[data-job-id]"),  // 2.2 E1 inner div
    elements("div[data-job-id]"),                     // 2.2 E0 (carried over)
};
constexpr Step kE1Title[] = {
    text("a.job-card-list__title", Post::strip_visually_hidden_duplicate),
    text(".artdeco-entity-lockup__title", Post::strip_visually_hidden_duplicate),  // 2.1 2021-05-26
    text("a.job-card-container__link:not(.job-card-container__company-name)", Post::squash),
};
constexpr Step kE1Company[] = {
    text("a.job-card-container__company-name", Post::company),
    text(".artdeco-entity-lockup__subtitle", Post::company),         // 2.1 2020-10-08
    text("[data-test-job-card-list__company-name]", Post::company),  // E0
};
constexpr Step kE1Location[] = {
    text(".job-card-container__metadata-item:not(.job-card-container__metadata-item--workplace-type)",
         Post::location),
    text(".artdeco-entity-lockup__caption li", Post::location),
    text("[data-test-job-card-list__location]", Post::location),  // E0
};
constexpr Step kE1Workplace[] = {
    text(".job-card-container__metadata-item--workplace-type", Post::workplace),
    each(".job-card-container__metadata-item", Post::workplace),
};
constexpr Step kE1Salary[] = {
    each(".job-card-container__metadata-item", Post::salary),  // extra metadata li (text pattern)
    each(".artdeco-entity-lockup__caption li", Post::salary),
};
constexpr Step kE1Promoted[] = {
    each(".job-card-container__footer-item", Post::promoted_label),
    each(".job-card-list__footer-wrapper li", Post::promoted_label),
    absent("time"),  // heuristic: promoted cards have no <time> (2.2 E2, 2.1 2024-08 note)
};
constexpr Step kE1Applied[] = {
    // E1 has no applied state (2.2 "-"); these are the E2 hooks, kept in case a page mixes them.
    each(".job-card-container__footer-job-state", Post::applied_label),
    each(".job-card-list__footer-wrapper li", Post::applied_label),
};
constexpr Step kE1EasyApply[] = {
    text(".job-card-container__apply-method", Post::easy_apply_label),
    present("li-icon[type=\"linkedin-bug\"]"),
    each(".job-card-container__footer-item", Post::easy_apply_label),
};
constexpr Step kE1Details[] = {
    elements(".jobs-search__job-details--container"),
    elements(".jobs-details__main-content"),
    elements(".jobs-unified-top-card__content--two-pane"),
    elements(".jobs-details-top-card"),
};
constexpr Step kE1DetailJobId[] = {
    attr("button.jobs-apply-button[data-job-id]", "data-job-id", Post::digits_from_urn),
    attr("a[href*=\"/jobs/view/\"]", "href", Post::job_id_from_href),
};
constexpr Step kE1Description[] = {
    text("#job-details", Post::trim),
    text(".jobs-box__html-content", Post::trim),
    text(".jobs-description-content__text", Post::trim),
    text(".jobs-description", Post::trim),
};

constexpr FieldRules kE1[] = {
    {Field::card, kE1Card},
    {Field::job_id, kClassicJobId},
    {Field::title, kE1Title},
    {Field::company, kE1Company},
    {Field::location, kE1Location},
    {Field::workplace, kE1Workplace},
    {Field::salary, kE1Salary},
    {Field::promoted, kE1Promoted},
    {Field::applied, kE1Applied},
    {Field::easy_apply, kE1EasyApply},
    {Field::details_pane, kE1Details},
    {Field::detail_job_id, kE1DetailJobId},
    {Field::description, kE1Description},
};

// ---- E2 "scaffold-layout" (2023 - Nov 2024) ---------------------------------------------------------
constexpr Step kE2Card[] = {
    elements("li.scaffold-layout__list-item[data-occludable-job-id]"),
    elements("li[data-occludable-job-id]"),
    elements("li.jobs-search-results__list-item"),
    elements("div.job-card-container[data-job-id]"),
};
constexpr Step kE2Title[] = {
    text("a.job-card-list__title strong", Post::squash),
    text("a.job-card-list__title", Post::strip_visually_hidden_duplicate),
    text("a.job-card-container__link", Post::strip_visually_hidden_duplicate),
    text(".artdeco-entity-lockup__title", Post::strip_visually_hidden_duplicate),
};
constexpr Step kE2Company[] = {
    text(".job-card-container__primary-description", Post::company),  // 2023-24
    text(".artdeco-entity-lockup__subtitle", Post::company),          // 2.1 2023-01-28 -> 2023-05-25
    text("a.job-card-container__company-name", Post::company),
};
constexpr Step kE2Location[] = {
    text(".job-card-container__metadata-item", Post::location),  // "City, Region (Hybrid)"
    text(".artdeco-entity-lockup__caption li", Post::location),
};
constexpr Step kE2Workplace[] = {
    each(".job-card-container__metadata-item", Post::workplace),
    text(".job-card-container__metadata-item--workplace-type", Post::workplace),
};
constexpr Step kE2Salary[] = {
    each(".job-card-container__metadata-item", Post::salary),
    each(".artdeco-entity-lockup__metadata li, .artdeco-entity-lockup__metadata", Post::salary),
    each("[class*=\"salary\"]", Post::salary),
};
constexpr Step kE2Promoted[] = {
    each(".job-card-container__footer-item", Post::promoted_label),  // 2.1 2023-01 winterhazel
    each(".job-card-list__footer-wrapper li", Post::promoted_label),
    absent("time"),  // pre-2024-08 heuristic (Hide-n-Seek)
};
constexpr Step kE2Applied[] = {
    each(".job-card-container__footer-job-state", Post::applied_label),
    each(".job-card-list__footer-wrapper li", Post::applied_label),
};
constexpr Step kE2EasyApply[] = {
    text(".job-card-container__apply-method", Post::easy_apply_label),
    present("li-icon[type=\"linkedin-bug\"]"),
    each(".job-card-list__footer-wrapper li", Post::easy_apply_label),
};
constexpr Step kE2Details[] = {
    elements(".jobs-search__job-details"),
    elements(".job-view-layout"),  // standalone /jobs/view/<id>/
    elements(".jobs-search__job-details--container"),
    elements(".jobs-details__main-content"),
};
constexpr Step kE2DetailJobId[] = {
    attr(".jobs-apply-button[data-job-id]", "data-job-id", Post::digits_from_urn),
    attr("h1 a[href*=\"/jobs/view/\"]", "href", Post::job_id_from_href),
    attr("a[href*=\"/jobs/view/\"]", "href", Post::job_id_from_href),
};
constexpr Step kE2Description[] = {
    text(".jobs-description-content__text", Post::trim),
    text("#job-details", Post::trim),
    text(".jobs-box__html-content", Post::trim),
    text(".jobs-description", Post::trim),
};

constexpr FieldRules kE2[] = {
    {Field::card, kE2Card},
    {Field::job_id, kClassicJobId},
    {Field::title, kE2Title},
    {Field::company, kE2Company},
    {Field::location, kE2Location},
    {Field::workplace, kE2Workplace},
    {Field::salary, kE2Salary},
    {Field::promoted, kE2Promoted},
    {Field::applied, kE2Applied},
    {Field::easy_apply, kE2EasyApply},
    {Field::details_pane, kE2Details},
    {Field::detail_job_id, kE2DetailJobId},
    {Field::description, kE2Description},
};

// ---- E3 "hashed wrapper, classic" (late Nov 2024 - 2026) --------------------------------------------
constexpr Step kE3Card[] = {
    elements("li.scaffold-layout__list-item[data-occludable-job-id]"),  // 2.1 2024-11-25; 2026-08-05
    elements("li[data-occludable-job-id]"),
    elements("div[data-results-list-top-scroll-sentinel] + ul > li"),  // 2.1 2025 Apr-May
    elements("div.job-card-container[data-job-id], div.job-card-job-posting-card-wrapper[data-job-id]"),
};
constexpr Step kE3Title[] = {
    text("a.job-card-list__title--link span[aria-hidden=\"true\"]", Post::squash),
    text("a.job-card-container__link span[aria-hidden=\"true\"]", Post::squash),
    text("a.job-card-job-posting-card-wrapper__card-link span[aria-hidden=\"true\"]", Post::squash),
    text(".artdeco-entity-lockup__title", Post::strip_visually_hidden_duplicate),
    text("a.job-card-list__title--link, a.job-card-list__title", Post::strip_visually_hidden_duplicate),
    attr("a.job-card-list__title--link[aria-label]", "aria-label", Post::strip_verified_suffix),
};
constexpr Step kE3Company[] = {
    text(".artdeco-entity-lockup__subtitle > :not(.visually-hidden)", Post::company),  // 2.6
    text(".artdeco-entity-lockup__subtitle", Post::company),
    text(".job-card-container__primary-description", Post::company),
    text(".job-card-container__company-name", Post::company),
};
constexpr Step kE3Location[] = {
    text(".artdeco-entity-lockup__caption li span[dir=\"ltr\"]", Post::location),
    text(".job-card-container__metadata-item", Post::location),
    text(".artdeco-entity-lockup__subtitle", Post::location_after_middot),  // "Company · Location (Remote)"
};
constexpr Step kE3Workplace[] = {
    text(".artdeco-entity-lockup__caption li span[dir=\"ltr\"]", Post::workplace),
    text(".job-card-container__metadata-item--workplace-type", Post::workplace),
    text(".artdeco-entity-lockup__subtitle", Post::workplace),
};
constexpr Step kE3Salary[] = {
    each(".artdeco-entity-lockup__metadata li", Post::salary),
    each(".artdeco-entity-lockup__caption li", Post::salary),
    each(".job-card-container__salary-info, [class*=\"salary\"]", Post::salary),  // unnamed code (weak)
};
constexpr Step kE3Promoted[] = {
    each(".job-card-list__footer-wrapper li", Post::promoted_label),
    each(".job-card-container__footer-item", Post::promoted_label),
};
constexpr Step kE3Applied[] = {
    each(".job-card-container__footer-job-state", Post::applied_label),  // "Applied" / "Viewed" / "Saved"
    each(".job-card-list__footer-wrapper li", Post::applied_label),
};
constexpr Step kE3EasyApply[] = {
    present("svg[data-test-icon=\"linkedin-bug-color-small\"]"),
    each(".job-card-list__footer-wrapper li", Post::easy_apply_label),
    text(".job-card-container__apply-method", Post::easy_apply_label),
};
constexpr Step kE3Details[] = {
    elements(".jobs-search__job-details"),
    elements(".scaffold-layout__detail"),
    elements(".job-view-layout"),
    elements(".jobs-details__main-content"),
};
constexpr Step kE3DetailJobId[] = {
    attr("#jobs-apply-button-id[data-job-id]", "data-job-id", Post::digits_from_urn),
    attr(".job-details-jobs-unified-top-card__job-title a[href*=\"/jobs/view/\"]", "href",
         Post::job_id_from_href),
    attr("button.jobs-apply-button[data-job-id]", "data-job-id", Post::digits_from_urn),
    attr("h1 a[href*=\"/jobs/view/\"]", "href", Post::job_id_from_href),
};
constexpr Step kE3Description[] = {
    text("#job-details", Post::trim),
    text(".jobs-description__content .jobs-box__html-content", Post::trim),
    text(".jobs-description-content__text--stretch", Post::trim),
    text("[data-test-job-description-text]", Post::trim),
    text(".job-details-about-the-job-module__description", Post::trim),
};

constexpr FieldRules kE3[] = {
    {Field::card, kE3Card},
    {Field::job_id, kClassicJobId},
    {Field::title, kE3Title},
    {Field::company, kE3Company},
    {Field::location, kE3Location},
    {Field::workplace, kE3Workplace},
    {Field::salary, kE3Salary},
    {Field::promoted, kE3Promoted},
    {Field::applied, kE3Applied},
    {Field::easy_apply, kE3EasyApply},
    {Field::details_pane, kE3Details},
    {Field::detail_job_id, kE3DetailJobId},
    {Field::description, kE3Description},
};

}  // namespace

std::span<const FieldRules> e1_rules() { return kE1; }
std::span<const FieldRules> e2_rules() { return kE2; }
std::span<const FieldRules> e3_rules() { return kE3; }

}  // namespace joblens::selectors::detail
