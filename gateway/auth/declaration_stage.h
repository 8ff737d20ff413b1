#pragma once
// The declaration stage: what the caller says about why it calls, from request headers, into the
// call's context: x-ndxp-purpose, x-ndxp-dossier-id, x-ndxp-procedure. Carried now (to the
// access log's neighbours: upstreams and, later, the audit log); which purposes a client may
// declare is the policy's job. A value that is too long or not printable ASCII is
// INVALID_ARGUMENT naming the header; absent headers stay empty.

#include <cstddef>
#include <string_view>

#include "gateway/core/call.h"
#include "gateway/core/stage.h"

namespace ndxp::auth {

inline constexpr std::string_view kPurposeHeader = "x-ndxp-purpose";
inline constexpr std::string_view kDossierIdHeader = "x-ndxp-dossier-id";
inline constexpr std::string_view kProcedureHeader = "x-ndxp-procedure";
inline constexpr std::size_t kMaxPurposeLength = 256;
inline constexpr std::size_t kMaxDeclaredIdLength = 128;

class DeclarationStage final : public core::Stage {
 public:
  std::string_view name() const override { return "declaration"; }
  core::Verdict OnRequest(core::Call& call) override;
};

class DeclarationFactory final : public core::StageFactory {
 public:
  std::string_view name() const override { return stage_.name(); }
  core::Stage* ForRoute(const core::Route*) override { return &stage_; }

 private:
  DeclarationStage stage_;
};

}  // namespace ndxp::auth
