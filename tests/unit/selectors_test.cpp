#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "shared/selectors/layout.hpp"
#include "shared/selectors/post_process.hpp"
#include "shared/selectors/rules.hpp"
#include "shared/selectors/rules_json.hpp"

using namespace joblens::selectors;

namespace {

// Non-empty, no outer whitespace, balanced () and [] outside quotes, closed quotes, no dangling combinator.
bool plausible_selector(std::string_view s) {
  if (s.empty() || s.front() == ' ' || s.back() == ' ') return false;
  int paren = 0, bracket = 0;
  char quote = 0;
  for (char c : s) {
    if (quote) {
      if (c == quote) quote = 0;
      continue;
    }
    if (c == '"' || c == '\'')
      quote = c;
    else if (c == '(')
      ++paren;
    else if (c == ')')
      --paren;
    else if (c == '[')
      ++bracket;
    else if (c == ']')
      --bracket;
    if (paren < 0 || bracket < 0) return false;
  }
  const char last = s.back();
  return quote == 0 && paren == 0 && bracket == 0 && last != '>' && last != '+' && last != '~' && last != ',';
}

}  // namespace

TEST_CASE("selectors: every layout has a non-empty chain for every field") {
  for (Layout l : kLayouts) {
    CAPTURE(to_string(l));
    CHECK(layout_rules(l).size() == std::size(kFields));
    for (Field f : kFields) {
      CAPTURE(to_string(f));
      CHECK_FALSE(chain(l, f).empty());
    }
  }
  CHECK(layout_rules(Layout::unknown).empty());
}

TEST_CASE("selectors: steps are well-formed") {
  for (Layout l : kLayouts) {
    for (const FieldRules& r : layout_rules(l)) {
      for (const Step& st : r.chain) {
        CAPTURE(to_string(l));
        CAPTURE(to_string(r.field));
        CAPTURE(st.selector);
        CHECK(plausible_selector(st.selector));
        CHECK((st.read == Read::attr) == !st.attr.empty());
        // element sets only for the root fields, and the root fields only read element sets
        const bool root = r.field == Field::card || r.field == Field::details_pane;
        CHECK((st.read == Read::elements) == root);
        if (st.self) CHECK(field_scope(r.field) == Scope::card);
      }
    }
  }
  for (const MarkerDef& m : markers()) CHECK(plausible_selector(m.selector));
  CHECK_FALSE(plausible_selector("a[href"));
  CHECK_FALSE(plausible_selector("a[href=\"x]"));
  CHECK_FALSE(plausible_selector("div >"));
}

TEST_CASE("selectors: post-processing of ids") {
  CHECK(digits_from_urn("urn:li:jobPosting:4012345678") == "4012345678");
  CHECK(digits_from_urn("3322693679") == "3322693679");
  CHECK(digits_from_urn("urn:li:jobPosting:") == "");
  CHECK(digits_from_urn("urn:li:company:abc") == "");
  CHECK(job_id_from_href("/jobs/view/3322693679/?eBP=JOB_SEARCH_ORGANIC&refId=x") == "3322693679");
  CHECK(job_id_from_href("/jobs/view/4100000001/apply/?openSDUIApplyFlow=true") == "4100000001");
  CHECK(job_id_from_href("https://de.linkedin.com/jobs/view/senior-backend-engineer-at-nordlicht-mobility-"
                         "4012345679?position=2&pageNum=0") == "4012345679");
  CHECK(job_id_from_href("/jobs/view/4012345680") == "4012345680");
  CHECK(job_id_from_href("/company/19082327/") == "");
  CHECK(job_id_from_href("/jobs/view/not-a-job/") == "");
  CHECK(trailing_digits("job-card-component-ref-4100000001") == "4100000001");
  CHECK(trailing_digits("auto-binding-3f6c1e2a-9b7d-4c51-a0e8-5d2b7c4f1a90-4100000003") == "4100000003");
  CHECK(trailing_digits("SearchResultsMainContent") == "");
}

