#include "connectors/catalog/catalog_handlers.h"

#include <string>

#include "connectors/catalog/catalog_tables.h"
#include "connectors/catalog/unit_view.h"
#include "connectors/common/admin_units.h"
#include "connectors/common/rng.h"
#include "connectors/common/text.h"
#include "gateway/core/status.h"
#include "gateway/core/strings.h"

namespace ndxp::connectors::catalog {
namespace {

namespace pb = ::ndxp::catalog::v1;

constexpr std::size_t kMaxCatalogIdLength = 64;

absl::Status ValidateCatalogId(std::string_view id) {
  constexpr std::string_view kField = "catalog_id";
  if (id.empty()) return core::FieldViolation(kField, "is required, e.g. ethnic-groups");
  if (id.size() > kMaxCatalogIdLength) {
    return core::FieldViolation(kField, core::Cat("must be at most ", kMaxCatalogIdLength,
                                                  " characters, not ", CharacterCount(id)));
  }
  for (char c : id) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
      return core::FieldViolation(
          kField, "must be lower-case ASCII letters, digits and hyphens, e.g. ethnic-groups");
    }
  }
  return absl::OkStatus();
}

// A unit code: 2 digits (province) or 5 digits (commune).
absl::StatusOr<std::string_view> ParseUnitCode(std::string_view code) {
  constexpr std::string_view kField = "code";
  if (code.size() != 2 && code.size() != 5) {
    return core::FieldViolation(
        kField, core::Cat("must be 2 digits (a province) or 5 digits (a commune), not ",
                          CharactersText(CharacterCount(code))));
  }
  if (const std::size_t at = FirstNonDigitPosition(code); at != 0) {
    return core::FieldViolation(kField, core::Cat("character ", at, " is not a digit"));
  }
  return code;
}

int TwoDigits(std::string_view code) { return (code[0] - '0') * 10 + (code[1] - '0'); }

// The position of a page token (0 without one), checked against the table's size.
absl::StatusOr<std::uint64_t> PositionOf(const PageTokenCodec& codec, std::string_view token,
                                         std::uint64_t fingerprint, std::size_t size) {
  if (token.empty()) return 0;
  auto position = codec.Decode(token, fingerprint);
  if (!position.ok()) return position.status();
  if (*position > size) {
    return core::FieldViolation("page_token", "is not a token returned by this method");
  }
  return *position;
}

}  // namespace

absl::StatusOr<std::int32_t> AsOfDay(const google::type::Date& date, std::string_view field) {
  if (!IsSet(date)) return ToDays(kSnapshotDate);
  auto parsed = ParseFullDate(date, field);
  if (!parsed.ok()) return parsed.status();
  return ToDays(*parsed);
}

absl::Status ListCatalogs(const PageTokenCodec& codec, const pb::ListCatalogsRequest& request,
                          pb::ListCatalogsResponse& response) {
  auto day = AsOfDay(request.as_of_date(), "as_of_date");
  if (!day.ok()) return day.status();
  auto page_size = EffectivePageSize(request.page_size());
  if (!page_size.ok()) return page_size.status();
  const auto tables = CatalogTables();
  const std::uint64_t fingerprint = Mix(0x4C697374ULL, static_cast<std::uint32_t>(*day));
  auto position = PositionOf(codec, request.page_token(), fingerprint, tables.size());
  if (!position.ok()) return position.status();
  for (std::size_t i = *position; i < tables.size(); ++i) {
    if (response.catalogs_size() == *page_size) {
      response.set_next_page_token(codec.Encode(fingerprint, i));
      break;
    }
    FillCatalog(tables[i], *day, response.add_catalogs());
  }
  response.set_total_size(static_cast<int>(tables.size()));
  return absl::OkStatus();
}

