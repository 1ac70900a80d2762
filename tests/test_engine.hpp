// The built-in engine, built once per test binary (building the matcher takes milliseconds).
#pragma once

#include <doctest/doctest.h>

#include <memory>

#include "shared/engine/engine.hpp"

namespace joblens::testing {

inline const Engine& engine() {
  static const std::unique_ptr<Engine> e = [] {
    auto created = Engine::create();
    REQUIRE_MESSAGE(created.ok(), (created.ok() ? "" : created.error().message));
    return std::move(created).value();
  }();
  return *e;
}

}  // namespace joblens::testing