TEST_CASE("selectors: post-processing of visually hidden duplicates and titles") {
  CHECK(strip_visually_hidden_duplicate("Data EngineerData Engineer") == "Data Engineer");
  CHECK(strip_visually_hidden_duplicate("Data Engineer\nData Engineer") == "Data Engineer");
  CHECK(strip_visually_hidden_duplicate("\n   Site Reliability Engineer\n   Site Reliability Engineer with "
                                        "verification\n") == "Site Reliability Engineer");
  CHECK(strip_visually_hidden_duplicate("Data Engineer Data Engineer with verification") == "Data Engineer");
  CHECK(strip_visually_hidden_duplicate("Go Go Dancer") == "Go Go Dancer");
  CHECK(strip_visually_hidden_duplicate("Engineer\nEngineering Manager") == "Engineer Engineering Manager");
  CHECK(strip_visually_hidden_duplicate("  Senior Backend Engineer  ") == "Senior Backend Engineer");
  CHECK(strip_verified_suffix("Staff Data Scientist (Verified job)") == "Staff Data Scientist");
  CHECK(strip_verified_suffix("Site Reliability Engineer with verification") == "Site Reliability Engineer");
  CHECK(apply_post(Post::title_from_dismiss, "Dismiss Product Manager, Payments job") ==
        "Product Manager, Payments");
  CHECK(apply_post(Post::title_from_dismiss, "Close") == "");
  CHECK(first_line("\n\n  Senior Backend Engineer \n  Nordlicht") == "Senior Backend Engineer");
  CHECK(trim("\n  a\n b  ") == "a\n b");
  CHECK(squash("\n  a\n   b  ") == "a b");
  CHECK(apply_post(Post::lowercase, " Easy  APPLY ") == "easy apply");
}

TEST_CASE("selectors: post-processing of company, location, workplace, salary") {
  CHECK(apply_post(Post::company, "Acme \xC2\xB7 Pune, Maharashtra, India (On-site)") == "Acme");
  CHECK(apply_post(Post::company, " Tulip &amp; Canal B.V. ") == "Tulip &amp; Canal B.V.");
  CHECK(apply_post(Post::location, "Bengaluru, Karnataka, India (Hybrid)") == "Bengaluru, Karnataka, India");
  CHECK(apply_post(Post::location_after_middot, "Acme \xC2\xB7 Pune, Maharashtra, India (On-site)") ==
        "Pune, Maharashtra, India");
  CHECK(apply_post(Post::location_before_middot, "United States (Remote) \xC2\xB7 $120K/yr - $150K/yr") ==
        "United States");
  CHECK(apply_post(Post::location_before_middot, "Pune") == "Pune");
  CHECK(workplace_from_text("Bengaluru, Karnataka, India (Hybrid)") == "hybrid");
  CHECK(workplace_from_text("On-site") == "onsite");
  CHECK(workplace_from_text(" remote ") == "remote");
  CHECK(workplace_from_text("Paris (75)") == "");
  CHECK(workplace_from_text("Paris, \xC3\x8Ele-de-France, France") == "");
  CHECK(salary_from_text("United States (Remote) \xC2\xB7 $120K/yr - $150K/yr") == "$120K/yr - $150K/yr");
  CHECK(salary_from_text("\xE2\x82\xAC"
                         "85,000/yr - \xE2\x82\xAC"
                         "100,000/yr") ==
        "\xE2\x82\xAC"
        "85,000/yr - \xE2\x82\xAC"
        "100,000/yr");
  CHECK(salary_from_text("$90,000.00 - $120,000.00") == "$90,000.00 - $120,000.00");
  CHECK(salary_from_text("CA$65/hr - CA$80/hr") == "CA$65/hr - CA$80/hr");
  CHECK(salary_from_text("Berlin, Berlin, Germany") == "");
  CHECK(salary_from_text("47 applicants") == "");
}

