// selectors.report / selectors.health: which step of each field's selector chain matched on the
// pages the person opened, so that a LinkedIn markup change shows up as data, not as empty badges.
#include "native-host/dispatch/dispatcher.hpp"

namespace joblens::host {

namespace {

using nlohmann::json;

constexpr std::size_t kMaxFields = 200;

// args.fields: [{field, step}] where step is the matching selector's index in the chain, -1 for none.
Result<json> selectors_report(Context& context, const json& args) {
  const std::string layout = args.at("layout").get<std::string>();
  const json& fields = args.at("fields");
  if (fields.size() > kMaxFields) {
    return make_error(ErrorCode::too_large,
                      "selectors.report: at most " + std::to_string(kMaxFields) + " fields");
  }
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const json& f = fields[i];
    if (!f.is_object() || !f.contains("field") || !f["field"].is_string() || !f.contains("step") ||
        !f["step"].is_number_integer() || f["step"].get<std::int64_t>() < -1) {
      return make_error(ErrorCode::invalid_value, "selectors.report: fields[" + std::to_string(i) +
                                                      "] must be {field: string, step: integer >= -1}");
    }
  }
  auto tx = storage::Transaction::begin(context.db);
  if (!tx) return tx.error();
  const std::int64_t now = context.now_ms();
  auto stmt = context.db.prepare(
      "INSERT INTO selector_reports (layout, field, step, hits, first_at, last_at) VALUES (?1, ?2, ?3, 1, "
      "?4, ?4) "
      "ON CONFLICT(layout, field, step) DO UPDATE SET hits = hits + 1, last_at = ?4");
  if (!stmt) return stmt.error();
  for (const json& f : fields) {
    (*stmt)
        ->bind(1, layout)
        .bind(2, f["field"].get<std::string>())
        .bind(3, f["step"].get<std::int64_t>())
        .bind(4, now);
    if (auto error = (*stmt)->run()) return *error;
    (*stmt)->reset();
  }
  if (auto error = (*tx)->commit()) return *error;
  return json{{"recorded", fields.size()}};
}

Result<json> selectors_health(Context& context, const json& args) {
  auto stmt = context.db.prepare(
      "SELECT layout, field, step, hits, last_at FROM selector_reports WHERE ?1 IS NULL OR layout = ?1 "
      "ORDER BY layout, field, step");
  if (!stmt) return stmt.error();
  (*stmt)->bind(1, arg_optional_string(args, "layout"));
  json fields = json::array();
  for (;;) {
    auto row = (*stmt)->step();
    if (!row) return row.error();
    if (!*row) break;
    const std::string layout = (*stmt)->text(0), field = (*stmt)->text(1);
    if (fields.empty() || fields.back()["layout"] != layout || fields.back()["field"] != field) {
      fields.push_back({{"layout", layout},
                        {"field", field},
                        {"steps", json::array()},
                        {"failures", 0},
                        {"first_choice_rate", 0.0}});
    }
    json& entry = fields.back();
    const std::int64_t step = (*stmt)->int64(2), hits = (*stmt)->int64(3);
    if (step < 0) entry["failures"] = hits;
    entry["steps"].push_back({{"step", step}, {"hits", hits}, {"last_at", (*stmt)->int64(4)}});
  }
  // The share of reports where the first choice matched: below 1, LinkedIn changed something.
  for (json& entry : fields) {
    std::int64_t total = 0, first = 0;
    for (const json& s : entry["steps"]) {
      total += s["hits"].get<std::int64_t>();
      if (s["step"] == 0) first = s["hits"].get<std::int64_t>();
    }
    entry["first_choice_rate"] = total ? static_cast<double>(first) / static_cast<double>(total) : 0.0;
  }
  return json{{"fields", fields}};
}

constexpr ArgSpec kReportArgs[] = {
    {"layout", Kind::string, true}, {"fields", Kind::array, true}, {"url", Kind::string}};
constexpr ArgSpec kHealthArgs[] = {{"layout", Kind::string}};

constexpr Route kRoutes[] = {
    {"selectors.report", selectors_report, kReportArgs, "records which selector step matched per field"},
    {"selectors.health", selectors_health, kHealthArgs, "per layout and field: hits by step, failures"},
};

}  // namespace

std::span<const Route> selector_routes() { return kRoutes; }

}  // namespace joblens::host
