// The whole rule set as JSON, for the extension to fetch from the WASM module:
// {version, markers:[{id, selector}], fields:[{id, scope, optional}], labels:{promoted:[{lang, text}]...},
//  layouts:{e4:{fields:{title:[{selector, read, attr?, post, self?}, ...]}}}}
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace joblens::selectors {

nlohmann::ordered_json rules_to_json();
// Compact dump; invalid UTF-8 is replaced, never thrown (the WASM core builds without exceptions).
std::string rules_json_string();

}  // namespace joblens::selectors
