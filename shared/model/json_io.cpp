#include "shared/model/json_io.hpp"

#include <xxhash.h>
#include <array>
#include <cstdio>

#include "shared/text/normalize.hpp"

namespace joblens::model {

// Found without building anything, so that a hostile 10,000-deep document is rejected before the
// parser recurses into it.
int json_nesting_depth(std::string_view text) {
  int depth = 0, deepest = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
      continue;
    }
    if (c == '"')
      in_string = true;
    else if (c == '[' || c == '{')
      deepest = std::max(deepest, ++depth);
    else if (c == ']' || c == '}')
      --depth;
  }
  return deepest;
}

namespace {

using nlohmann::json;

// Each reader leaves `out` untouched when the field is absent or null.
std::optional<Error> read_string(const json& j, const char* field, std::string& out, bool required = false) {
  auto it = j.find(field);
  if (it == j.end() || it->is_null()) {
    if (required) return missing_field(field);
    return std::nullopt;
  }
  if (!it->is_string()) return wrong_type(field, "a string");
  out = it->get<std::string>();
  return std::nullopt;
}

std::optional<Error> read_optional_string(const json& j, const char* field, std::optional<std::string>& out) {
  std::string value;
  auto it = j.find(field);
  if (it == j.end() || it->is_null()) return std::nullopt;
  if (auto e = read_string(j, field, value)) return e;
  out = std::move(value);
  return std::nullopt;
}

std::optional<Error> read_number(const json& j, const char* field, std::optional<double>& out) {
  auto it = j.find(field);
  if (it == j.end() || it->is_null()) return std::nullopt;
  if (!it->is_number()) return wrong_type(field, "a number");
  const double value = it->get<double>();
  if (value < 0 || value > 1e12)
    return make_error(ErrorCode::invalid_value, std::string("field `") + field + "` is out of range");
  out = value;
  return std::nullopt;
}

std::optional<Error> read_strings(const json& j, const char* field, std::vector<std::string>& out) {
  auto it = j.find(field);
  if (it == j.end() || it->is_null()) return std::nullopt;
  if (!it->is_array()) return wrong_type(field, "an array of strings");
  for (const auto& v : *it) {
    if (!v.is_string()) return wrong_type(field, "an array of strings");
    out.push_back(v.get<std::string>());
  }
  return std::nullopt;
}

std::optional<Error> read_skills(const json& j, std::vector<ProfileSkill>& out) {
  auto it = j.find("skills");
  if (it == j.end() || it->is_null()) return std::nullopt;
  if (!it->is_array()) return wrong_type("skills", "an array");
  for (const auto& v : *it) {
    ProfileSkill skill;
    if (v.is_string()) {  // a bare name is accepted: ["Python", "SQL"]
      skill.name = v.get<std::string>();
    } else if (v.is_object()) {
      if (auto e = read_string(v, "name", skill.name, true)) {
        e->message = "skills[]: " + e->message;
        return e;
      }
      if (auto e = read_number(v, "years", skill.years)) return e;
      if (auto e = read_optional_string(v, "level", skill.level)) return e;
    } else {
      return wrong_type("skills[]", "an object {name, years?, level?} or a string");
    }
    out.push_back(std::move(skill));
  }
  return std::nullopt;
}

std::optional<Error> read_money(const json& j, const char* field, std::optional<Money>& out) {
  auto it = j.find(field);
  if (it == j.end() || it->is_null()) return std::nullopt;
  if (!it->is_object()) return wrong_type(field, "an object {amount, currency, period}");
  Money money;
  std::optional<double> amount;
  if (auto e = read_number(*it, "amount", amount)) return e;
  if (!amount) return missing_field(std::string(field) + ".amount");
  money.amount = *amount;
  if (auto e = read_string(*it, "currency", money.currency)) return e;
  if (auto e = read_string(*it, "period", money.period)) return e;
  static constexpr const char* kPeriods[] = {"hour", "day", "week", "month", "year"};
  if (std::find(std::begin(kPeriods), std::end(kPeriods), money.period) == std::end(kPeriods))
    return make_error(ErrorCode::invalid_value,
                      std::string("field `") + field + ".period` must be hour, day, week, month or year");
  out = std::move(money);
  return std::nullopt;
}

std::string hex64(std::uint64_t v) {
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(v));
  return buffer;
}

}  // namespace

