// RFC 4180 CSV for the tracker's export and import. Written here rather than taken from a library:
// Debian's C CSV library (libcsv) is callback-driven and would need more glue than these two
// functions, and we need only the RFC's quoting rules.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "shared/wire/error.hpp"

namespace joblens::host::transfer {

using CsvRow = std::vector<std::string>;

// Appends one row, quoting fields that hold a comma, quote, CR or LF, and ending with CRLF. A field
// that starts with =, +, - or @ is prefixed with ' so that a spreadsheet never runs it as a formula
// (job text comes from web pages).
void append_csv_row(std::string& out, const CsvRow& row);

// Parses a whole document; a quote left open is a coded error naming the line.
Result<std::vector<CsvRow>> parse_csv(std::string_view text);

}  // namespace joblens::host::transfer
