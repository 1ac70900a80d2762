// Remote, hybrid or on-site: from a LinkedIn workplace badge, a location line ("Berlin (Hybrid)") or
// a description, in en, de, fr, es, pt, it and nl.
#pragma once

#include <optional>
#include <string_view>

#include "shared/text/normalize.hpp"

namespace joblens::parse {

enum class Workplace { unknown, remote, hybrid, onsite };

std::string_view to_string(Workplace w);
std::optional<Workplace> workplace_from_string(std::string_view s);  // also "on-site", "on_site"

// Hybrid wins over remote ("remote or hybrid" roles are hybrid) unless the text says fully remote;
// negations ("not a remote role", "kein Homeoffice") mean on-site.
Workplace parse_workplace(std::string_view text);
Workplace parse_workplace(text::Folded text);

}  // namespace joblens::parse
