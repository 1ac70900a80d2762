#include "native-host/transfer/csv.hpp"

namespace joblens::host::transfer {

void append_csv_row(std::string& out, const CsvRow& row) {
  for (std::size_t i = 0; i < row.size(); ++i) {
    if (i) out += ',';
    std::string_view field = row[i];
    const bool formula =
        !field.empty() && (field[0] == '=' || field[0] == '+' || field[0] == '-' || field[0] == '@');
    const bool quote = formula || field.find_first_of(",\"\r\n") != std::string_view::npos;
    if (!quote) {
      out += field;
      continue;
    }
    out += '"';
    if (formula) out += '\'';
    for (char c : field) {
      if (c == '"') out += '"';
      out += c;
    }
    out += '"';
  }
  out += "\r\n";
}

Result<std::vector<CsvRow>> parse_csv(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // spreadsheets write a BOM
  std::vector<CsvRow> rows;
  CsvRow row;
  std::string field;
  bool quoted = false, field_started = false;
  std::size_t line = 1, quote_line = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    switch (c) {
      case '"':
        quoted = true;
        field_started = true;
        quote_line = line;
        break;
      case ',':
        row.push_back(std::move(field));
        field.clear();
        field_started = true;
        break;
      case '\r':
        break;
      case '\n':
        ++line;
        if (field_started || !field.empty() || !row.empty()) {
          row.push_back(std::move(field));
          rows.push_back(std::move(row));
        }
        row.clear();
        field.clear();
        field_started = false;
        break;
      default:
        field += c;
        field_started = true;
    }
  }
  if (quoted) {
    return make_error(ErrorCode::invalid_value,
                      "CSV: a quote opened on line " + std::to_string(quote_line) + " is never closed");
  }
  if (field_started || !field.empty() || !row.empty()) {
    row.push_back(std::move(field));
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace joblens::host::transfer
