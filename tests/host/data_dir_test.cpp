// Where the database lives: --data-dir (tested through the command line), $JOBLENS_DATA_DIR,
// $XDG_DATA_HOME/joblens, ~/.local/share/joblens.
#include <doctest/doctest.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <optional>
#include <string>

#include "native-host/data_dir.hpp"
#include "tests/host/host_fixture.hpp"

namespace joblens::host::testing {

namespace {

// Sets an environment variable for one scope and puts the old value back.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    value ? ::setenv(name, value, 1) : ::unsetenv(name);
  }
  ~ScopedEnv() { old_ ? ::setenv(name_, old_->c_str(), 1) : ::unsetenv(name_); }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

}  // namespace

TEST_CASE("the data directory follows JOBLENS_DATA_DIR, then XDG_DATA_HOME, then ~/.local/share") {
  ScopedEnv home("HOME", "/home/ana");
  {
    ScopedEnv data("JOBLENS_DATA_DIR", nullptr);
    {
      ScopedEnv xdg("XDG_DATA_HOME", nullptr);
      CHECK(default_data_dir() == "/home/ana/.local/share/joblens");
    }
    {
      ScopedEnv xdg("XDG_DATA_HOME", "/data");
      CHECK(default_data_dir() == "/data/joblens");
    }
    {
      ScopedEnv xdg("XDG_DATA_HOME", "relative/path");  // invalid per the XDG spec: ignored
      CHECK(default_data_dir() == "/home/ana/.local/share/joblens");
    }
  }
  ScopedEnv data("JOBLENS_DATA_DIR", "/srv/joblens");
  ScopedEnv xdg("XDG_DATA_HOME", "/data");
  CHECK(default_data_dir() == "/srv/joblens");
}

TEST_CASE("the data directory is created private to the person") {
  TempDir dir;
  const std::string nested = dir.path + "/a/b/joblens";
  auto path = prepare_database_path(nested);
  REQUIRE(path.ok());
  CHECK(*path == nested + "/joblens.db");
  struct stat info {};
  REQUIRE(::stat(nested.c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0700);
}

}  // namespace joblens::host::testing