absl::Status GetCatalog(const PageTokenCodec& codec, const pb::GetCatalogRequest& request,
                        pb::GetCatalogResponse& response) {
  if (absl::Status valid = ValidateCatalogId(request.catalog_id()); !valid.ok()) return valid;
  auto day = AsOfDay(request.as_of_date(), "as_of_date");
  if (!day.ok()) return day.status();
  auto page_size = EffectivePageSize(request.page_size(), 100, 1000);
  if (!page_size.ok()) return page_size.status();
  const int index = FindCatalogTable(request.catalog_id());
  if (index < 0) {
    return core::NotFound("catalog", core::Cat("no catalog has id ", request.catalog_id()));
  }
  const CatalogTable& table = CatalogTables()[static_cast<std::size_t>(index)];
  const std::size_t size = PositionCount(table, *day);
  const std::uint64_t fingerprint =
      Mix(static_cast<std::uint64_t>(index), static_cast<std::uint32_t>(*day));
  auto position = PositionOf(codec, request.page_token(), fingerprint, size);
  if (!position.ok()) return position.status();
  FillCatalog(table, *day, response.mutable_catalog());
  ToProto(FromDays(*day), response.mutable_as_of_date());
  for (std::size_t i = *position; i < size; ++i) {
    if (!EntryAt(table, i, *day, nullptr)) continue;
    if (response.entries_size() == *page_size) {
      response.set_next_page_token(codec.Encode(fingerprint, i));
      break;
    }
    EntryAt(table, i, *day, response.add_entries());
  }
  return absl::OkStatus();
}

absl::Status GetAdministrativeUnit(const pb::GetAdministrativeUnitRequest& request,
                                   pb::GetAdministrativeUnitResponse& response) {
  auto code = ParseUnitCode(request.code());
  if (!code.ok()) return code.status();
  auto day = AsOfDay(request.as_of_date(), "as_of_date");
  if (!day.ok()) return day.status();
  const AdminUnits& units = AdminUnits::Get();
  const bool after = *day >= ReorganisationDay();
  const bool province = code->size() == 2;
  int index = -1;
  if (province) {
    index = after ? units.FindProvince(*code) : units.FindOldProvince(TwoDigits(*code));
  } else {
    index = after ? units.FindCommune(*code) : units.FindOldCommune(*code);
  }
  if (index < 0) {
    return core::NotFound("administrative_unit",
                          core::Cat("no ", province ? "province" : "commune", " had code ", *code,
                                    " on ", FormatIsoDate(FromDays(*day))));
  }
  pb::AdministrativeUnit* out = response.mutable_unit();
  if (province && after) FillProvince(static_cast<std::uint16_t>(index), out);
  if (province && !after) FillOldProvince(static_cast<std::uint8_t>(index), out);
  if (!province && after) FillCommune(static_cast<std::uint16_t>(index), out);
  if (!province && !after) FillOldCommune(static_cast<std::uint32_t>(index), out);
  return absl::OkStatus();
}

absl::Status ResolveAdministrativeUnit(const pb::ResolveAdministrativeUnitRequest& request,
                                       pb::ResolveAdministrativeUnitResponse& response) {
  auto code = ParseUnitCode(request.code());
  if (!code.ok()) return code.status();
  const AdminUnits& units = AdminUnits::Get();
  if (code->size() == 2) {
    const int old = units.FindOldProvince(TwoDigits(*code));
    if (old < 0) {
      return core::NotFound("administrative_unit",
                            core::Cat("no province had code ", *code, " until 30 June 2025"));
    }
    const std::uint16_t province = units.old_provinces()[static_cast<std::size_t>(old)].province;
    FillOldProvince(static_cast<std::uint8_t>(old), response.mutable_former_unit());
    FillProvince(province, response.mutable_unit());
    response.set_code_kept(units.provinces()[province].code_text == *code);
    return absl::OkStatus();
  }
  const int old = units.FindOldCommune(*code);
  if (old < 0) {
    return core::NotFound("administrative_unit",
                          core::Cat("no commune had code ", *code, " until 30 June 2025"));
  }
  const auto successors = units.SuccessorsOf(static_cast<std::uint32_t>(old));
  FillOldCommune(static_cast<std::uint32_t>(old), response.mutable_former_unit());
  FillCommune(successors.front(), response.mutable_unit());
  for (std::size_t i = 1; i < successors.size(); ++i) {
    FillCommuneReference(successors[i], true, response.add_other_units());
  }
  response.set_code_kept(units.communes()[successors.front()].code_text == *code);
  return absl::OkStatus();
}

}  // namespace ndxp::connectors::catalog
