// joblens-llm-testserver: the LLM test server as a program, for benchmarks and browser tests.
// Prints one line {"port":N} to stdout, then serves until SIGTERM/SIGINT or end of stdin; the
// behaviour is scripted over HTTP through /_control/* (see README.md).
#include <pthread.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <thread>

#include "tests/support/llm_test_server.hpp"

namespace {

bool parse_int(const char* text, int& value) {
  char* end = nullptr;
  const long parsed = std::strtol(text, &end, 10);
  if (end == text || *end != '\0' || parsed < 0 || parsed > 10000000) return false;
  value = static_cast<int>(parsed);
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  int port = 0;
  int latency_ms = 0;
  int threads = 32;
  for (int index = 1; index < argc; ++index) {
    const std::string flag = argv[index];
    int* target = flag == "--port"         ? &port
                  : flag == "--latency-ms" ? &latency_ms
                  : flag == "--threads"    ? &threads
                                           : nullptr;
    if (target == nullptr || index + 1 >= argc || !parse_int(argv[index + 1], *target)) {
      std::fprintf(stderr, "usage: joblens-llm-testserver [--port N] [--latency-ms N] [--threads N]\n");
      return 2;
    }
    ++index;
  }

  // Signals are taken synchronously by sigwait below: block them before any thread starts so that
  // every thread inherits the mask.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGUSR1);  // raised by the stdin watcher at end of input
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  joblens::testing::ServerConfig config;
  config.latency_ms = latency_ms;
  joblens::testing::LlmTestServer server(config, threads, port);
  if (server.port() == 0) return 1;
  std::cout << R"({"port":)" << server.port() << "}" << std::endl;

  const pthread_t main_thread = pthread_self();
  std::thread([main_thread] {
    char buffer[256];
    while (read(STDIN_FILENO, buffer, sizeof buffer) > 0) {
    }
    pthread_kill(main_thread, SIGUSR1);
  }).detach();

  int received = 0;
  sigwait(&signals, &received);
  server.stop();
  return 0;
}
