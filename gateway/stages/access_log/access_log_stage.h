#pragma once
// The access-log stage: one line per call when it ends (gateway/stages/access_log/access_log_line.h
// has the fields). The method is the route's full name, or "unknown" for calls to no route (a
// caller's unknown method name is never logged: it is attacker-controlled), and never a REST path
// (REST paths carry personal identifiers). Not in the chain at all when the log is switched off.

#include <memory>
#include <string>
#include <vector>

#include "gateway/core/call.h"
#include "gateway/core/route_table.h"
#include "gateway/core/stage.h"
#include "gateway/stages/access_log/access_log_writer.h"

namespace ndxp::stages {

class AccessLogStage final : public core::Stage {
 public:
  AccessLogStage(AccessLogWriter& writer, std::string method, std::string connector)
      : writer_(writer), method_(std::move(method)), connector_(std::move(connector)) {}
  std::string_view name() const override { return "access_log"; }
  void OnEnd(const core::Call& call, bool passed) override;

 private:
  AccessLogWriter& writer_;
  const std::string method_;
  const std::string connector_;
};

class AccessLogStageFactory final : public core::StageFactory {
 public:
  explicit AccessLogStageFactory(AccessLogWriter& writer) : writer_(writer) {}
  std::string_view name() const override { return "access_log"; }
  core::Stage* ForRoute(const core::Route* route) override;

 private:
  AccessLogWriter& writer_;
  std::vector<std::unique_ptr<AccessLogStage>> stages_;
};

}  // namespace ndxp::stages