std::string_view to_string(RemotePreference p) {
  switch (p) {
    case RemotePreference::remote_only:
      return "remote_only";
    case RemotePreference::remote_or_hybrid:
      return "remote_or_hybrid";
    case RemotePreference::any:
      break;
  }
  return "any";
}

Result<Profile> profile_from_json(const json& j) {
  if (!j.is_object()) return wrong_type("profile", "a JSON object");
  Profile p;
  std::optional<std::string> remote, version;
  for (auto e :
       {read_string(j, "name", p.name), read_string(j, "headline", p.headline),
        read_strings(j, "titles", p.titles), read_number(j, "years_experience", p.years_experience),
        read_skills(j, p.skills), read_strings(j, "locations", p.locations),
        read_optional_string(j, "remote", remote), read_money(j, "salary_min", p.salary_min),
        read_strings(j, "languages", p.languages), read_optional_string(j, "seniority", p.seniority)})
    if (e) return *e;
  if (remote) {
    if (*remote == "remote_only")
      p.remote = RemotePreference::remote_only;
    else if (*remote == "remote_or_hybrid")
      p.remote = RemotePreference::remote_or_hybrid;
    else if (*remote == "any")
      p.remote = RemotePreference::any;
    else
      return make_error(ErrorCode::invalid_value,
                        "field `remote` must be remote_only, remote_or_hybrid or any");
  }
  if (auto it = j.find("work_authorization"); it != j.end() && !it->is_null()) {
    if (!it->is_object()) return wrong_type("work_authorization", "an object of booleans");
    for (const auto& [region, allowed] : it->items()) {
      if (!allowed.is_boolean()) return wrong_type("work_authorization." + region, "a boolean");
      p.work_authorization[region] = allowed.get<bool>();
    }
  }
  if (auto it = j.find("version"); it != j.end() && !it->is_null()) {
    if (it->is_string())
      p.version = it->get<std::string>();
    else if (it->is_number_integer())
      p.version = std::to_string(it->get<long long>());
    else
      return wrong_type("version", "a string or an integer");
  }
  if (p.version.empty()) {
    const std::string canonical = to_json(p).dump(-1, ' ', false, json::error_handler_t::replace);
    p.version = hex64(XXH3_64bits(canonical.data(), canonical.size()));
  }
  return p;
}

json to_json(const Profile& p) {
  json skills = json::array();
  for (const auto& s : p.skills) {
    json skill{{"name", s.name}};
    if (s.years) skill["years"] = *s.years;
    if (s.level) skill["level"] = *s.level;
    skills.push_back(std::move(skill));
  }
  json j{{"name", p.name},           {"headline", p.headline},
         {"titles", p.titles},       {"skills", skills},
         {"locations", p.locations}, {"remote", to_string(p.remote)},
         {"languages", p.languages}, {"work_authorization", p.work_authorization}};
  if (p.years_experience) j["years_experience"] = *p.years_experience;
  if (p.salary_min)
    j["salary_min"] = {{"amount", p.salary_min->amount},
                       {"currency", p.salary_min->currency},
                       {"period", p.salary_min->period}};
  if (p.seniority) j["seniority"] = *p.seniority;
  if (!p.version.empty()) j["version"] = p.version;
  return j;
}

Result<Job> job_from_json(const json& j, JobShape shape) {
  if (!j.is_object()) return job_not_an_object();
  JobFields fields;
  std::array<std::string, kJobFieldCount> digits;  // integers' text, alive while `fields` refers to it
  for (std::size_t f = 0; f < kJobFieldCount; ++f) {
    auto it = j.find(kJobFieldNames[f]);
    if (it == j.end() || it->is_null()) continue;
    if (it->is_string()) {
      fields[f] = {FieldKind::string, it->get_ref<const std::string&>()};
    } else if (it->is_number_integer()) {
      digits[f] = std::to_string(it->get<long long>());
      fields[f] = {FieldKind::integer, digits[f]};
    } else {
      fields[f] = {FieldKind::other, {}};
    }
  }
  return job_from_fields(fields, shape);
}

json to_json(const Job& job) {
  json j{{"id", job.id},
         {"title", job.title},
         {"company", job.company},
         {"location", job.location},
         {"description", job.description}};
  if (job.salary) j["salary"] = *job.salary;
  if (job.url) j["url"] = *job.url;
  if (job.workplace) j["workplace"] = *job.workplace;
  if (job.employment_type) j["employment_type"] = *job.employment_type;
  return j;
}

}  // namespace joblens::model
