#include "connectors/land/land_connector.h"

#include "connectors/common/admin_units.h"
#include "connectors/common/sampling.h"
#include "connectors/common/typed_handler.h"
#include "connectors/land/land_handlers.h"
#include "connectors/land/land_view.h"
#include "gateway/core/strings.h"

namespace ndxp::connectors::land {
namespace {

namespace pb = ::ndxp::land::v1;

std::string Quoted(std::string_view field, std::string_view value) {
  return core::Cat(field, ": \"", value, "\"");
}

// Communes that hold at least one parcel, in code order.
std::vector<std::uint16_t> CommunesWithParcels(const ParcelStore& store) {
  std::vector<std::uint16_t> communes;
  for (const Parcel& p : store.parcels()) {
    if (communes.empty() || communes.back() != p.commune) communes.push_back(p.commune);
  }
  return communes;
}

}  // namespace

LandConnector::LandConnector(std::shared_ptr<const ParcelStore> store) : store_(std::move(store)) {}

const google::protobuf::ServiceDescriptor& LandConnector::ServiceDescriptor() {
  return *pb::GetParcelRequest::descriptor()->file()->FindServiceByName("LandService");
}

const google::protobuf::ServiceDescriptor& LandConnector::service() const {
  return ServiceDescriptor();
}

std::vector<core::MethodHandler> LandConnector::Handlers() {
  const auto& svc = service();
  auto handler = [&svc](const char* method) { return HandlerOf(svc, method); };
  std::vector<core::MethodHandler> handlers;
  handlers.push_back(handler("GetParcel"));
  handlers.back().unary = StoreUnary<&GetParcel>(store_);
  handlers.push_back(handler("FindParcelsByCertificate"));
  handlers.back().unary = StoreUnary<&FindParcelsByCertificate>(store_);
  handlers.push_back(handler("GetLandUsePlan"));
  handlers.back().unary = StoreUnary<&GetLandUsePlan>(store_);
  return handlers;
}

std::vector<core::SampleKind> LandConnector::SampleKinds() const {
  return {{"parcel_id", "parcel id <commune code>-<map sheet>-<parcel number>", "GetParcel",
           "parcel_id"},
          {"certificate_serial", "land-use right certificate serial, e.g. CS 123456",
           "FindParcelsByCertificate", "certificate_serial"},
          {"commune_code", "5-digit code of a commune in force with parcels", "GetLandUsePlan",
           "commune_code"}};
}

std::vector<std::string> LandConnector::SampleIds(std::string_view kind, std::size_t count) const {
  std::vector<std::string> ids;
  if (kind == "parcel_id") {
    const auto parcels = store_->parcels();
    for (std::size_t pos : SpreadPositions(parcels.size(), count)) {
      ids.push_back(ParcelIdOf(parcels[pos]));
    }
  } else if (kind == "certificate_serial") {
    const auto certificates = store_->certificates();
    for (std::size_t pos : SpreadPositions(certificates.size(), count)) {
      ids.push_back(SerialOf(certificates[pos]));
    }
  } else if (kind == "commune_code") {
    const auto communes = CommunesWithParcels(*store_);
    for (std::size_t pos : SpreadPositions(communes.size(), count)) {
      ids.push_back(std::string(AdminUnits::Get().communes()[communes[pos]].code_text));
    }
  }
  return ids;
}

std::vector<core::MethodExample> LandConnector::Examples() const {
  const auto parcels = store_->parcels();
  const Parcel& sample = parcels[parcels.size() / 2];
  const std::string_view commune = AdminUnits::Get().communes()[sample.commune].code_text;
  int free_number = 99'999;
  while (store_->FindParcel(sample.commune_code(), sample.map_sheet(), free_number) != nullptr) {
    --free_number;
  }
  pb::GetParcelRequest valid;
  valid.set_commune_code(std::string(commune));
  valid.set_map_sheet_number(sample.map_sheet());
  valid.set_parcel_number(sample.parcel_number());
  pb::GetParcelRequest malformed = valid;
  malformed.set_map_sheet_number(0);
  pb::GetParcelRequest unknown = valid;
  unknown.set_parcel_number(free_number);

  const auto certificates = store_->certificates();
  const std::string serial = SerialOf(certificates[certificates.size() / 2]);
  return {
      {"GetParcel", ToTextFormat(valid), ToTextFormat(malformed), ToTextFormat(unknown)},
      // "ZZ" is a series no certificate form used.
      {"FindParcelsByCertificate", Quoted("certificate_serial", serial),
       Quoted("certificate_serial", "CS 12345"), Quoted("certificate_serial", "ZZ 999999")},
      {"GetLandUsePlan", Quoted("commune_code", commune), Quoted("commune_code", "2673"),
       Quoted("commune_code", "99999")},
  };
}

}  // namespace ndxp::connectors::land
