#include <doctest/doctest.h>

#include <string>

#include "shared/selectors/resolve.hpp"
#include "shared/selectors/rules_json.hpp"

using namespace joblens::selectors;

TEST_CASE("resolve: the first step whose post-processed string is non-empty wins, with its index") {
  // E3 company: step 0 reads the subtitle's visible child; step 1 the whole subtitle.
  const auto chain_ = chain(Layout::e3, Field::company);
  REQUIRE(chain_.size() >= 2);
  auto r = resolve(chain_, {{}, {"Acme Data · Berlin, Germany (Hybrid)"}});
  CHECK(r.value == "Acme Data");
  CHECK(r.step == 1);
  r = resolve(chain_, {{"  Kestrel Analytics  "}, {"other"}});
  CHECK(r.value == "Kestrel Analytics");
  CHECK(r.step == 0);
}

TEST_CASE("resolve: each_text tries every string of a step; a step the post rejects falls through") {
  const auto salary = chain(Layout::e3, Field::salary);
  auto r = resolve(salary, {{"Berlin", "$120K/yr - $150K/yr", "1 benefit"}});
  CHECK(r.value == "$120K/yr - $150K/yr");
  CHECK(r.step == 0);
  r = resolve(salary, {{"Berlin"}, {"Hybrid"}, {}});
  CHECK(r.step == -1);
  CHECK(r.value.empty());
}

TEST_CASE("resolve: flags become \"true\" from localised labels; missing and extra steps are harmless") {
  FieldValues v;
  resolve_into(Layout::e4, Field::promoted, {{"Easy Apply", "Anzeige"}}, v);
  CHECK(v.flag(Field::promoted));
  CHECK(v[Field::promoted].step == 0);
  resolve_into(Layout::e4, Field::applied, {{"Easy Apply"}, {}, {"Applied"}, {"Applied"}}, v);
  CHECK_FALSE(v.flag(Field::applied));  // the e4 applied chain has two steps; a third raw step is ignored
  resolve_into(Layout::unknown, Field::title, {{"Engineer"}}, v);
  CHECK(v[Field::title].step == -1);  // no chain for an unknown layout
}

TEST_CASE("card_job: the scorer's card from resolved fields; optional fields only when stated") {
  FieldValues v;
  v[Field::job_id] = {"4038498138", 0};
  v[Field::title] = {"Site Reliability Engineer", 0};
  v[Field::company] = {"Tidewater", 1};
  v[Field::location] = {"Pune, India", 0};
  auto job = card_job(v);
  CHECK(job.id == "4038498138");
  CHECK(job.company == "Tidewater");
  CHECK_FALSE(job.salary.has_value());
  CHECK_FALSE(job.workplace.has_value());
  v[Field::workplace] = {"remote", 0};
  v[Field::salary] = {"₹30L/yr - ₹45L/yr", 0};
  job = card_job(v);
  CHECK(*job.workplace == "remote");
  CHECK(*job.salary == "₹30L/yr - ₹45L/yr");
}

TEST_CASE("parse_document_title: job pages, guest pages, notification counts; search pages yield nothing") {
  auto t = parse_document_title("(3) Senior Backend Engineer | Nordlicht Mobility GmbH | LinkedIn");
  REQUIRE(t);
  CHECK(t->title == "Senior Backend Engineer");
  CHECK(t->company == "Nordlicht Mobility GmbH");
  t = parse_document_title(
      "Harbourline hiring Security Engineer in Dublin, County Dublin, Ireland | LinkedIn");
  REQUIRE(t);
  CHECK(t->company == "Harbourline");
  CHECK(t->title == "Security Engineer");
  CHECK(t->location == "Dublin, County Dublin, Ireland");
  CHECK_FALSE(parse_document_title("Backend Engineer Jobs in Germany | LinkedIn"));
  CHECK_FALSE(parse_document_title("Senior Engineer | Acme"));
  CHECK_FALSE(parse_document_title(""));
}

TEST_CASE("job_id_from_url: currentJobId wins over the path; /jobs/view/ with and without a slug") {
  CHECK(
      job_id_from_url("https://www.linkedin.com/jobs/search/?keywords=x&currentJobId=4038498138&start=25") ==
      "4038498138");
  CHECK(job_id_from_url("https://www.linkedin.com/jobs/collections/recommended/?currentJobId=42") == "42");
  CHECK(job_id_from_url("https://www.linkedin.com/jobs/view/4100000003/") == "4100000003");
  CHECK(job_id_from_url(
            "https://ie.linkedin.com/jobs/view/security-engineer-at-harbourline-4012345680?pos=1") ==
        "4012345680");
  CHECK(job_id_from_url("https://www.linkedin.com/jobs/search/?keywords=x").empty());
  CHECK(job_id_from_url("https://www.linkedin.com/jobs/search/?currentJobId=&x=1").empty());
}

TEST_CASE("post_keeps_nonblank: those posts never empty a value with a non-space character") {
  const char* inputs[] = {"x",        "  Engineer ", "\n\nA\n", "(Remote)", " · ",
                          "\xC2\xA0", "€",           "0",       "a\tb",     "((("};
  int keeping = 0;
  for (int i = 0; i < kPostCount; ++i) {
    const auto p = static_cast<Post>(i);
    if (!post_keeps_nonblank(p)) continue;
    ++keeping;
    for (const char* in : inputs) CHECK_MESSAGE(!apply_post(p, in).empty(), to_string(p), " emptied ", in);
  }
  CHECK(keeping == 5);
  // Rejecting rules are not marked, or the content script would skip steps that could win.
  for (Post p : {Post::salary, Post::promoted_label, Post::job_id_from_href, Post::company, Post::location,
                 Post::strip_verified_suffix, Post::strip_visually_hidden_duplicate})
    CHECK_FALSE(post_keeps_nonblank(p));
}

TEST_CASE("rules JSON: \"stop\" marks exactly the steps that end their chain when they read something") {
  const auto j = rules_to_json();
  const auto& title = j["layouts"]["e3"]["fields"]["title"];
  CHECK(title[0].value("stop", false));  // text + squash
  const auto& salary = j["layouts"]["e3"]["fields"]["salary"];
  for (const auto& st : salary) CHECK_FALSE(st.value("stop", false));  // each_text + salary
  const auto& easy = j["layouts"]["e3"]["fields"]["easy_apply"];
  CHECK(easy[0].value("stop", false));  // presence
  for (const auto& st : j["layouts"]["e3"]["fields"]["card"]) CHECK_FALSE(st.value("stop", false));
}
