#include "connectors/population/verification.h"

#include "connectors/common/personal_id.h"
#include "connectors/common/text.h"
#include "gateway/core/status.h"
#include "gateway/core/strings.h"

namespace ndxp::connectors::population {
namespace {

namespace pb = ::ndxp::population::v1;

// Never names the id (audit and log hygiene).
absl::Status CitizenNotFound() {
  return core::NotFound("citizen", "no citizen has this personal identification number");
}

// One answer per request: the request is kept until its answer is pulled, so at most one is held.
class BatchVerifyStream final
    : public TypedRequestStream<pb::BatchVerifyCitizensRequest, pb::BatchVerifyCitizensResponse> {
 public:
  explicit BatchVerifyStream(std::shared_ptr<const CitizenStore> store)
      : store_(std::move(store)) {}

  absl::Status OnHalfClose() override { return absl::OkStatus(); }

 protected:
  absl::Status OnTypedRequest(const pb::BatchVerifyCitizensRequest& request) override {
    pending_ = request;
    has_pending_ = true;
    return absl::OkStatus();
  }

  absl::StatusOr<bool> NextTyped(pb::BatchVerifyCitizensResponse& response) override {
    if (!has_pending_) return false;
    has_pending_ = false;
    response.set_correlation_id(pending_.correlation_id());
    auto result = Verify(*store_, pending_.verification(), "verification.");
    *response.mutable_status() = core::ToRpcStatus(result.status());
    if (result.ok()) *response.mutable_result() = *std::move(result);
    return true;
  }

 private:
  std::shared_ptr<const CitizenStore> store_;
  pb::BatchVerifyCitizensRequest pending_;
  bool has_pending_ = false;
};

// One summary, ready once the client has sent its last record.
class ReconcileStream final
    : public TypedRequestStream<pb::ReconcileCitizensRequest, pb::ReconcileCitizensResponse> {
 public:
  static constexpr int kMaxIndexes = 100;

  explicit ReconcileStream(std::shared_ptr<const CitizenStore> store) : store_(std::move(store)) {}

  absl::Status OnHalfClose() override {
    summary_ready_ = true;
    return absl::OkStatus();
  }

 protected:
  absl::StatusOr<bool> NextTyped(pb::ReconcileCitizensResponse& out) override {
    if (!summary_ready_) return false;
    summary_ready_ = false;
    out = summary_;
    return true;
  }

  absl::Status OnTypedRequest(const pb::ReconcileCitizensRequest& request) override {
    const std::int64_t index = summary_.total_count();
    summary_.set_total_count(index + 1);
    auto result = Verify(*store_, request.verification(), "verification.");
    if (result.ok() && result->matched()) {
      summary_.set_matched_count(summary_.matched_count() + 1);
      return absl::OkStatus();
    }
    if (result.ok()) {
      summary_.set_mismatched_count(summary_.mismatched_count() + 1);
    } else if (result.status().code() == absl::StatusCode::kNotFound) {
      summary_.set_not_found_count(summary_.not_found_count() + 1);
    } else {
      summary_.set_invalid_count(summary_.invalid_count() + 1);
    }
    if (summary_.unmatched_indexes_size() < kMaxIndexes) summary_.add_unmatched_indexes(index);
    return absl::OkStatus();
  }

 private:
  std::shared_ptr<const CitizenStore> store_;
  pb::ReconcileCitizensResponse summary_;
  bool summary_ready_ = false;
};

}  // namespace

absl::StatusOr<const Citizen*> LookupCitizen(const CitizenStore& store,
                                             std::string_view personal_id, std::string_view field) {
  auto id = ParsePersonalId(personal_id, field);
  if (!id.ok()) return id.status();
  const Citizen* citizen = store.FindCitizen(id->value);
  if (citizen == nullptr) return CitizenNotFound();
  return citizen;
}

absl::StatusOr<pb::VerifyCitizenResponse> Verify(const CitizenStore& store,
                                                 const pb::VerifyCitizenRequest& request,
                                                 std::string_view field_prefix) {
  auto id = ParsePersonalId(request.personal_id(), core::Cat(field_prefix, "personal_id"));
  if (!id.ok()) return id.status();
  const google::type::Date& dob = request.date_of_birth();
  if (IsSet(dob)) {
    if (std::string problem = DateProblem(dob); !problem.empty()) {
      return core::FieldViolation(core::Cat(field_prefix, "date_of_birth"), problem);
    }
  }
  const bool name_given = !FoldSpaces(request.full_name()).empty();
  if (!name_given && !IsSet(dob)) {
    // Decision 0150: nothing to compare proves nothing; the violation names the first field.
    return core::FieldViolation(
        core::Cat(field_prefix, "full_name"),
        request.full_name().empty()
            ? "nothing to compare: at least one of full_name and date_of_birth must be given"
            : "is only spaces and date_of_birth is unset: at least one of full_name and "
              "date_of_birth must be given");
  }
  const Citizen* citizen = store.FindCitizen(id->value);
  if (citizen == nullptr) return CitizenNotFound();
  pb::VerifyCitizenResponse response;
  response.set_full_name(CompareText(request.full_name(), store.FullName(*citizen)));
  response.set_date_of_birth(CompareDate(dob, store.BirthDate(*citizen)));
  response.set_matched(AllMatch({response.full_name(), response.date_of_birth()}));
  return response;
}

std::unique_ptr<core::RequestStream> MakeBatchVerifyStream(
    std::shared_ptr<const CitizenStore> store) {
  return std::make_unique<BatchVerifyStream>(std::move(store));
}

std::unique_ptr<core::RequestStream> MakeReconcileStream(
    std::shared_ptr<const CitizenStore> store) {
  return std::make_unique<ReconcileStream>(std::move(store));
}

}  // namespace ndxp::connectors::population
