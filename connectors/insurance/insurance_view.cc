#include "connectors/insurance/insurance_view.h"

#include <algorithm>

#include "connectors/business/enterprise_view.h"
#include "connectors/common/admin_units.h"
#include "connectors/common/enterprise_code.h"
#include "connectors/common/personal_id.h"
#include "connectors/common/street_address.h"
#include "gateway/core/strings.h"

namespace ndxp::connectors::insurance {
namespace {

namespace pb = ::ndxp::insurance::v1;

const std::int32_t kSnapshot = ToDays(kSnapshotDate);

bool Valid(const Participant& p) { return p.card_from <= kSnapshot && kSnapshot <= p.card_to; }

std::uint16_t ResidenceCommune(const InsuranceStore& store, std::uint32_t citizen) {
  const auto& population = store.population();
  return population.households()[population.citizens()[citizen].household].commune;
}

// "Tỉnh Gia Lai" is written "tỉnh Gia Lai" inside a name; "Thành phố Huế" stays.
std::string InName(std::string_view province) {
  constexpr std::string_view kProvince = "Tỉnh ";
  if (province.starts_with(kProvince)) return core::Cat("tỉnh ", province.substr(kProvince.size()));
  return std::string(province);
}

// The initial health-care facility: most holders are registered with the health station of their
// commune, some with a regional health centre, a few with the provincial general hospital.
void FillFacility(const InsuranceStore& store, std::uint32_t citizen, pb::HealthCareFacility* out) {
  const AdminUnits& units = AdminUnits::Get();
  const std::uint16_t commune = ResidenceCommune(store, citizen);
  const Commune& c = units.communes()[commune];
  const Province& province = units.provinces()[c.province];
  const auto& list = province.communes;
  const auto position =
      static_cast<int>(std::lower_bound(list.begin(), list.end(), commune) - list.begin());
  const std::uint64_t pick = Mix(store.seed(), citizen) % 10;
  if (pick < 6) {
    out->set_code(core::Cat(province.code_text, 100 + position));
    out->set_name(core::Cat("Trạm Y tế ", c.name));
  } else if (pick < 9) {
    out->set_code(core::Cat(province.code_text, 500 + position / 4));
    out->set_name(core::Cat("Trung tâm Y tế khu vực ", c.name));
  } else {
    out->set_code(core::Cat(province.code_text, "001"));
    out->set_name(core::Cat("Bệnh viện Đa khoa ", InName(province.name)));
  }
}

void FillSocial(const InsuranceStore& store, std::uint32_t citizen, pb::SocialInsurance* out) {
  const Participant& p = store.Of(citizen);
  out->set_kind(static_cast<pb::SocialInsuranceKind>(p.social));
  ToProto(FromDays(p.social_since), out->mutable_since());
  out->set_contribution_months(p.contribution_months);
  if (p.employer != kNoEmployer) {
    const business::Enterprise& e = store.enterprises().enterprises()[p.employer];
    out->mutable_employer()->set_enterprise_code(FormatEnterpriseCode(e.code));
    out->mutable_employer()->set_name(business::CompanyNameText(e));
  } else if (p.state_employer) {
    const Commune& c = AdminUnits::Get().communes()[ResidenceCommune(store, citizen)];
    out->mutable_employer()->set_name(core::Cat("Ủy ban nhân dân ", c.name));
  }
}

}  // namespace

int BenefitPercent(int benefit_level) {
  switch (benefit_level) {
    case 3:
      return 95;
    case 4:
      return 80;
    default:
      return 100;
  }
}

void FillCard(const InsuranceStore& store, std::uint32_t citizen, pb::HealthInsuranceCard* out) {
  const Participant& p = store.Of(citizen);
  const auto& population = store.population();
  const population::Citizen& c = population.citizens()[citizen];
  const BeneficiaryGroup& group = store.GroupOf(p);
  out->set_card_code(store.CardCode(citizen));
  out->set_beneficiary_group(std::string(group.code));
  out->set_beneficiary_group_name(std::string(group.description));
  out->set_benefit_level(group.benefit_level);
  out->set_benefit_percent(BenefitPercent(group.benefit_level));
  out->set_province_code(
      std::string(AdminUnits::Get().provinces()[store.ResidenceProvince(citizen)].code_text));
  out->set_social_insurance_number(FormatSocialInsuranceNumber(p.number));
  out->set_holder_personal_id(FormatPersonalId(c.id));
  out->set_holder_name(population.FullName(c));
  ToProto(population.BirthDate(c), out->mutable_holder_date_of_birth());
  out->set_holder_sex(c.female ? common::v1::SEX_FEMALE : common::v1::SEX_MALE);
  ToProto(FromDays(p.card_from), out->mutable_valid_from());
  ToProto(FromDays(p.card_to), out->mutable_valid_to());
  out->set_status(Valid(p) ? pb::CARD_STATUS_VALID : pb::CARD_STATUS_EXPIRED);
  FillFacility(store, citizen, out->mutable_facility());
}

void FillParticipant(const InsuranceStore& store, std::uint32_t citizen, pb::Participant* out) {
  const Participant& p = store.Of(citizen);
  const auto& population = store.population();
  const population::Citizen& c = population.citizens()[citizen];
  const population::Household& h = population.households()[c.household];
  out->set_social_insurance_number(FormatSocialInsuranceNumber(p.number));
  out->set_personal_id(FormatPersonalId(c.id));
  out->set_full_name(population.FullName(c));
  ToProto(population.BirthDate(c), out->mutable_date_of_birth());
  out->set_sex(c.female ? common::v1::SEX_FEMALE : common::v1::SEX_MALE);
  out->set_household_id(population.HouseholdCode(h));
  FillAddress(h.street, h.commune, out->mutable_address());
  if (p.social != SocialKind::kNone) FillSocial(store, citizen, out->mutable_social_insurance());
  if (p.group != kNoCard) FillCard(store, citizen, out->mutable_health_insurance_card());
}

void FillHouseholdParticipant(const InsuranceStore& store, std::uint32_t citizen,
                              pb::HouseholdParticipant* out) {
  const Participant& p = store.Of(citizen);
  const auto& population = store.population();
  const population::Citizen& c = population.citizens()[citizen];
  out->set_personal_id(FormatPersonalId(c.id));
  out->set_full_name(population.FullName(c));
  ToProto(population.BirthDate(c), out->mutable_date_of_birth());
  out->set_insured(p.number != 0);
  if (p.number == 0) return;
  out->set_social_insurance_number(FormatSocialInsuranceNumber(p.number));
  out->set_social_insurance_kind(static_cast<pb::SocialInsuranceKind>(p.social));
  if (p.group != kNoCard) {
    out->set_card_code(store.CardCode(citizen));
    out->set_card_status(Valid(p) ? pb::CARD_STATUS_VALID : pb::CARD_STATUS_EXPIRED);
  }
}

}  // namespace ndxp::connectors::insurance
