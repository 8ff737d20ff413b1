#include "gateway/server/process_lifecycle.h"

#include <absl/synchronization/mutex.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "gateway/core/strings.h"
#include "gateway/server/log_sanitize.h"

namespace ndxp::server {

sigset_t PrepareProcess(const std::string& logger_name, std::string_view log_level) {
  // Abseil's mutex deadlock detection keeps a process-wide graph behind one lock; gRPC core's
  // mutexes are absl::Mutex, so it would serialize the hot path. Production binaries turn it off.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  spdlog::set_default_logger(spdlog::stderr_color_mt(logger_name));
  spdlog::set_level(spdlog::level::from_str(std::string(log_level)));
  RouteLibraryLogs();
  signal(SIGPIPE, SIG_IGN);
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  return signals;
}

std::string_view WaitForTermination(const sigset_t& signals) {
  int received = 0;
  sigwait(&signals, &received);
  return received == SIGTERM ? "SIGTERM" : "SIGINT";
}

std::string WithPort(const std::string& address, int port) {
  return core::Cat(std::string_view(address).substr(0, address.rfind(':')), ":", port);
}

}  // namespace ndxp::server
