#include "connectors/budget/budget_handlers.h"

#include "connectors/budget/budget_view.h"
#include "connectors/common/admin_units.h"
#include "connectors/common/budget_unit_code.h"
#include "connectors/common/dates.h"
#include "connectors/common/enterprise_code.h"
#include "connectors/common/text.h"
#include "gateway/core/status.h"
#include "gateway/core/strings.h"
#include "gateway/core/utf8.h"

namespace ndxp::connectors::budget {
namespace {

namespace pb = ::ndxp::budget::v1;

constexpr std::size_t kMaxRequestId = 64;
constexpr std::size_t kMaxUnitName = 200;  // code points

absl::Status UnitNotFound(std::string_view what) {
  return core::NotFound("budget_unit", core::Cat("no budget-relationship unit has ", what));
}

// A ten-digit enterprise code (not a dependent unit's) and its enterprise.
absl::StatusOr<const business::Enterprise*> FindEnterprise(const BudgetStore& store,
                                                           std::string_view text) {
  auto code = ParseEnterpriseCode(text, "enterprise_code");
  if (!code.ok()) return code.status();
  if (code->is_dependent_unit()) {
    return core::FieldViolation(
        "enterprise_code", "must be the ten-digit code of an enterprise, not a dependent unit");
  }
  const business::Enterprise* e = store.enterprises().FindEnterprise(code->enterprise);
  if (e == nullptr) {
    return core::NotFound(
        "enterprise", core::Cat("no enterprise has code ", FormatEnterpriseCode(code->enterprise)));
  }
  return e;
}

bool IsRequestIdChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '.' || c == ':';
}

absl::Status CheckRequestId(std::string_view id) {
  if (id.empty() || id.size() > kMaxRequestId) {
    return core::FieldViolation("request_id", "must be 1 to 64 characters");
  }
  for (char c : id) {
    if (!IsRequestIdChar(c)) {
      return core::FieldViolation("request_id",
                                  "may contain only A-Z, a-z, 0-9 and the characters - _ . :");
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> CheckUnitName(std::string_view text) {
  const std::optional<std::size_t> length = core::Utf8Length(text);
  if (!length) return core::FieldViolation("unit_name", "must be valid UTF-8");
  if (*length > kMaxUnitName) {
    return core::FieldViolation("unit_name", "must be at most 200 characters");
  }
  std::string name = FoldSpaces(text);
  if (name.empty()) return core::FieldViolation("unit_name", "must not be empty");
  for (unsigned char c : name) {
    if (c < 0x20 || c == 0x7F) {
      return core::FieldViolation("unit_name", "must not contain control characters");
    }
  }
  return name;
}

struct DossierNumber {
  int province = 0;
  int year = 0;
  std::uint32_t sequence = 0;
};

absl::StatusOr<DossierNumber> ParseDossierId(std::string_view id, int current_year) {
  constexpr std::string_view kField = "dossier_id";
  const auto digits = [&id](std::size_t pos, std::size_t n, int& out) {
    out = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
      if (id[i] < '0' || id[i] > '9') return false;
      out = out * 10 + (id[i] - '0');
    }
    return true;
  };
  DossierNumber n;
  int sequence = 0;
  if (id.size() != 19 || !id.starts_with("MSNS-") || id[7] != '-' || id[12] != '-' ||
      !digits(5, 2, n.province) || !digits(8, 4, n.year) || !digits(13, 6, sequence)) {
    return core::FieldViolation(kField, "must be MSNS-PP-YYYY-NNNNNN, e.g. MSNS-79-2025-000123");
  }
  if (AdminUnits::Get().FindProvince(id.substr(5, 2)) < 0) {
    return core::FieldViolation(kField, "PP must be the code of a province in force");
  }
  if (n.year < 2016 || n.year > current_year) {
    return core::FieldViolation(kField,
                                core::Cat("YYYY must be a year from 2016 to ", current_year));
  }
  if (sequence == 0) return core::FieldViolation(kField, "NNNNNN must not be 000000");
  n.sequence = static_cast<std::uint32_t>(sequence);
  return n;
}

int CurrentYear(const DossierDesk& desk) {
  const std::int64_t minutes = LocalMinutes(desk.Now());
  return FromDays(static_cast<std::int32_t>(minutes / 1440)).year;
}

}  // namespace

absl::Status GetBudgetUnit(const BudgetStore& store, const DossierDesk& desk,
                           const pb::GetBudgetUnitRequest& request,
                           pb::GetBudgetUnitResponse& response) {
  switch (request.key_case()) {
    case pb::GetBudgetUnitRequest::kBudgetUnitCode: {
      auto code = ParseBudgetUnitCode(request.budget_unit_code(), "budget_unit_code");
      if (!code.ok()) return code.status();
      if (const BudgetUnit* unit = store.FindUnit(code->value)) {
        FillBudgetUnit(store, *unit, response.mutable_unit());
        return absl::OkStatus();
      }
      if (auto issued = desk.FindIssued(code->value)) {
        FillIssuedUnit(store, *issued, response.mutable_unit());
        return absl::OkStatus();
      }
      return UnitNotFound(core::Cat("code ", FormatBudgetUnitCode(code->value)));
    }
    case pb::GetBudgetUnitRequest::kEnterpriseCode: {
      auto enterprise = FindEnterprise(store, request.enterprise_code());
      if (!enterprise.ok()) {
        if (enterprise.status().code() != absl::StatusCode::kNotFound) return enterprise.status();
        return UnitNotFound(core::Cat("enterprise code ", request.enterprise_code()));
      }
      if (const BudgetUnit* unit = store.FindByEnterprise((*enterprise)->code)) {
        FillBudgetUnit(store, *unit, response.mutable_unit());
        return absl::OkStatus();
      }
      const std::uint32_t index = store.enterprises().IndexOf(**enterprise);
      if (auto issued = desk.FindIssuedForEnterprise(index)) {
        FillIssuedUnit(store, *issued, response.mutable_unit());
        return absl::OkStatus();
      }
      return UnitNotFound(core::Cat("enterprise code ", request.enterprise_code()));
    }
    default:
      return core::FieldViolation("budget_unit_code",
                                  "one of budget_unit_code or enterprise_code must be set");
  }
}

absl::StatusOr<CodeRequest> ValidateCodeRequest(const BudgetStore& store,
                                                const pb::SubmitCodeRequestRequest& request) {
  const AdminUnits& units = AdminUnits::Get();
  if (absl::Status s = CheckRequestId(request.request_id()); !s.ok()) return s;
  CodeRequest out;
  out.request_id = request.request_id();
  const int province = units.FindProvince(request.province_code());
  if (province < 0) {
    return core::FieldViolation("province_code",
                                "must be the two-digit code of one of the 34 provinces in force "
                                "since 1 July 2025");
  }
  out.province_code = units.provinces()[static_cast<std::size_t>(province)].code;
  if (request.kind() <= pb::UNIT_KIND_UNSPECIFIED ||
      request.kind() > pb::UNIT_KIND_INVESTMENT_IMPLEMENTATION) {
    return core::FieldViolation("kind", "must be one of the five kinds of unit (not UNSPECIFIED)");
  }
  out.kind = static_cast<std::uint8_t>(request.kind());
  auto name = CheckUnitName(request.unit_name());
  if (!name.ok()) return name.status();
  out.unit_name = *std::move(name);
  const int commune =
      request.commune_code().size() == 5 ? units.FindCommune(request.commune_code()) : -1;
  if (commune < 0) {
    return core::FieldViolation("commune_code",
                                "must be the five-digit code of a commune in force");
  }
  if (units.communes()[static_cast<std::size_t>(commune)].province != province) {
    return core::FieldViolation("commune_code", "must be a commune of the province province_code");
  }
  out.commune = static_cast<std::uint16_t>(commune);
  const bool needs_governing = out.kind != pb::UNIT_KIND_ADMINISTRATIVE_BUDGET;
  if (request.governing_unit_code().empty()) {
    if (needs_governing) {
      return core::FieldViolation("governing_unit_code",
                                  "is required for every kind but ADMINISTRATIVE_BUDGET");
    }
  } else {
    auto code = ParseBudgetUnitCode(request.governing_unit_code(), "governing_unit_code");
    if (!code.ok()) return code.status();
    const BudgetUnit* governing = store.FindUnit(code->value);
    if (governing == nullptr) {
      return UnitNotFound(core::Cat("code ", FormatBudgetUnitCode(code->value)));
    }
    out.governing = store.IndexOf(*governing);
  }
  if (!request.enterprise_code().empty()) {
    if (out.kind != pb::UNIT_KIND_OTHER) {
      return core::FieldViolation("enterprise_code", "is only for units of kind OTHER");
    }
    auto enterprise = FindEnterprise(store, request.enterprise_code());
    if (!enterprise.ok()) return enterprise.status();
    out.enterprise = store.enterprises().IndexOf(**enterprise);
  }
  return out;
}

absl::Status SubmitCodeRequest(const BudgetStore& store, DossierDesk& desk,
                               const pb::SubmitCodeRequestRequest& request,
                               pb::SubmitCodeRequestResponse& response) {
  auto validated = ValidateCodeRequest(store, request);
  if (!validated.ok()) return validated.status();
  auto dossier = desk.Submit(*validated);
  if (!dossier.ok()) return dossier.status();
  FillDossier(store, desk, *dossier, response.mutable_dossier());
  return absl::OkStatus();
}

absl::Status GetDossierStatus(const BudgetStore& store, const DossierDesk& desk,
                              const pb::GetDossierStatusRequest& request,
                              pb::GetDossierStatusResponse& response) {
  auto number = ParseDossierId(request.dossier_id(), std::max(CurrentYear(desk), 2025));
  if (!number.ok()) return number.status();
  if (const HistoricalDossier* d =
          store.FindDossier(number->province, number->year, number->sequence)) {
    FillDossier(store, *d, response.mutable_dossier());
    return absl::OkStatus();
  }
  if (auto live = desk.Find(DossierKey(number->province, number->year, number->sequence))) {
    FillDossier(store, desk, *live, response.mutable_dossier());
    return absl::OkStatus();
  }
  return core::NotFound("code_dossier",
                        core::Cat("no code-request dossier ", request.dossier_id()));
}

}  // namespace ndxp::connectors::budget
