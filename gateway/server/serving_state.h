#pragma once
// Whether the process is ready for traffic, read by /readyz: started, not draining, and every
// registered dependency check passing (e.g. the access log is being written).

#include <atomic>
#include <functional>
#include <string>
#include <vector>

namespace ndxp::server {

class ServingState {
 public:
  void SetReady(bool ready) { ready_.store(ready, std::memory_order_release); }
  void SetDraining() {
    draining_.store(true, std::memory_order_release);
    SetReady(false);
  }
  bool draining() const { return draining_.load(std::memory_order_acquire); }

  // A dependency readiness reports on: returns "" while fine, else one line on what is wrong.
  // Register before serving (not thread-safe against Problem()).
  void AddCheck(std::function<std::string()> check) { checks_.push_back(std::move(check)); }

  // "" when ready; else why not: "draining", "not ready", or the failing checks' lines.
  std::string Problem() const {
    if (draining()) return "draining";
    if (!ready_.load(std::memory_order_acquire)) return "not ready";
    std::string problems;
    for (const auto& check : checks_) {
      std::string problem = check();
      if (problem.empty()) continue;
      if (!problems.empty()) problems += "\n";
      problems += problem;
    }
    return problems;
  }
  bool ready() const { return Problem().empty(); }

 private:
  std::atomic<bool> ready_{false};
  std::atomic<bool> draining_{false};
  std::vector<std::function<std::string()>> checks_;
};

}  // namespace ndxp::server
