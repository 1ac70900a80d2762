#include "shared/skills/taxonomy.hpp"

#include <algorithm>
#include <array>

#include "shared/text/tokenizer.hpp"

namespace joblens::skills {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> split(std::string_view s, std::string_view separator) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t at = s.find(separator, start);
    parts.push_back(
        trim(s.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start)));
    if (at == std::string_view::npos) return parts;
    start = at + separator.size();
  }
}

constexpr std::array<std::string_view, 5> kTechCategories{"programming_languages", "software", "data",
                                                          "cloud_devops", "security"};

Domain domain_of(std::string_view category) {
  if (std::find(kTechCategories.begin(), kTechCategories.end(), category) != kTechCategories.end())
    return Domain::tech;
  if (category == "healthcare") return Domain::health;
  if (category == "languages") return Domain::language;
  return Domain::business;
}

// A skill line as read, before names are resolved to ids.
struct RawSkill {
  std::string name;
  std::string_view category;
  std::vector<std::string_view> aliases;
  std::vector<std::string_view> implies;
  std::vector<std::string_view> vetoes;
  std::string where;  // "file:line" for error messages
};

struct Parts {
  std::vector<Skill> skills;
  std::vector<Alias> aliases;
  std::unordered_map<std::string, SkillId> by_phrase;
};

class Loader {
 public:
  std::optional<Error> run(std::span<const data::EmbeddedFile> files, Parts& parts) {
    for (const auto& file : files)
      if (auto error = read_file(file)) return error;
    return build(parts);
  }

 private:
  std::optional<Error> read_file(const data::EmbeddedFile& file) {
    std::string_view category;
    std::size_t line_number = 0;
    for (std::string_view line : split(file.content, "\n")) {
      ++line_number;
      std::string where(file.name);
      where.append(":").append(std::to_string(line_number));
      if (line.empty()) continue;
      if (line.front() == '#') {
        constexpr std::string_view kCategory = "# category:";
        if (category.empty() && line.substr(0, kCategory.size()) == kCategory)
          category = trim(line.substr(kCategory.size()));
        continue;
      }
      if (category.empty()) return fail(where, "a skill before the `# category:` line");
      const auto fields = split(line, " | ");
      RawSkill raw;
      raw.name = std::string(fields[0]);
      raw.category = category;
      raw.where = where;
      if (raw.name.empty()) return fail(where, "empty canonical name");
      for (std::size_t f = 1; f < fields.size(); ++f) {
        const std::size_t colon = fields[f].find(':');
        if (colon == std::string_view::npos)
          return fail(where, "field without `key:`: " + std::string(fields[f]));
        const std::string_view key = trim(fields[f].substr(0, colon));
        std::vector<std::string_view> values;
        for (std::string_view v : split(fields[f].substr(colon + 1), ","))
          if (!v.empty()) values.push_back(v);
        if (key == "aka")
          raw.aliases = std::move(values);
        else if (key == "implies")
          raw.implies = std::move(values);
        else if (key == "not")
          raw.vetoes = std::move(values);
        else
          return fail(where, "unknown field `" + std::string(key) + "`");
      }
      raw_.push_back(std::move(raw));
    }
    return std::nullopt;
  }

  std::optional<Error> build(Parts& parts) {
    auto& skills = parts.skills;
    auto& aliases = parts.aliases;
    auto& by_phrase = parts.by_phrase;
    std::unordered_map<std::string, std::string> owner_where;  // phrase -> where it was defined
    skills.reserve(raw_.size());
    for (const RawSkill& raw : raw_) {
      const auto id = static_cast<SkillId>(skills.size());
      skills.push_back(Skill{raw.name, std::string(raw.category), domain_of(raw.category), {}});
      // The canonical name is an alias of itself unless `aka:` lists it as ambiguous.
      std::vector<std::string_view> written{raw.name};
      const std::string canonical_phrase = text::folded_phrase(raw.name);
      for (std::string_view a : raw.aliases) {
        if (a.front() == '~' && text::folded_phrase(a.substr(1)) == canonical_phrase) written[0] = {};
        written.push_back(a);
      }
      for (std::string_view w : written) {
        if (w.empty()) continue;
        if (auto error = add_alias(raw, id, w, false, aliases, by_phrase, owner_where)) return error;
      }
      for (std::string_view v : raw.vetoes)
        if (auto error = add_alias(raw, id, v, true, aliases, by_phrase, owner_where)) return error;
    }
    return resolve_implications(skills, by_phrase);
  }

