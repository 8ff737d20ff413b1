#pragma once
// Whether the process is ready for traffic, read by /readyz and the health service.

#include <atomic>

namespace ndxp::server {

class ServingState {
 public:
  void SetReady(bool ready) { ready_.store(ready, std::memory_order_release); }
  bool ready() const { return ready_.load(std::memory_order_acquire); }
  void SetDraining() {
    draining_.store(true, std::memory_order_release);
    SetReady(false);
  }
  bool draining() const { return draining_.load(std::memory_order_acquire); }

 private:
  std::atomic<bool> ready_{false};
  std::atomic<bool> draining_{false};
};

}  // namespace ndxp::server
