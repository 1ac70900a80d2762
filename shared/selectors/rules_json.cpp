#include "shared/selectors/rules_json.hpp"

#include "shared/selectors/layout.hpp"
#include "shared/selectors/post_process.hpp"
#include "shared/selectors/rules.hpp"

namespace joblens::selectors {
namespace {

using json = nlohmann::ordered_json;

std::string str(std::string_view s) { return std::string(s); }

json step_json(const Step& st) {
  json j = json::object();
  j["selector"] = str(st.selector);
  j["read"] = str(to_string(st.read));
  if (!st.attr.empty()) j["attr"] = str(st.attr);
  j["post"] = str(to_string(st.post));
  if (st.self) j["self"] = true;
  // presence/absence yield "true" or nothing; text/attr/longest one string: all final when non-blank
  // under a keeping post. each_text is not: its strings are candidates, tried in order.
  if (post_keeps_nonblank(st.post) && st.read != Read::each_text && st.read != Read::elements)
    j["stop"] = true;
  return j;
}

}  // namespace

nlohmann::ordered_json rules_to_json() {
  json root = json::object();
  root["version"] = str(kRulesVersion);

  json ms = json::array();
  for (const MarkerDef& m : markers()) ms.push_back(json{{"id", str(m.name)}, {"selector", str(m.selector)}});
  root["markers"] = std::move(ms);

  json fields = json::array();
  for (Field f : kFields)
    fields.push_back(json{{"id", str(to_string(f))},
                          {"scope", str(to_string(field_scope(f)))},
                          {"optional", field_optional(f)}});
  root["fields"] = std::move(fields);

  json labels_json = json::object();
  for (Flag f : {Flag::promoted, Flag::applied, Flag::easy_apply}) {
    json list = json::array();
    for (const Label& l : labels(f)) list.push_back(json{{"lang", str(l.lang)}, {"text", str(l.text)}});
    labels_json[str(to_string(f))] = std::move(list);
  }
  root["labels"] = std::move(labels_json);

  json layouts = json::object();
  for (Layout l : kLayouts) {
    json fs = json::object();
    for (const FieldRules& r : layout_rules(l)) {
      json steps = json::array();
      for (const Step& st : r.chain) steps.push_back(step_json(st));
      fs[str(to_string(r.field))] = std::move(steps);
    }
    layouts[str(to_string(l))] = json{{"fields", std::move(fs)}};
  }
  root["layouts"] = std::move(layouts);
  return root;
}

std::string rules_json_string() {
  return rules_to_json().dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace joblens::selectors
