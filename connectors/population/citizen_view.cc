#include "connectors/population/citizen_view.h"

#include "connectors/common/admin_units.h"
#include "connectors/common/catalogs.h"
#include "connectors/common/personal_id.h"
#include "connectors/population/demography.h"

namespace ndxp::connectors::population {
namespace {

namespace pb = ::ndxp::population::v1;

std::string IdOf(const CitizenStore& store, std::uint32_t index) {
  return index == kNoCitizen ? std::string() : FormatPersonalId(store.citizens()[index].id);
}

}  // namespace

void FillCitizen(const CitizenStore& store, const Citizen& c, pb::Citizen* out) {
  const AdminUnits& units = AdminUnits::Get();
  const Household& household = store.households()[c.household];
  out->set_personal_id(FormatPersonalId(c.id));
  out->set_full_name(store.FullName(c));
  ToProto(store.BirthDate(c), out->mutable_date_of_birth());
  out->set_sex(c.female ? common::v1::SEX_FEMALE : common::v1::SEX_MALE);
  out->set_ethnicity(std::string(EthnicityName(c.ethnicity)));
  out->set_religion(std::string(ReligionName(c.religion)));
  out->set_nationality(std::string(NationalityName("VN")));
  const int birth_province = units.FindOldProvince(static_cast<int>(c.id / 1'000'000'000));
  out->set_birth_registration_province(std::string(units.old_provinces()[birth_province].name));
  FillUnit(c.origin_commune, out->mutable_place_of_origin());
  FillAddress(household.street, household.commune, out->mutable_permanent_address());
  out->set_household_id(store.HouseholdCode(household));
  out->set_household_relation(static_cast<pb::HouseholdRelation>(c.relation));
  out->set_father_personal_id(IdOf(store, c.father));
  out->set_mother_personal_id(IdOf(store, c.mother));
  out->set_spouse_personal_id(IdOf(store, c.spouse));
}

void FillHousehold(const CitizenStore& store, const Household& household, pb::Household* out) {
  out->set_household_id(store.HouseholdCode(household));
  out->set_head_personal_id(FormatPersonalId(store.citizens()[household.first_member].id));
  FillAddress(household.street, household.commune, out->mutable_address());
  for (const Citizen& c : store.MembersOf(household)) {
    pb::HouseholdMember* member = out->add_members();
    member->set_personal_id(FormatPersonalId(c.id));
    member->set_full_name(store.FullName(c));
    ToProto(store.BirthDate(c), member->mutable_date_of_birth());
    member->set_relation(static_cast<pb::HouseholdRelation>(c.relation));
  }
}

}  // namespace ndxp::connectors::population
