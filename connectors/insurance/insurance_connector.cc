#include "connectors/insurance/insurance_connector.h"

#include "connectors/common/admin_units.h"
#include "connectors/common/household_code.h"
#include "connectors/common/personal_id.h"
#include "connectors/common/sampling.h"
#include "connectors/common/typed_handler.h"
#include "connectors/insurance/insurance_handlers.h"

namespace ndxp::connectors::insurance {
namespace {

namespace pb = ::ndxp::insurance::v1;

std::string Quoted(std::string_view field, std::string_view value) {
  return std::string(field) + ": \"" + std::string(value) + "\"";
}

// Numbers of prefix 99 are never issued: 99 is the code of no province.
constexpr std::string_view kUnknownNumber = "9912345678";

}  // namespace

InsuranceConnector::InsuranceConnector(std::shared_ptr<const InsuranceStore> store)
    : store_(std::move(store)) {}

const google::protobuf::ServiceDescriptor& InsuranceConnector::ServiceDescriptor() {
  return *pb::GetParticipantRequest::descriptor()->file()->FindServiceByName("InsuranceService");
}

const google::protobuf::ServiceDescriptor& InsuranceConnector::service() const {
  return ServiceDescriptor();
}

std::vector<core::MethodHandler> InsuranceConnector::Handlers() {
  const auto& svc = service();
  auto handler = [&svc](const char* method) { return HandlerOf(svc, method); };
  std::vector<core::MethodHandler> handlers;
  handlers.push_back(handler("GetParticipant"));
  handlers.back().unary = StoreUnary<&GetParticipant>(store_);
  handlers.push_back(handler("GetHealthInsuranceCard"));
  handlers.back().unary = StoreUnary<&GetHealthInsuranceCard>(store_);
  handlers.push_back(handler("ListHouseholdParticipants"));
  handlers.back().unary = StoreUnary<&ListHouseholdParticipants>(store_);
  return handlers;
}

std::vector<core::SampleKind> InsuranceConnector::SampleKinds() const {
  return {{"social_insurance_number", "10-digit social insurance number of a participant",
           "GetParticipant", "social_insurance_number"},
          {"personal_id", "12-digit personal id of an insured citizen", "GetParticipant",
           "personal_id"},
          {"card_code", "15-character health-insurance card code", "GetHealthInsuranceCard",
           "card_code"},
          {"household_id", "household id of the population data: H, commune code, sequence",
           "ListHouseholdParticipants", "household_id"}};
}

std::vector<std::string> InsuranceConnector::SampleIds(std::string_view kind,
                                                       std::size_t count) const {
  std::vector<std::string> ids;
  const InsuranceStore& store = *store_;
  if (kind == "household_id") {
    const auto households = store.population().households();
    for (std::size_t pos : SpreadPositions(store.covered_households(), count)) {
      ids.push_back(store.population().HouseholdCode(households[pos]));
    }
    return ids;
  }
  if (kind != "social_insurance_number" && kind != "personal_id" && kind != "card_code") return ids;
  for (std::size_t pos : SpreadPositions(store.participant_count(), count)) {
    const std::uint32_t citizen = store.ParticipantAt(pos);
    if (kind == "social_insurance_number") {
      ids.push_back(FormatSocialInsuranceNumber(store.Of(citizen).number));
    } else if (kind == "personal_id") {
      ids.push_back(FormatPersonalId(store.population().citizens()[citizen].id));
    } else {
      ids.push_back(store.CardCode(citizen));
    }
  }
  return ids;
}

std::vector<core::MethodExample> InsuranceConnector::Examples() const {
  const InsuranceStore& store = *store_;
  const std::uint32_t citizen = store.ParticipantAt(store.participant_count() / 2);
  const std::string number = FormatSocialInsuranceNumber(store.Of(citizen).number);
  const std::string card = store.CardCode(citizen);
  // The same card with the number of no participant.
  const std::string unknown_card = card.substr(0, 5) + std::string(kUnknownNumber);

  const auto& population = store.population();
  const population::Household& household =
      population.households()[population.citizens()[citizen].household];
  const std::uint32_t commune_code = AdminUnits::Get().communes()[household.commune].code;
  std::uint32_t free_sequence = 999'999;
  while (population.FindHousehold(commune_code, free_sequence) != nullptr) --free_sequence;
  const std::string unknown_household = FormatHouseholdCode(commune_code, free_sequence);
  pb::ListHouseholdParticipantsRequest list;
  list.set_household_id(population.HouseholdCode(household));
  list.set_page_size(2);
  return {
      {"GetParticipant", Quoted("social_insurance_number", number),
       Quoted("social_insurance_number", "79123456"),
       Quoted("social_insurance_number", kUnknownNumber)},
      {"GetHealthInsuranceCard", Quoted("card_code", card), Quoted("card_code", "DN7797912345678"),
       Quoted("card_code", unknown_card)},
      {"ListHouseholdParticipants", ToTextFormat(list), Quoted("household_id", "H123"),
       Quoted("household_id", unknown_household)},
  };
}

}  // namespace ndxp::connectors::insurance
