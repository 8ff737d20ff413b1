#include "connectors/land/land_handlers.h"

#include "connectors/common/admin_units.h"
#include "connectors/common/land_ids.h"
#include "connectors/land/land_use_plan.h"
#include "connectors/land/land_view.h"
#include "gateway/core/status.h"
#include "gateway/core/strings.h"

namespace ndxp::connectors::land {
namespace {

namespace pb = ::ndxp::land::v1;

bool FiveDigits(std::string_view s) {
  if (s.size() != 5) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// The parcel a request names, validated: every part's form first, then existence.
absl::StatusOr<ParcelRef> ParcelOf(const pb::GetParcelRequest& request) {
  if (!request.parcel_id().empty()) {
    if (!request.commune_code().empty() || request.map_sheet_number() != 0 ||
        request.parcel_number() != 0) {
      return core::FieldViolation("parcel_id",
                                  "when parcel_id is set, commune_code, map_sheet_number and "
                                  "parcel_number must be left empty");
    }
    return ParseParcelId(request.parcel_id());
  }
  if (request.commune_code().empty()) {
    return core::FieldViolation("commune_code",
                                "is required (or parcel_id): a five-digit commune code");
  }
  if (!FiveDigits(request.commune_code())) {
    return core::FieldViolation("commune_code", "must be a five-digit commune code, e.g. 26740");
  }
  if (absl::Status s = CheckMapSheet(request.map_sheet_number()); !s.ok()) return s;
  if (absl::Status s = CheckParcelNumber(request.parcel_number()); !s.ok()) return s;
  auto commune = LookUpCommune(request.commune_code());
  if (!commune.ok()) return commune.status();
  return ParcelRef{*commune, request.map_sheet_number(), request.parcel_number()};
}

}  // namespace

absl::Status GetParcel(const ParcelStore& store, const pb::GetParcelRequest& request,
                       pb::GetParcelResponse& response) {
  auto ref = ParcelOf(request);
  if (!ref.ok()) return ref.status();
  const Commune& commune = AdminUnits::Get().communes()[ref->commune];
  const Parcel* parcel = store.FindParcel(commune.code, ref->map_sheet, ref->parcel_number);
  if (parcel == nullptr) {
    return core::NotFound("parcel", core::Cat("no parcel ", ref->parcel_number, " on map sheet ",
                                              ref->map_sheet, " of commune ", commune.code_text));
  }
  FillParcel(store, *parcel, response.mutable_parcel());
  return absl::OkStatus();
}

absl::Status FindParcelsByCertificate(const ParcelStore& store,
                                      const pb::FindParcelsByCertificateRequest& request,
                                      pb::FindParcelsByCertificateResponse& response) {
  auto serial = ParseCertificateSerial(request.certificate_serial());
  if (!serial.ok()) return serial.status();
  const Certificate* certificate = store.FindCertificate(CertificateSerialKey(*serial));
  if (certificate == nullptr) {
    return core::NotFound("land_certificate", core::Cat("no certificate was issued with serial ",
                                                        FormatCertificateSerial(*serial)));
  }
  FillCertificate(store, *certificate, response.mutable_certificate());
  for (std::uint32_t p : store.ParcelsOf(*certificate)) {
    FillParcel(store, store.parcels()[p], response.add_parcels());
  }
  return absl::OkStatus();
}

absl::Status GetLandUsePlan(const ParcelStore& store, const pb::GetLandUsePlanRequest& request,
                            pb::GetLandUsePlanResponse& response) {
  auto commune = LookUpCommune(request.commune_code());
  if (!commune.ok()) return commune.status();
  FillLandUsePlans(store.seed(), *commune, &response);
  return absl::OkStatus();
}

}  // namespace ndxp::connectors::land
