// Parses inbound frame bodies into nlohmann::json, fast: simdjson validates UTF-8 and parses at
// gigabytes per second, and the tree is then copied into nlohmann::json, which every handler uses.
// nlohmann's own lexer reads about 70 MB/s, which made a page of 1,000 jobs (3 MB) cost 40 ms
// before any work; see docs/benchmarks.md.
//
// Errors match the core's parse_json (shared/model/json_io.hpp): invalid_utf8, invalid_json with the
// byte offset, and documents nested deeper than kMaxJsonDepth refused before any recursion.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <string_view>

#include "shared/wire/error.hpp"

namespace joblens::host::protocol {

class JsonParser {
 public:
  JsonParser();
  ~JsonParser();
  JsonParser(const JsonParser&) = delete;
  JsonParser& operator=(const JsonParser&) = delete;

  Result<nlohmann::json> parse(std::string_view text);

 private:
  struct Impl;  // simdjson's parser, its buffers reused from frame to frame
  std::unique_ptr<Impl> impl_;
};

}  // namespace joblens::host::protocol
