#include "native-host/host_app.hpp"

#include <cstdio>

#include "native-host/handlers/llm_features.hpp"
#include "native-host/handlers/provider_embeddings.hpp"
#include "native-host/handlers/settings_store.hpp"
#include "native-host/protocol/frame.hpp"
#include "native-host/queue/echo_task.hpp"
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
  // Task kinds are registered here, before any worker starts (the LLM layer adds its own next to echo).
  std::string warning;
  app.llm = llm::LlmService::open(database_path, &warning);
  if (!warning.empty())
    std::fprintf(stderr, "joblens-host: %s (AI providers are off until it is fixed)\n", warning.c_str());
  if (auto error = move_llm_settings_out_of_table(*app.db, *app.llm)) return *error;
  queue::WorkerPoolOptions options;
  options.workers = kHostWorkers;
  app.queue = std::make_unique<queue::WorkerPool>(database_path, options);
  queue::register_echo(*app.queue);
  queue::WorkerPool* pool = app.queue.get();
  register_embed_kind(*app.queue, *app.llm);
  register_llm_kinds(
      *app.queue, *app.llm, *app.engine,
      [pool](const std::string& event, const nlohmann::json& data) { pool->publish(event, data); });
  app.context = std::make_unique<Context>(Context{*app.db, *app.engine, system_now_ms, kHostVersion,
                                                  ProfileCache{}, nullptr, app.queue.get(), app.llm.get()});
  app.dispatcher = std::make_unique<Dispatcher>(*app.context, max_reply);
  return app;
}

}  // namespace joblens::host
