// Internal: the per-layout tables and the step helpers they are written with. Use rules.hpp.
#pragma once

#include <span>

#include "shared/selectors/rules.hpp"

namespace joblens::selectors::detail {

constexpr Step text(std::string_view sel, Post post) { return Step{sel, Read::text, {}, post, false}; }
constexpr Step each(std::string_view sel, Post post) { return Step{sel, Read::each_text, {}, post, false}; }
constexpr Step longest(std::string_view sel) { return Step{sel, Read::longest_text, {}, Post::trim, false}; }
constexpr Step attr(std::string_view sel, std::string_view name, Post post) {
  return Step{sel, Read::attr, name, post, false};
}
// The scope element's own attribute (scope.matches(sel)).
constexpr Step self_attr(std::string_view sel, std::string_view name, Post post) {
  return Step{sel, Read::attr, name, post, true};
}
constexpr Step present(std::string_view sel) { return Step{sel, Read::presence, {}, Post::none, false}; }
constexpr Step absent(std::string_view sel) { return Step{sel, Read::absence, {}, Post::none, false}; }
constexpr Step elements(std::string_view sel) { return Step{sel, Read::elements, {}, Post::none, false}; }

std::span<const FieldRules> e1_rules();
std::span<const FieldRules> e2_rules();
std::span<const FieldRules> e3_rules();
std::span<const FieldRules> e4_rules();
std::span<const FieldRules> guest_rules();

}  // namespace joblens::selectors::detail
