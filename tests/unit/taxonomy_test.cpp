#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <set>

#include "shared/skills/taxonomy.hpp"

using namespace joblens;
using namespace joblens::skills;

namespace {

Result<Taxonomy> load_one(std::string_view content) {
  const data::EmbeddedFile files[] = {{"test.txt", content}};
  return Taxonomy::load(files);
}

}  // namespace

TEST_CASE("taxonomy: the loader reads names, aliases, implications and vetoes") {
  auto t = load_one(
      "# category: software\n"
      "# a comment\n\n"
      "React | aka: ReactJS, React.js\n"
      "Next.js | aka: NextJS | implies: React\n"
      "Go | aka: Golang, ~Go | not: go to market\n"
      "Gatsby | implies: Next.js\n");
  REQUIRE(t.ok());
  CHECK(t->size() == 4);
  const auto react = t->find("reactjs");
  REQUIRE(react);
  CHECK(t->skill(*react).name == "React");
  CHECK(t->skill(*react).category == "software");
  CHECK(t->skill(*react).domain == Domain::tech);
  CHECK(t->find("REACT.JS") == react);
  const auto gatsby = t->find("Gatsby");
  REQUIRE(gatsby);
  CHECK(t->skill(*gatsby).implies.size() == 2);  // Next.js and, through it, React
  CHECK(t->find("golang"));
  CHECK(t->find("go to market") == std::nullopt);  // a veto is not a skill
  bool go_ambiguous = false;
  for (const auto& a : t->aliases())
    if (a.tokens == std::vector<std::string>{"go"}) go_ambiguous = a.ambiguous && a.must_capitalize[0];
  CHECK(go_ambiguous);
}

TEST_CASE("taxonomy: malformed data is an error naming file and line") {
  struct Case {
    const char* content;
    const char* expected;
  };
  const Case cases[] = {
      {"React\n", "test.txt:1: a skill before the `# category:` line"},
      {"# category: x\nReact | aka: JS\nJavaScript | aka: JS\n",
       "test.txt:3: `JS` is already defined at test.txt:2"},
      {"# category: x\nReact | implies: Nothing\n", "test.txt:2: implies unknown skill `Nothing`"},
      {"# category: x\nA | implies: B\nB | implies: A\n", "cycle"},
      {"# category: x\nA | color: red\n", "test.txt:2: unknown field `color`"},
      {"# category: x\nA | aka: ---\n", "alias without a word"},
      {"", "no skills"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.content);
    auto t = load_one(c.content);
    REQUIRE_FALSE(t.ok());
    CHECK(t.error().code == ErrorCode::taxonomy_invalid);
    CHECK(t.error().message.find(c.expected) != std::string::npos);
  }
}

TEST_CASE("taxonomy: the built-in taxonomy is large, varied and well-formed") {
  auto t = Taxonomy::load_builtin();
  REQUIRE_MESSAGE(t.ok(), (t.ok() ? "" : t.error().message));
  CHECK(t->size() >= 1500);
  std::map<std::string, int> per_category;
  for (const auto& s : t->skills()) ++per_category[s.category];
  for (const char* category :
       {"programming_languages", "software", "data", "cloud_devops", "security", "design", "product",
        "marketing", "sales", "finance", "hr", "healthcare", "operations", "languages"}) {
    CAPTURE(category);
    CHECK(per_category[category] >= 10);
  }
  struct Alias {
    const char* written;
    const char* canonical;
  };
  const Alias aliases[] = {{"k8s", "Kubernetes"}, {"JS", "JavaScript"}, {"Postgres", "PostgreSQL"},
                           {"ReactJS", "React"},  {"C#", "C#"},         {"C++", "C++"},
                           {"Golang", "Go"},      {"TS", "TypeScript"}, {"AWS", "Amazon Web Services"}};
  for (const Alias& a : aliases) {
    CAPTURE(a.written);
    const auto id = t->find(a.written);
    REQUIRE(id);
    CHECK(t->skill(*id).name == a.canonical);
  }
  auto implies = [&](const char* from, const char* to) {
    const auto a = t->find(from), b = t->find(to);
    REQUIRE(a);
    REQUIRE(b);
    const auto& closure = t->skill(*a).implies;
    return std::find(closure.begin(), closure.end(), *b) != closure.end();
  };
  CHECK(implies("Next.js", "React"));
  CHECK(implies("PostGIS", "PostgreSQL"));
  CHECK_FALSE(implies("React", "Next.js"));
}
