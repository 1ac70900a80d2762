#include "native-host/host_app.hpp"

#include "native-host/protocol/frame.hpp"
#include "native-host/storage/schema.hpp"

namespace joblens::host {

Result<HostApp> open_host(const std::string& database_path, std::size_t max_reply) {
  HostApp app;
  auto db = storage::Database::open(database_path);
  if (!db) return db.error();
  app.db = std::make_unique<storage::Database>(std::move(*db));
  if (auto error = storage::migrate(*app.db)) return *error;
  auto engine = Engine::create();
  if (!engine) return engine.error();
  app.engine = std::move(*engine);
  app.context = std::make_unique<Context>(Context{*app.db, *app.engine, system_now_ms, kHostVersion});
  app.dispatcher = std::make_unique<Dispatcher>(*app.context, max_reply);
  return app;
}

}  // namespace joblens::host
