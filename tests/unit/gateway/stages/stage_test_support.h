#pragma once
// Running one stage (or a few) through a core::Call, as a listener would, for the stages' tests.

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "gateway/core/call.h"
#include "gateway/core/request_headers.h"

namespace ndxp::stages::testing {

class MapHeaders final : public core::RequestHeaders {
 public:
  std::multimap<std::string, std::string, std::less<>> values;
  std::optional<std::string_view> Get(std::string_view name) const override {
    auto it = values.find(name);
    if (it == values.end()) return std::nullopt;
    return std::string_view(it->second);
  }
  std::size_t Count(std::string_view name) const override { return values.count(std::string(name)); }
};

class RecordingObserver final : public core::CallObserver {
 public:
  void OnAdmitted() override { admitted = true; }
  void OnRefused(const absl::Status& status) override { refused = status; }
  bool admitted = false;
  std::optional<absl::Status> refused;
};

// A call through `stages`, with `headers`.
struct TestCall {
  explicit TestCall(std::vector<core::Stage*> stages) : chain(std::move(stages)), call(chain, observer, headers) {}
  MapHeaders headers;
  RecordingObserver observer;
  core::Chain chain;
  core::Call call;
};

}  // namespace ndxp::stages::testing