TEST_CASE("selectors: localised label flags") {
  CHECK(apply_post(Post::promoted_label, "  Promoted ") == "true");
  CHECK(apply_post(Post::promoted_label, "Anzeige") == "true");            // de, doc 2.2 (E4 de fixture)
  CHECK(apply_post(Post::promoted_label, "Sponsoris\xC3\xA9") == "true");  // fr
  CHECK(apply_post(Post::promoted_label, "Promu(e)") == "true");           // fr, as the doc prints it
  CHECK(apply_post(Post::promoted_label, "promocionado") == "true");       // es
  CHECK(apply_post(Post::promoted_label, "Easy Apply") == "");
  CHECK(apply_post(Post::promoted_label, "Promotion manager") == "");
  CHECK(apply_post(Post::applied_label, "Applied") == "true");
  CHECK(apply_post(Post::applied_label, "Applied 3 days ago") == "true");
  CHECK(apply_post(Post::applied_label, "Application submitted") == "true");
  CHECK(apply_post(Post::applied_label, "Viewed") == "");
  CHECK(apply_post(Post::applied_label, "Saved") == "");
  CHECK(apply_post(Post::easy_apply_label, "\n  Easy Apply\n") == "true");
  CHECK(apply_post(Post::easy_apply_label, "Apply") == "");
  // The seven languages the filters promise: en, de, fr, es, pt, it, nl.
  for (const char* promoted : {"Promovida", "Promosso", "Gepromoot"})
    CHECK(apply_post(Post::promoted_label, promoted) == "true");
  for (const char* applied : {"Beworben", "Bewerbung gesendet",
                              "Candidature envoy\xC3\xA9"
                              "e",
                              "Solicitado", "Candidatou-se", "Candidatura inviata", "Gesolliciteerd"})
    CHECK(apply_post(Post::applied_label, applied) == "true");
  for (const char* easy :
       {"Einfach bewerben",
        "Candidature simplifi\xC3\xA9"
        "e",
        "Solicitud sencilla", "Candidatura simplificada", "Candidatura semplice", "Makkelijk solliciteren"})
    CHECK(apply_post(Post::easy_apply_label, easy) == "true");
  // Not in any source we have, so deliberately not matched (fixture README "Gaps" 1).
  CHECK_FALSE(matches_label(Flag::promoted, "Gesponsert"));
  CHECK_FALSE(matches_label(Flag::applied, "Bewerbung"));
  for (Flag f : {Flag::promoted, Flag::applied, Flag::easy_apply}) CHECK_FALSE(labels(f).empty());
  for (int i = 0; i < kPostCount; ++i) CHECK_FALSE(to_string(static_cast<Post>(i)).empty());
}

namespace {
PageSignals signals(std::string_view path, std::initializer_list<Marker> on) {
  PageSignals s;
  s.url_path = path;
  for (Marker m : on) s.set(m);
  return s;
}
}  // namespace

TEST_CASE("layout: markers are listed in id order") {
  REQUIRE(markers().size() == kMarkerCount);
  for (std::size_t i = 0; i < kMarkerCount; ++i) CHECK(static_cast<std::size_t>(markers()[i].id) == i);
}

TEST_CASE("layout: detection on the fixture pages") {
  using M = Marker;
  // tests/fixtures/linkedin/e1/search.html: .jobs-search-results-list, li.jobs-search-results__list-item
  // [data-occludable-job-id], div.job-card-container, old top card (h2, no h1),
  // .jobs-search__job-details--container.
  const PageSignals e1 = signals("/jobs/search/", {M::occludable_item, M::classic_card, M::results_list,
                                                   M::legacy_list_item, M::top_card_e1, M::classic_detail});
  CHECK(detect_layout(e1) == Layout::e1);
  CHECK(detection_rule(e1) == 3);
  // tests/fixtures/linkedin/e3/search.html: hashed wrapper inside .scaffold-layout__list (the
  // jobs-search-results-list__subtitle decoy is not the class), job-details-* top card with the only h1.
  const PageSignals e3 = signals("/jobs/search/", {M::main_h1, M::occludable_item, M::classic_card,
                                                   M::scaffold_list, M::top_card_e2, M::classic_detail});
  CHECK(detect_layout(e3) == Layout::e3);
  // tests/fixtures/linkedin/e4/search-results.xhtml and search-results.de.xhtml (same markers; the de page
  // lacks data-view-name, which is not a marker): SDUI screen and components, LazyColumn, card componentkeys.
  const PageSignals e4 =
      signals("/jobs/search-results/", {M::sdui_screen, M::sdui_component, M::sdui_job_card, M::lazy_column});
  CHECK(detect_layout(e4) == Layout::e4);
  CHECK(detection_rule(e4) == 1);
  // tests/fixtures/linkedin/e4/job-view.xhtml: JobDetails screen, no cards, no h1.
  CHECK(detect_layout(signals("/jobs/view/4100000003/", {M::sdui_screen, M::sdui_component})) == Layout::e4);
  // tests/fixtures/linkedin/guest/search.html: base-card cards in ul.jobs-search__results-list, no h1 in
  // main.
  const PageSignals g = signals("/jobs/search", {M::guest_card, M::guest_results_list});
  CHECK(detect_layout(g) == Layout::guest);
  CHECK(detection_rule(g) == 2);
  // tests/fixtures/linkedin/guest/job-view.html: section.top-card-layout with h1.
  CHECK(detect_layout(signals("/jobs/view/security-engineer-at-harbourline-4012345680",
                              {M::main_h1, M::guest_top_card})) == Layout::guest);
  // tests/fixtures/linkedin/guest/see-more-jobs-start-10.html: bare <li>s (no main, no list root).
  CHECK(detect_layout(signals("/jobs-guest/jobs/api/seeMoreJobPostings/search", {M::guest_card})) ==
        Layout::guest);
}

