#include "shared/selectors/resolve.hpp"

#include "shared/selectors/post_process.hpp"

namespace joblens::selectors {

Resolved resolve(std::span<const Step> chain, const RawChain& raw) {
  const std::size_t steps = std::min(chain.size(), raw.size());
  for (std::size_t i = 0; i < steps; ++i) {
    for (const std::string& candidate : raw[i]) {
      std::string value = apply_post(chain[i].post, candidate);
      if (!value.empty()) return {std::move(value), static_cast<int>(i)};
    }
  }
  return {};
}

void resolve_into(Layout layout, Field field, const RawChain& raw, FieldValues& out) {
  out[field] = resolve(chain(layout, field), raw);
}

model::Job card_job(const FieldValues& card) {
  model::Job job;
  job.id = card[Field::job_id].value;
  job.title = card[Field::title].value;
  job.company = card[Field::company].value;
  job.location = card[Field::location].value;
  if (!card[Field::salary].value.empty()) job.salary = card[Field::salary].value;
  if (!card[Field::workplace].value.empty()) job.workplace = card[Field::workplace].value;
  return job;
}

namespace {

std::vector<std::string_view> split_bars(std::string_view s) {
  std::vector<std::string_view> parts;
  for (;;) {
    const std::size_t bar = s.find(" | ");
    parts.push_back(trim_view(s.substr(0, bar)));
    if (bar == std::string_view::npos) return parts;
    s.remove_prefix(bar + 3);
  }
}

// "(3) Title" -> "Title": LinkedIn prefixes the unread-notification count.
std::string_view drop_notification_count(std::string_view s) {
  if (s.size() < 4 || s.front() != '(') return s;
  std::size_t i = 1;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  if (i == 1 || i + 1 >= s.size() || s[i] != ')' || s[i + 1] != ' ') return s;
  return s.substr(i + 2);
}

}  // namespace

std::optional<TitleParts> parse_document_title(std::string_view document_title) {
  auto parts = split_bars(drop_notification_count(trim_view(document_title)));
  if (parts.empty() || parts.back() != "LinkedIn") return std::nullopt;
  parts.pop_back();
  if (parts.size() >= 2 && !parts[0].empty() && !parts[1].empty())
    return TitleParts{squash(parts[0]), squash(parts[1]), {}};
  if (parts.size() != 1) return std::nullopt;
  // Guest: "<Company> hiring <Title> in <Location>".
  const std::string_view one = parts[0];
  const std::size_t hiring = one.find(" hiring ");
  if (hiring == std::string_view::npos || hiring == 0) return std::nullopt;
  std::string_view rest = one.substr(hiring + 8);
  const std::size_t in = rest.rfind(" in ");
  TitleParts out{squash(rest.substr(0, in)), squash(one.substr(0, hiring)), {}};
  if (in != std::string_view::npos) out.location = squash(rest.substr(in + 4));
  if (out.title.empty()) return std::nullopt;
  return out;
}

std::string job_id_from_url(std::string_view url) {
  // currentJobId wins: on a search page the path does not name the job.
  for (std::string_view key : {"?currentJobId=", "&currentJobId="}) {
    const std::size_t at = url.find(key);
    if (at == std::string_view::npos) continue;
    std::string id;
    for (std::size_t i = at + key.size(); i < url.size() && url[i] >= '0' && url[i] <= '9'; ++i) id += url[i];
    if (!id.empty()) return id;
  }
  const std::size_t query = url.find_first_of("?#");
  return job_id_from_href(url.substr(0, query));
}

}  // namespace joblens::selectors
