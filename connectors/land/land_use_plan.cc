#include "connectors/land/land_use_plan.h"

#include <array>
#include <cstdio>

#include "connectors/common/admin_units.h"
#include "connectors/common/dates.h"
#include "connectors/common/rng.h"
#include "connectors/common/street_address.h"
#include "connectors/land/land_use_types.h"
#include "gateway/core/strings.h"

namespace ndxp::connectors::land {
namespace {

namespace pb = ::ndxp::land::v1;

struct Share {
  std::string_view code;
  std::uint32_t ward, rural, zone;  // per mille of the natural area, before jitter
  int change_lo, change_hi;         // percent of the current area planned for 2030
};

constexpr Share kShares[] = {
    {"LUC", 60, 150, 20, 85, 98},  {"LUK", 10, 30, 5, 80, 98},     {"BHK", 40, 60, 30, 90, 102},
    {"NHK", 0, 30, 10, 85, 100},   {"CLN", 80, 150, 80, 95, 105},  {"RSX", 10, 180, 150, 95, 105},
    {"RPH", 0, 80, 250, 100, 106}, {"RDD", 0, 20, 80, 100, 103},   {"NTS", 30, 30, 60, 95, 110},
    {"ODT", 280, 0, 20, 106, 125}, {"ONT", 0, 50, 30, 105, 118},   {"TSC", 10, 2, 5, 100, 110},
    {"CQP", 10, 5, 40, 100, 115},  {"CAN", 5, 1, 10, 100, 115},    {"DGD", 25, 5, 5, 105, 125},
    {"DYT", 8, 2, 2, 105, 130},    {"SKK", 20, 5, 0, 110, 160},    {"SKC", 40, 10, 5, 105, 140},
    {"TMD", 60, 5, 40, 110, 160},  {"DGT", 150, 40, 40, 105, 125}, {"DTL", 30, 40, 10, 100, 110},
    {"TON", 5, 2, 2, 100, 103},    {"NTD", 10, 10, 5, 100, 110},   {"SON", 60, 50, 30, 100, 100},
    {"BCS", 20, 20, 40, 30, 80},   {"DCS", 0, 30, 40, 40, 85},     {"NCS", 0, 10, 10, 90, 100},
};
constexpr std::size_t kCount = std::size(kShares);

double Hectares(std::int64_t hundredths) { return static_cast<double>(hundredths) / 100.0; }

struct Areas {
  std::array<std::int64_t, kCount> now{}, planned{};  // in 0.01 ha
  std::int64_t total = 0;
};

Areas ComputeAreas(Rng& rng, CommuneKind kind) {
  Areas a;
  // Natural area in 0.01 ha: wards 300-2,500 ha, rural communes 2,000-30,000 ha, zones
  // 1,000-20,000.
  const std::int64_t lo = kind == CommuneKind::kWard      ? 300
                          : kind == CommuneKind::kCommune ? 2'000
                                                          : 1'000;
  const std::int64_t hi = kind == CommuneKind::kWard      ? 2'500
                          : kind == CommuneKind::kCommune ? 30'000
                                                          : 20'000;
  a.total = rng.Between(lo * 100, hi * 100);
  std::array<std::uint64_t, kCount> weights{};
  std::uint64_t sum = 0;
  for (std::size_t i = 0; i < kCount; ++i) {
    const Share& s = kShares[i];
    const std::uint32_t base = kind == CommuneKind::kWard      ? s.ward
                               : kind == CommuneKind::kCommune ? s.rural
                                                               : s.zone;
    weights[i] = base * static_cast<std::uint64_t>(rng.Between(50, 150));
    sum += weights[i];
  }
  std::int64_t assigned = 0;
  std::size_t largest = 0;
  for (std::size_t i = 0; i < kCount; ++i) {
    a.now[i] = static_cast<std::int64_t>(static_cast<std::uint64_t>(a.total) * weights[i] / sum);
    assigned += a.now[i];
    if (a.now[i] > a.now[largest]) largest = i;
  }
  a.now[largest] += a.total - assigned;
  // The plan: each type changes by its range; the balance is taken from (or given to) the
  // largest agricultural type, so that the total stays the natural area.
  std::int64_t planned_sum = 0;
  std::size_t sink = 0;
  for (std::size_t i = 0; i < kCount; ++i) {
    const Share& s = kShares[i];
    a.planned[i] = a.now[i] * rng.Between(s.change_lo, s.change_hi) / 100;
    planned_sum += a.planned[i];
    const bool agricultural =
        LandUseTypes()[static_cast<std::size_t>(FindLandUseType(s.code))].group ==
        pb::LAND_GROUP_AGRICULTURAL;
    if (agricultural && a.now[i] > a.now[sink]) sink = i;
  }
  a.planned[sink] += a.total - planned_sum;
  if (a.planned[sink] < 0) {  // cannot happen with the ranges above; keep the areas sane anyway
    a.planned = a.now;
  }
  return a;
}

void AddAllocations(const Areas& a, int from_tenths, int to_tenths, pb::LandUsePlan* plan) {
  for (std::size_t i = 0; i < kCount; ++i) {
    if (a.now[i] == 0 && a.planned[i] == 0) continue;
    const LandUseType& type =
        LandUseTypes()[static_cast<std::size_t>(FindLandUseType(kShares[i].code))];
    const std::int64_t delta = a.planned[i] - a.now[i];
    pb::LandUseAllocation* row = plan->add_allocations();
    row->set_land_use_code(std::string(type.code));
    row->set_land_use_name(std::string(type.name));
    row->set_land_group(static_cast<pb::LandGroup>(type.group));
    row->set_current_area_ha(Hectares(a.now[i] + delta * from_tenths / 10));
    row->set_planned_area_ha(Hectares(a.now[i] + delta * to_tenths / 10));
  }
}

std::string DecisionNumber(Rng& rng) {
  char out[24];
  std::snprintf(out, sizeof out, "%u/QĐ-UBND", static_cast<unsigned>(rng.Between(120, 3999)));
  return out;
}

}  // namespace

void FillLandUsePlans(std::uint64_t seed, std::uint16_t commune, pb::GetLandUsePlanResponse* out) {
  const AdminUnits& units = AdminUnits::Get();
  const Commune& c = units.communes()[commune];
  Rng rng(Mix(Mix(seed, 0x506C616E73ULL), c.code));
  FillUnit(commune, out->mutable_unit());
  const Areas areas = ComputeAreas(rng, c.kind);
  const std::string authority =
      core::Cat("Ủy ban nhân dân ", units.old_provinces()[c.old_province].name);

  pb::LandUsePlan* master = out->add_plans();
  master->set_kind(pb::PLAN_KIND_MASTER_PLAN);
  master->set_title("Quy hoạch sử dụng đất thời kỳ 2021-2030");
  master->set_start_year(2021);
  master->set_end_year(2030);
  master->set_approval_decision(DecisionNumber(rng));
  master->set_approving_authority(authority);
  ToProto(
      FromDays(AddWorkingDays(
          static_cast<std::int32_t>(rng.Between(ToDays({2022, 3, 1}), ToDays({2023, 10, 31}))), 0)),
      master->mutable_approval_date());
  master->set_natural_area_ha(Hectares(areas.total));
  AddAllocations(areas, 0, 10, master);

  pb::LandUsePlan* annual = out->add_plans();
  annual->set_kind(pb::PLAN_KIND_ANNUAL_PLAN);
  annual->set_title("Kế hoạch sử dụng đất năm 2025");
  annual->set_start_year(2025);
  annual->set_end_year(2025);
  annual->set_approval_decision(DecisionNumber(rng));
  annual->set_approving_authority(authority);
  ToProto(
      FromDays(AddWorkingDays(
          static_cast<std::int32_t>(rng.Between(ToDays({2024, 12, 2}), ToDays({2025, 2, 28}))), 0)),
      annual->mutable_approval_date());
  annual->set_natural_area_ha(Hectares(areas.total));
  AddAllocations(areas, 4, 5, annual);
}

}  // namespace ndxp::connectors::land
