#include "connectors/business/business_handlers.h"

#include <limits>

#include "connectors/business/enterprise_view.h"
#include "connectors/common/admin_units.h"
#include "connectors/common/enterprise_code.h"
#include "connectors/common/paging.h"
#include "connectors/common/personal_id.h"
#include "connectors/common/province_code.h"
#include "connectors/common/text.h"
#include "connectors/common/typed_handler.h"
#include "gateway/core/status.h"
#include "gateway/core/strings.h"

namespace ndxp::connectors::business {
namespace {

namespace pb = ::ndxp::business::v1;

// A province and registration-date filter, validated.
struct Filter {
  std::uint16_t province = 0;
  std::int32_t since_day = std::numeric_limits<std::int32_t>::min();
  std::uint64_t Fingerprint() const { return Mix(province, static_cast<std::uint32_t>(since_day)); }
};

absl::StatusOr<Filter> ParseFilter(std::string_view province_code,
                                   const google::type::Date& registered_since) {
  auto province = ParseProvinceCode(province_code, "province_code");
  if (!province.ok()) return province.status();
  Filter filter;
  filter.province = static_cast<std::uint16_t>(*province);
  if (IsSet(registered_since)) {
    if (std::string problem = DateProblem(registered_since); !problem.empty()) {
      return core::FieldViolation("registered_since", problem);
    }
    filter.since_day = ToDays(FromProto(registered_since));
  }
  return filter;
}

// The parts of a dossier number DKKD-PP-YYYY-NNNNNN, each checked with its own message.
struct DossierNumber {
  int province = 0;
  int year = 0;
  std::uint32_t sequence = 0;
};

absl::StatusOr<DossierNumber> ParseDossierId(std::string_view id) {
  constexpr std::string_view kField = "dossier_id";
  constexpr std::string_view kForm = "DKKD-PP-YYYY-NNNNNN, e.g. DKKD-79-2025-000123";
  if (id.empty()) return core::FieldViolation(kField, core::Cat("is empty: it must be ", kForm));
  if (!id.starts_with("DKKD-")) {
    return core::FieldViolation(kField,
                                core::Cat("must start with DKKD- (capitals): it is ", kForm));
  }
  // The three parts after "DKKD-", split at hyphens; a fourth hyphen is reported as such.
  std::string_view rest = id.substr(5);
  std::string_view parts[3];
  for (int i = 0; i < 3; ++i) {
    const std::size_t hyphen = rest.find('-');
    if (i < 2 && hyphen == std::string_view::npos) {
      return core::FieldViolation(
          kField, core::Cat("has ", i + 1, i == 0 ? " part" : " parts",
                            " after DKKD- where three are required, separated by hyphens: the "
                            "province code, the year and the serial (",
                            kForm, ")"));
    }
    if (i == 2 && hyphen != std::string_view::npos) {
      return core::FieldViolation(
          kField, core::Cat("has more than three parts after DKKD-: it must be ", kForm));
    }
    parts[i] = rest.substr(0, hyphen);
    if (i < 2) rest = rest.substr(hyphen + 1);
  }
  const auto all_digits = [](std::string_view part, std::size_t n) {
    return part.size() == n && FirstNonDigitPosition(part) == 0;
  };
  // Why a part is not `n` digits (the caller's text is not echoed).
  const auto why = [](std::string_view part) {
    if (const std::size_t at = FirstNonDigitPosition(part); at != 0) {
      return core::Cat("; its character ", at, " is not a digit");
    }
    return core::Cat("; it has ", part.size(), part.size() == 1 ? " digit" : " digits");
  };
  const auto number = [](std::string_view part) {
    int v = 0;
    for (char c : part) v = v * 10 + (c - '0');
    return v;
  };
  if (!all_digits(parts[0], 2)) {
    return core::FieldViolation(
        kField, core::Cat("the province part (PP, after DKKD-) must be two digits, e.g. 79",
                          why(parts[0])));
  }
  if (std::string problem = ProvinceCodeProblem(parts[0]); !problem.empty()) {
    return core::FieldViolation(kField, core::Cat("the province part is wrong: ", problem));
  }
  if (!all_digits(parts[1], 4)) {
    return core::FieldViolation(
        kField, core::Cat("the year part (YYYY) must be four digits, e.g. 2025", why(parts[1])));
  }
  DossierNumber number_parts;
  number_parts.province = number(parts[0]);
  number_parts.year = number(parts[1]);
  if (number_parts.year < 2000 || number_parts.year > kSnapshotDate.year) {
    return core::FieldViolation(
        kField, core::Cat("the year is ", parts[1], ": it must be 2000 to ", kSnapshotDate.year,
                          " (dossiers are numbered from 2000 to the data's snapshot year)"));
  }
  if (!all_digits(parts[2], 6)) {
    return core::FieldViolation(
        kField,
        core::Cat("the serial (NNNNNN, the last part) must be six digits, e.g. 000123",
                  why(parts[2])));
  }
  number_parts.sequence = static_cast<std::uint32_t>(number(parts[2]));
  if (number_parts.sequence == 0) {
    return core::FieldViolation(
        kField, "the serial (the last part) is 000000: it must be 000001 to 999999");
  }
  return number_parts;
}

// A registered unit: an enterprise, or one of its dependent units.
struct Unit {
  const Enterprise* enterprise = nullptr;
  const DependentUnit* dependent = nullptr;
};

absl::StatusOr<Unit> FindUnit(const EnterpriseStore& store, std::string_view text) {
  auto code = ParseEnterpriseCode(text, "enterprise_code");
  if (!code.ok()) return code.status();
  Unit unit;
  unit.enterprise = store.FindEnterprise(code->enterprise);
  if (unit.enterprise != nullptr && code->is_dependent_unit()) {
    unit.dependent = store.FindUnit(*unit.enterprise, code->unit_suffix);
    if (unit.dependent == nullptr) unit.enterprise = nullptr;
  }
  if (unit.enterprise == nullptr) {
    return core::NotFound("enterprise", core::Cat("no enterprise or dependent unit has code ",
                                                  FormatEnterpriseCode(*code)));
  }
  return unit;
}

class EnterpriseStream final : public TypedResponseStream<pb::StreamEnterprisesResponse> {
 public:
  EnterpriseStream(std::shared_ptr<const EnterpriseStore> store, Filter filter)
      : store_(std::move(store)), filter_(filter), list_(store_->InProvince(filter.province)) {}