TEST_CASE("layout: the doc's caveats") {
  using M = Marker;
  // "main has no h1 -> E4" must not fire on E1 (h2 title) or the guest search page: covered above.
  // It still applies on SDUI paths before any hook has rendered:
  const PageSignals bare = signals("/jobs/search-results/", {});
  CHECK(detect_layout(bare) == Layout::e4);
  CHECK(detection_rule(bare) == 4);
  CHECK(detect_layout(signals("/jobs/search-results/", {M::main_h1})) == Layout::unknown);
  CHECK(detect_layout(signals("/jobs/search/", {})) == Layout::unknown);
  CHECK(detect_layout(signals("/feed/", {})) == Layout::unknown);
  // E2: the list root survives and the top card is the job-details-* one (renamed 2023-11-26).
  CHECK(detect_layout(signals("/jobs/search/", {M::occludable_item, M::results_list, M::legacy_list_item,
                                                M::top_card_e2, M::classic_detail})) == Layout::e2);
  // E1 vs E2 undecidable (no top card rendered yet): e2, whose chains carry the E1 steps.
  CHECK(detect_layout(signals("/jobs/search/", {M::occludable_item, M::results_list})) == Layout::e2);
  // Classic standalone /jobs/view/<id>/ (E2/E3 top card, no list): e3.
  CHECK(detect_layout(signals("/jobs/view/4038498138/", {M::main_h1, M::top_card_e2, M::classic_detail})) ==
        Layout::e3);
  // SDUI wins over classic leftovers (two layouts can be live on one account, 2.0).
  CHECK(detect_layout(signals("/jobs/search-results/", {M::sdui_screen, M::classic_card})) == Layout::e4);
}

TEST_CASE("selectors: JSON has every layout, field and marker") {
  const auto j = rules_to_json();
  CHECK(j["version"] == std::string(kRulesVersion));
  CHECK(j["markers"].size() == kMarkerCount);
  CHECK(j["fields"].size() == std::size(kFields));
  CHECK(j["labels"]["promoted"].size() == labels(Flag::promoted).size());
  for (Layout l : kLayouts) {
    const std::string lname(to_string(l));
    REQUIRE(j["layouts"].contains(lname));
    for (Field f : kFields) {
      const std::string fname(to_string(f));
      CAPTURE(lname);
      CAPTURE(fname);
      const auto& steps = j["layouts"][lname]["fields"][fname];
      REQUIRE(steps.is_array());
      CHECK(steps.size() == chain(l, f).size());
      for (const auto& st : steps) {
        CHECK(st.contains("selector"));
        CHECK(st.contains("read"));
        CHECK(st.contains("post"));
        CHECK(st.contains("attr") == (st["read"] == "attr"));
      }
    }
  }
  const auto& first = j["layouts"]["guest"]["fields"]["job_id"][0];
  CHECK(first["selector"] == "[data-entity-urn]");
  CHECK(first["attr"] == "data-entity-urn");
  CHECK(first["post"] == "digits_from_urn");
  CHECK(first["self"] == true);
  const std::string s = rules_json_string();
  CHECK(s.rfind("{\"version\":\"", 0) == 0);
  CHECK(s.find("\"e4\":{\"fields\":{\"card\":[{\"selector\":") != std::string::npos);
}
