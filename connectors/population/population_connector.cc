#include "connectors/population/population_connector.h"

#include <cstdio>

#include "connectors/common/admin_units.h"
#include "connectors/common/personal_id.h"
#include "connectors/common/sampling.h"
#include "connectors/common/typed_handler.h"
#include "connectors/population/population_handlers.h"
#include "connectors/population/verification.h"

namespace ndxp::connectors::population {
namespace {

namespace pb = ::ndxp::population::v1;

// A well-formed personal id near `id` that no citizen has.
std::uint64_t UnknownIdNear(const CitizenStore& store, std::uint64_t id) {
  const std::uint64_t block = id / 1'000'000 * 1'000'000;
  for (std::uint64_t step = 1;; ++step) {
    const std::uint64_t candidate = block + (id % 1'000'000 + step * 7919) % 1'000'000;
    if (store.FindCitizen(candidate) == nullptr) return candidate;
  }
}

}  // namespace

PopulationConnector::PopulationConnector(std::shared_ptr<const CitizenStore> store)
    : store_(std::move(store)) {}

const google::protobuf::ServiceDescriptor& PopulationConnector::ServiceDescriptor() {
  return *pb::GetCitizenRequest::descriptor()->file()->FindServiceByName("PopulationService");
}

const google::protobuf::ServiceDescriptor& PopulationConnector::service() const { return ServiceDescriptor(); }

std::vector<core::MethodHandler> PopulationConnector::Handlers() {
  const auto& svc = service();
  auto handler = [&svc](const char* method) { return HandlerOf(svc, method); };
  std::vector<core::MethodHandler> handlers;
  handlers.push_back(handler("GetCitizen"));
  handlers.back().unary = StoreUnary<&GetCitizen>(store_);
  handlers.push_back(handler("VerifyCitizen"));
  handlers.back().unary = StoreUnary<&VerifyCitizen>(store_);
  handlers.push_back(handler("GetHousehold"));
  handlers.back().unary = StoreUnary<&GetHousehold>(store_);
  handlers.push_back(handler("BatchVerifyCitizens"));
  handlers.back().request_stream = [store = store_](const core::CallContext&) {
    return absl::StatusOr<std::unique_ptr<core::RequestStream>>(MakeBatchVerifyStream(store));
  };
  handlers.push_back(handler("ReconcileCitizens"));
  handlers.back().request_stream = [store = store_](const core::CallContext&) {
    return absl::StatusOr<std::unique_ptr<core::RequestStream>>(MakeReconcileStream(store));
  };
  return handlers;
}

std::vector<core::SampleKind> PopulationConnector::SampleKinds() const {
  return {{"personal_id", "12-digit personal id of a citizen", "GetCitizen", "personal_id"},
          {"household_id", "household id: H, the 5-digit commune code, a 6-digit sequence",
           "GetHousehold", "household_id"}};
}

std::vector<std::string> PopulationConnector::SampleIds(std::string_view kind,
                                                        std::size_t count) const {
  std::vector<std::string> ids;
  if (kind == "personal_id") {
    for (std::uint64_t id : store_->SampleIds(count)) ids.push_back(FormatPersonalId(id));
  } else if (kind == "household_id") {
    const auto households = store_->households();
    for (std::size_t pos : SpreadPositions(households.size(), count)) {
      ids.push_back(store_->HouseholdCode(households[pos]));
    }
  }
  return ids;
}

std::vector<core::MethodExample> PopulationConnector::Examples() const {
  const std::uint64_t sample = store_->SampleIds(1).at(0);
  const Citizen& citizen = *store_->FindCitizen(sample);
  const std::string unknown_id = FormatPersonalId(UnknownIdNear(*store_, sample));

  pb::VerifyCitizenRequest verify;
  verify.set_personal_id(FormatPersonalId(sample));
  verify.set_full_name(store_->FullName(citizen));
  ToProto(store_->BirthDate(citizen), verify.mutable_date_of_birth());
  pb::VerifyCitizenRequest verify_unknown = verify;
  verify_unknown.set_personal_id(unknown_id);
  pb::VerifyCitizenRequest verify_malformed = verify;
  verify_malformed.set_personal_id("07920300123");  // 11 digits

  const Household& household = store_->households()[citizen.household];
  const Commune& commune = AdminUnits::Get().communes()[household.commune];
  std::uint32_t free_sequence = 999'999;
  while (store_->FindHousehold(commune.code, free_sequence) != nullptr) --free_sequence;
  char unknown_household[16];
  std::snprintf(unknown_household, sizeof unknown_household, "H%05u%06u", commune.code,
                free_sequence);

  pb::BatchVerifyCitizensRequest batch;
  batch.set_correlation_id("row-1");
  *batch.mutable_verification() = verify;
  pb::ReconcileCitizensRequest reconcile;
  *reconcile.mutable_verification() = verify;

  const std::string id_field = "personal_id: \"";
  return {
      {"GetCitizen", id_field + FormatPersonalId(sample) + "\"", id_field + "0792030012AB\"",
       id_field + unknown_id + "\""},
      {"VerifyCitizen", ToTextFormat(verify), ToTextFormat(verify_malformed),
       ToTextFormat(verify_unknown)},
      {"GetHousehold", "household_id: \"" + store_->HouseholdCode(household) + "\"",
       "household_id: \"H123\"", "household_id: \"" + std::string(unknown_household) + "\""},
      {"BatchVerifyCitizens", ToTextFormat(batch), "", ""},
      {"ReconcileCitizens", ToTextFormat(reconcile), "", ""},
  };
}

}  // namespace ndxp::connectors::population