 protected:
  absl::StatusOr<bool> NextTyped(pb::StreamEnterprisesResponse& out) override {
    while (next_ < list_.size()) {
      const Enterprise& e = store_->enterprises()[list_[next_++]];
      if (e.registration_day < filter_.since_day) continue;
      FillEnterprise(*store_, e, out.mutable_enterprise());
      return true;
    }
    return false;
  }

 private:
  std::shared_ptr<const EnterpriseStore> store_;
  Filter filter_;
  std::span<const std::uint32_t> list_;
  std::size_t next_ = 0;
};

}  // namespace

absl::Status GetEnterprise(const EnterpriseStore& store, const pb::GetEnterpriseRequest& request,
                           pb::GetEnterpriseResponse& response) {
  auto unit = FindUnit(store, request.enterprise_code());
  if (!unit.ok()) return unit.status();
  if (unit->dependent != nullptr) {
    FillDependentUnit(store, *unit->dependent, response.mutable_enterprise());
  } else {
    FillEnterprise(store, *unit->enterprise, response.mutable_enterprise());
  }
  return absl::OkStatus();
}

absl::Status VerifyEnterprise(const EnterpriseStore& store,
                              const pb::VerifyEnterpriseRequest& request,
                              pb::VerifyEnterpriseResponse& response) {
  if (auto code = ParseEnterpriseCode(request.enterprise_code()); !code.ok()) return code.status();
  const std::string& rep_id = request.legal_representative_personal_id();
  if (!rep_id.empty()) {
    if (auto id = ParsePersonalId(rep_id, "legal_representative_personal_id"); !id.ok()) {
      return id.status();
    }
  }
  const auto& date = request.registration_date();
  if (IsSet(date)) {
    if (std::string problem = DateProblem(date); !problem.empty()) {
      return core::FieldViolation("registration_date", problem);
    }
  }
  if (FoldSpaces(request.name()).empty() && rep_id.empty() && !IsSet(date)) {
    // Decision 0150: nothing to compare proves nothing; the violation names the first field.
    return core::FieldViolation(
        "name", request.name().empty()
                    ? "nothing to compare: at least one of name, "
                      "legal_representative_personal_id and registration_date must be given"
                    : "is only spaces and the other fields are unset: at least one of name, "
                      "legal_representative_personal_id and registration_date must be given");
  }
  auto unit = FindUnit(store, request.enterprise_code());
  if (!unit.ok()) return unit.status();
  pb::Enterprise record;
  if (unit->dependent != nullptr) {
    FillDependentUnit(store, *unit->dependent, &record);
  } else {
    FillEnterprise(store, *unit->enterprise, &record);
  }
  response.set_name(CompareText(request.name(), record.name()));
  response.set_legal_representative_personal_id(
      CompareText(rep_id, record.legal_representative_personal_id()));
  response.set_registration_date(CompareDate(date, FromProto(record.registration_date())));
  response.set_status(record.status());
  response.set_matched(AllMatch({response.name(), response.legal_representative_personal_id(),
                                 response.registration_date()}));
  return absl::OkStatus();
}

absl::Status ListEnterprises(const EnterpriseStore& store,
                             const pb::ListEnterprisesRequest& request,
                             pb::ListEnterprisesResponse& response) {
  auto filter = ParseFilter(request.province_code(), request.registered_since());
  if (!filter.ok()) return filter.status();
  auto page_size = EffectivePageSize(request.page_size());
  if (!page_size.ok()) return page_size.status();
  const PageTokenCodec codec(Mix(store.seed(), 0x50616765546F6BULL));
  const auto list = store.InProvince(filter->province);
  std::uint64_t position = 0;
  if (!request.page_token().empty()) {
    auto decoded = codec.Decode(request.page_token(), filter->Fingerprint());
    if (!decoded.ok()) return decoded.status();
    if (*decoded > list.size()) {
      return core::FieldViolation("page_token",
                                  "points past the end of the list: it is not a token returned "
                                  "by this method for this filter");
    }
    position = *decoded;
  }
  int total = 0;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const Enterprise& e = store.enterprises()[list[i]];
    if (e.registration_day < filter->since_day) continue;
    ++total;
    if (i < position) continue;
    if (response.enterprises_size() < *page_size) {
      FillEnterprise(store, e, response.add_enterprises());
    } else if (response.next_page_token().empty()) {
      response.set_next_page_token(codec.Encode(filter->Fingerprint(), i));
    }
  }
  response.set_total_size(total);
  return absl::OkStatus();
}

absl::Status GetRegistrationDossierStatus(const EnterpriseStore& store,
                                          const pb::GetRegistrationDossierStatusRequest& request,
                                          pb::GetRegistrationDossierStatusResponse& response) {
  auto parsed = ParseDossierId(request.dossier_id());
  if (!parsed.ok()) return parsed.status();
  const auto [province, year, sequence] = *parsed;
  const std::string& id = request.dossier_id();
  const Dossier* dossier = store.FindDossier(province, year, static_cast<std::uint32_t>(sequence));
  if (dossier == nullptr) {
    return core::NotFound("registration_dossier", core::Cat("no registration dossier ", id));
  }
  FillDossier(store, *dossier, response.mutable_dossier());
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<core::ResponseStream>> StreamEnterprises(
    std::shared_ptr<const EnterpriseStore> store, const pb::StreamEnterprisesRequest& request) {
  auto filter = ParseFilter(request.province_code(), request.registered_since());
  if (!filter.ok()) return filter.status();
  return std::make_unique<EnterpriseStream>(std::move(store), *filter);
}

}  // namespace ndxp::connectors::business