  std::optional<Error> add_alias(const RawSkill& raw, SkillId id, std::string_view written, bool veto,
                                 std::vector<Alias>& aliases,
                                 std::unordered_map<std::string, SkillId>& by_phrase,
                                 std::unordered_map<std::string, std::string>& owner_where) {
    Alias alias;
    alias.skill = id;
    alias.veto = veto;
    alias.ambiguous = !veto && written.front() == '~';
    if (alias.ambiguous) written.remove_prefix(1);
    const text::TokenizedText t = text::tokenize(written);
    if (t.tokens.empty()) return fail(raw.where, "alias without a word: `" + std::string(written) + "`");
    std::string phrase;
    for (std::size_t i = 0; i < t.tokens.size(); ++i) {
      alias.tokens.emplace_back(t.folded_token(i));
      alias.must_capitalize.push_back(alias.ambiguous && t.tokens[i].capitalized);
      if (i) phrase.push_back(' ');
      phrase += t.folded_token(i);
    }
    std::string key = phrase;
    if (veto) key.insert(0, "not: ");
    auto [it, inserted] = owner_where.emplace(key, raw.where);
    if (!inserted) {
      // The same skill may list one phrase twice (e.g. "ReactJS" and "React.js" after folding); two
      // skills may not share one.
      const auto owner = by_phrase.find(phrase);
      if (veto || owner == by_phrase.end() || owner->second != id)
        // Built with append: GCC 12 warns falsely (-Wrestrict, gcc.gnu.org/PR105329) on "literal" + string.
        return fail(raw.where,
                    std::string("`").append(written).append("` is already defined at ").append(it->second));
      return std::nullopt;
    }
    if (!veto) by_phrase.emplace(phrase, id);
    aliases.push_back(std::move(alias));
    return std::nullopt;
  }

  std::optional<Error> resolve_implications(std::vector<Skill>& skills,
                                            const std::unordered_map<std::string, SkillId>& by_phrase) {
    std::unordered_map<std::string, SkillId> by_name;
    for (SkillId id = 0; id < skills.size(); ++id) by_name.emplace(skills[id].name, id);
    std::vector<std::vector<SkillId>> direct(skills.size());
    for (SkillId id = 0; id < skills.size(); ++id) {
      for (std::string_view target : raw_[id].implies) {
        auto it = by_name.find(std::string(target));
        if (it == by_name.end()) {
          // Accept an alias too ("implies: AWS"), but the canonical name is preferred.
          auto alias = by_phrase.find(text::folded_phrase(target));
          if (alias == by_phrase.end())
            return fail(raw_[id].where, "implies unknown skill `" + std::string(target) + "`");
          direct[id].push_back(alias->second);
        } else {
          direct[id].push_back(it->second);
        }
      }
    }
    // Transitive closure by depth-first search from every skill; a path back to the start is a cycle.
    for (SkillId id = 0; id < skills.size(); ++id) {
      std::vector<SkillId> stack(direct[id].begin(), direct[id].end());
      std::vector<SkillId>& closure = skills[id].implies;
      while (!stack.empty()) {
        const SkillId next = stack.back();
        stack.pop_back();
        if (next == id) return fail(raw_[id].where, "implications form a cycle through " + skills[id].name);
        if (std::find(closure.begin(), closure.end(), next) != closure.end()) continue;
        closure.push_back(next);
        stack.insert(stack.end(), direct[next].begin(), direct[next].end());
      }
      std::sort(closure.begin(), closure.end());
    }
    return std::nullopt;
  }

  static Error fail(const std::string& where, const std::string& what) {
    return make_error(ErrorCode::taxonomy_invalid, where + ": " + what);
  }

  std::vector<RawSkill> raw_;
};

}  // namespace

Result<Taxonomy> Taxonomy::load(std::span<const data::EmbeddedFile> files) {
  Parts parts;
  if (auto error = Loader().run(files, parts)) return *error;
  if (parts.skills.empty()) return make_error(ErrorCode::taxonomy_invalid, "the taxonomy has no skills");
  Taxonomy taxonomy;
  taxonomy.skills_ = std::move(parts.skills);
  taxonomy.aliases_ = std::move(parts.aliases);
  taxonomy.by_phrase_ = std::move(parts.by_phrase);
  return taxonomy;
}

Result<Taxonomy> Taxonomy::load_builtin() { return load(data::skill_files()); }

std::optional<SkillId> Taxonomy::find(std::string_view name) const {
  std::string_view trimmed = trim(name);
  if (!trimmed.empty() && trimmed.front() == '~') trimmed.remove_prefix(1);
  auto it = by_phrase_.find(text::folded_phrase(trimmed));
  if (it == by_phrase_.end()) return std::nullopt;
  return it->second;
}

}  // namespace joblens::skills
