// The page adapter's half in the core: selector rules for the content script, layout detection from
// its marker signals, and turning raw DOM reads into fields, selector health and scores (see
// docs/extension.md "Raw fields"). JSON in, JSON out, like api.cpp.
#include <string>
#include <string_view>

#include "shared/selectors/layout.hpp"
#include "shared/selectors/resolve.hpp"
#include "shared/selectors/rules_json.hpp"
#include "shared/text/normalize.hpp"
#include "shared/wire/score_result.hpp"
#include "wasm/api_support.hpp"

namespace {

namespace sel = joblens::selectors;
using joblens::ErrorCode;
using joblens::make_error;
using joblens::wasm::error_json;
using joblens::wasm::json;       // replies (ordered keys)
using in_json = nlohmann::json;  // requests, as model::parse_json reads them

// The badge's tooltip shows this many reasons; the full list is in the panel.
constexpr std::size_t kBadgeReasons = 3;
// A card string longer than this is not a card field (content scripts cap at 2,000 characters).
constexpr std::size_t kMaxRawString = 100'000;

// JSON access that cannot throw (this file is built without exceptions, see CMakeLists.txt): a member
// of an object, or a shared empty value; never a copy.
const in_json& member(const in_json& j, std::string_view key) {
  static const in_json kNone;
  if (!j.is_object()) return kNone;
  auto it = j.find(key);
  return it == j.end() ? kNone : *it;
}

std::string as_string(const in_json& j) {
  return j.is_string() ? j.get_ref<const std::string&>() : std::string();
}

// {"field": [["step 0 string", ...], [...]]} -> RawChain for one field. Anything malformed reads as
// "this step found nothing", so one odd field never costs the whole card.
sel::RawChain raw_chain(const in_json& raw, std::string_view field) {
  sel::RawChain chain;
  auto it = raw.find(field);
  if (it == raw.end() || !it->is_array()) return chain;
  for (const in_json& step : *it) {
    auto& strings = chain.emplace_back();
    if (!step.is_array()) continue;
    for (const in_json& s : step)
      if (s.is_string() && s.get_ref<const std::string&>().size() <= kMaxRawString)
        strings.push_back(joblens::text::sanitize_utf8(s.get_ref<const std::string&>()));
  }
  return chain;
}

sel::Layout layout_arg(const in_json& j) {
  auto layout = sel::layout_from_string(as_string(member(j, "layout")));
  return layout ? *layout : sel::Layout::unknown;
}

sel::FieldValues read_fields(sel::Layout layout, const in_json& raw,
                             std::initializer_list<sel::Field> fields) {
  sel::FieldValues values;
  if (!raw.is_object()) return values;
  for (sel::Field f : fields) sel::resolve_into(layout, f, raw_chain(raw, sel::to_string(f)), values);
  return values;
}

json steps_json(const sel::FieldValues& values, std::initializer_list<sel::Field> fields) {
  json steps = json::object();
  for (sel::Field f : fields) steps[std::string(sel::to_string(f))] = values[f].step;
  return steps;
}

constexpr std::initializer_list<sel::Field> kCardFields = {
    sel::Field::job_id,   sel::Field::title,     sel::Field::company,
    sel::Field::location, sel::Field::workplace, sel::Field::salary,
    sel::Field::promoted, sel::Field::applied,   sel::Field::easy_apply};
constexpr std::initializer_list<sel::Field> kDetailFields = {sel::Field::detail_job_id,
                                                             sel::Field::description};

json card_result(const std::string& key, const sel::FieldValues& v, std::int64_t now_ms) {
  json out = json::object();
  out["key"] = key;
  for (sel::Field f : {sel::Field::job_id, sel::Field::title, sel::Field::company, sel::Field::location,
                       sel::Field::workplace, sel::Field::salary})
    if (!v[f].value.empty()) out[std::string(sel::to_string(f))] = v[f].value;
  out["promoted"] = v.flag(sel::Field::promoted);
  out["applied"] = v.flag(sel::Field::applied);
  out["easy_apply"] = v.flag(sel::Field::easy_apply);
  out["steps"] = steps_json(v, kCardFields);
  if (v[sel::Field::job_id].value.empty() || v[sel::Field::title].value.empty()) {
    out["error"] = error_json(make_error(ErrorCode::missing_field, v[sel::Field::job_id].value.empty()
                                                                       ? "the card's job id was not found"
                                                                       : "the card's title was not found"));
    return out;
  }
  auto& s = joblens::wasm::state();
  if (!s.view) return out;  // no profile yet: fields and health only
  const auto result = s.engine->score_cached(sel::card_job(v), *s.view, now_ms);
  const joblens::wire::ScoreResult& r = *result;
  out["score"] = r.score;
  out["badge"] = r.badge;
  json reasons = json::array();
  for (std::size_t i = 0; i < r.reasons.size() && i < kBadgeReasons; ++i) reasons.push_back(r.reasons[i]);
  out["reasons"] = std::move(reasons);
  out["capped"] = r.capped;
  return out;
}

// The open job as the scorer sees it: the description from the pane, the rest from the selected card
// when the list shows it, else from the document title (standalone /jobs/view/ pages).
joblens::model::Job detail_job(const in_json& req, const sel::FieldValues& v, const std::string& id) {
  joblens::model::Job job;
  job.id = id;
  job.description = v[sel::Field::description].value;
  const in_json& card = member(req, "card");
  if (card.is_object()) {
    job.title = as_string(member(card, "title"));
    job.company = as_string(member(card, "company"));
    job.location = as_string(member(card, "location"));
    if (auto s = as_string(member(card, "salary")); !s.empty()) job.salary = s;
    if (auto w = as_string(member(card, "workplace")); !w.empty()) job.workplace = w;
  }
  if (auto parts = sel::parse_document_title(as_string(member(req, "document_title")))) {
    if (job.title.empty()) job.title = parts->title;
    if (job.company.empty()) job.company = parts->company;
    if (job.location.empty()) job.location = parts->location;
  }
  return job;
}

}  // namespace

