#include "gateway/auth/declaration_stage.h"

#include "gateway/core/status.h"
#include "gateway/core/strings.h"

namespace ndxp::auth {
namespace {

bool IsPrintableAscii(std::string_view value) {
  for (char c : value) {
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

// Copies header `name` into `out`; an error naming the header when it is unacceptable.
absl::Status Take(const core::Call& call, std::string_view name, std::size_t max_length,
                  std::string& out) {
  auto value = call.headers().Get(name);
  if (!value) return absl::OkStatus();
  if (value->size() > max_length || !IsPrintableAscii(*value)) {
    return core::ErrorWithReason(
        absl::StatusCode::kInvalidArgument,
        core::Cat(name, ": must be at most ", max_length,
                  " printable ASCII characters (percent-encode other text)"),
        "INVALID_HEADER", {{"header", name}});
  }
  if (call.headers().Count(name) > 1) {
    return core::ErrorWithReason(absl::StatusCode::kInvalidArgument,
                                 core::Cat(name, ": sent more than once; send it once"),
                                 "INVALID_HEADER", {{"header", name}});
  }
  out.assign(value->data(), value->size());
  return absl::OkStatus();
}

}  // namespace

core::Verdict DeclarationStage::OnRequest(core::Call& call) {
  core::CallContext& context = call.context();
  absl::Status status = Take(call, kPurposeHeader, kMaxPurposeLength, context.purpose);
  if (status.ok()) status = Take(call, kDossierIdHeader, kMaxDeclaredIdLength, context.dossier_id);
  if (status.ok()) {
    status = Take(call, kProcedureHeader, kMaxDeclaredIdLength, context.procedure_id);
  }
  if (!status.ok()) return core::Verdict::Stop(std::move(status));
  return core::Verdict::Continue();
}

}  // namespace ndxp::auth
