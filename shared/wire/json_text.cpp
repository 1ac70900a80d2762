#include "shared/wire/json_text.hpp"

#include <nlohmann/json.hpp>

#include "shared/text/normalize.hpp"

namespace joblens::wire {

JsonText& JsonText::string(std::string_view s) {
  out_.push_back('"');
  if (text::is_valid_utf8(s))
    escaped(s);
  else
    escaped(text::sanitize_utf8(s));
  out_.push_back('"');
  return *this;
}

void JsonText::escaped(std::string_view s) {
  // Runs that need no escape, nearly all of any text, are appended whole.
  std::size_t run = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out_.append(s.substr(run, i - run));
    run = i + 1;
    switch (c) {
      case '"':
        out_.append("\\\"");
        break;
      case '\\':
        out_.append("\\\\");
        break;
      case '\b':
        out_.append("\\b");
        break;
      case '\f':
        out_.append("\\f");
        break;
      case '\n':
        out_.append("\\n");
        break;
      case '\r':
        out_.append("\\r");
        break;
      case '\t':
        out_.append("\\t");
        break;
      default: {
        static constexpr char kHex[] = "0123456789abcdef";
        const char code[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xF]};
        out_.append(code, sizeof code);
      }
    }
  }
  out_.append(s.substr(run));
}

JsonText& JsonText::strings(const std::vector<std::string>& list) {
  out_.push_back('[');
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (i) out_.push_back(',');
    string(list[i]);
  }
  out_.push_back(']');
  return *this;
}

JsonText& JsonText::integer(long long value) {
  out_.append(std::to_string(value));
  return *this;
}

JsonText& JsonText::number(double value) {
  out_.append(nlohmann::json(value).dump());
  return *this;
}

}  // namespace joblens::wire