using joblens::wasm::ensure_engine;
using joblens::wasm::error_reply;
using joblens::wasm::guarded;
using joblens::wasm::reply;
using joblens::wasm::to_c_string;

extern "C" {

// Every marker, field and chain, with the rule-set version (docs/selectors.md, JSON shape).
char* jl_rules() {
  return guarded([] { return to_c_string(sel::rules_json_string()); });
}

// {"url": "https://…/jobs/search/?…", "signals": ["occludable_item", …]} -> {"layout", "rule"}.
char* jl_detect_layout(const char* request_json) {
  return guarded([&] {
    auto req = joblens::model::parse_json_quiet(request_json ? request_json : "");
    if (!req) return error_reply(req.error());
    if (!req->is_object()) return error_reply(make_error(ErrorCode::wrong_type, "request must be an object"));
    const std::string url = as_string(member(*req, "url"));
    // The path: after the origin, before the query.
    std::string_view path = url;
    if (auto scheme = path.find("://"); scheme != std::string_view::npos) {
      path.remove_prefix(scheme + 3);
      path.remove_prefix(std::min(path.size(), path.find('/')));
    }
    path = path.substr(0, path.find_first_of("?#"));
    sel::PageSignals signals{path, {}};
    const in_json& names = member(*req, "signals");
    for (const auto& m : sel::markers())
      for (const in_json& n : names)
        if (n.is_string() && n.get_ref<const std::string&>() == m.name) signals.set(m.id);
    return reply(json{{"layout", sel::to_string(sel::detect_layout(signals))},
                      {"rule", sel::detection_rule(signals)}});
  });
}

// {"layout", "cards": [{"key", "raw": {field: [[…]]}}]} -> {"cards": [CardResult]} (fields, steps,
// and the score when a profile is set; see extension/src/common/messages.ts).
char* jl_page_cards(const char* request_json, double now_ms) {
  return guarded([&] {
    if (auto e = ensure_engine()) return error_reply(*e);
    auto req = joblens::model::parse_json_quiet(request_json ? request_json : "");
    if (!req) return error_reply(req.error());
    if (!req->is_object() || !member(*req, "cards").is_array())
      return error_reply(make_error(ErrorCode::wrong_type, "request must be {layout, cards: [...]}"));
    const sel::Layout layout = layout_arg(*req);
    json cards = json::array();
    for (const in_json& card : member(*req, "cards")) {
      if (!card.is_object()) continue;
      const auto values = read_fields(layout, member(card, "raw"), kCardFields);
      cards.push_back(card_result(as_string(member(card, "key")), values, static_cast<std::int64_t>(now_ms)));
    }
    return reply(json{{"cards", std::move(cards)}});
  });
}

// {"layout", "url", "raw": {detail_job_id, description}, "card"?: {title, company, …},
//  "document_title"?} -> {"stale", "job_id", "steps", "job", "result"?}. Stale: the pane still shows
// another job than the URL names (docs/selectors.md, stale-pane guard); wait and read again.
char* jl_page_detail(const char* request_json, double now_ms) {
  return guarded([&] {
    if (auto e = ensure_engine()) return error_reply(*e);
    auto req = joblens::model::parse_json_quiet(request_json ? request_json : "");
    if (!req) return error_reply(req.error());
    if (!req->is_object()) return error_reply(make_error(ErrorCode::wrong_type, "request must be an object"));
    const auto values = read_fields(layout_arg(*req), member(*req, "raw"), kDetailFields);
    const std::string url_id = sel::job_id_from_url(as_string(member(*req, "url")));
    const std::string& pane_id = values[sel::Field::detail_job_id].value;
    const std::string id = url_id.empty() ? pane_id : url_id;
    json out{{"stale", !url_id.empty() && !pane_id.empty() && pane_id != url_id},
             {"job_id", id},
             {"steps", steps_json(values, kDetailFields)}};
    if (out["stale"].get<bool>() || id.empty() || values[sel::Field::description].value.empty())
      return reply(out);
    const auto job = detail_job(*req, values, id);
    out["job"] = json(joblens::model::to_json(job));  // the job as scored, for the panel and tests
    auto& s = joblens::wasm::state();
    if (s.view)
      out["result"] =
          joblens::wire::to_json(*s.engine->score_cached(job, *s.view, static_cast<std::int64_t>(now_ms)));
    return reply(out);
  });
}

}  // extern "C"
