#include "native-host/storage/rows.hpp"

#include <random>

namespace joblens::host::storage {

std::string new_id(std::string_view prefix) {
  // std::random_device reads the OS's entropy source; ids only need to be unique, not secret.
  std::random_device device;
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id(prefix);
  id += '-';
  for (int word = 0; word < 4; ++word) {
    std::uint32_t bits = device();
    for (int nibble = 0; nibble < 8; ++nibble, bits >>= 4) id += kHex[bits & 0xf];
  }
  return id;
}

std::optional<Error> record_event(Database& db, std::int64_t at, std::string_view kind,
                                  const nlohmann::json& data) {
  auto stmt = db.prepare("INSERT INTO events (at, kind, data) VALUES (?, ?, ?)");
  if (!stmt) return stmt.error();
  return (*stmt)->bind(1, at).bind(2, kind).bind(3, dump(data)).run();
}

}  // namespace joblens::host::storage
