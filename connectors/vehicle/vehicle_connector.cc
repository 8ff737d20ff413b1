#include "connectors/vehicle/vehicle_connector.h"

#include "connectors/common/sampling.h"
#include "connectors/common/typed_handler.h"
#include "connectors/vehicle/vehicle_handlers.h"
#include "connectors/vehicle/vehicle_view.h"
#include "gateway/core/strings.h"

namespace ndxp::connectors::vehicle {
namespace {

namespace pb = ::ndxp::vehicle::v1;

std::string Quoted(std::string_view field, std::string_view value) {
  return core::Cat(field, ": \"", value, "\"");
}

}  // namespace

VehicleConnector::VehicleConnector(std::shared_ptr<const VehicleStore> store)
    : store_(std::move(store)) {}

const google::protobuf::ServiceDescriptor& VehicleConnector::ServiceDescriptor() {
  return *pb::GetVehicleInspectionRequest::descriptor()->file()->FindServiceByName(
      "VehicleInspectionService");
}

const google::protobuf::ServiceDescriptor& VehicleConnector::service() const {
  return ServiceDescriptor();
}

std::vector<core::MethodHandler> VehicleConnector::Handlers() {
  const auto& svc = service();
  auto handler = [&svc](const char* method) { return HandlerOf(svc, method); };
  std::vector<core::MethodHandler> handlers;
  handlers.push_back(handler("GetVehicleInspection"));
  handlers.back().unary = StoreUnary<&GetVehicleInspection>(store_);
  handlers.push_back(handler("ListInspectionHistory"));
  handlers.back().unary = StoreUnary<&ListInspectionHistory>(store_);
  return handlers;
}

std::vector<core::SampleKind> VehicleConnector::SampleKinds() const {
  return {{"plate_number", "licence plate of an inspected vehicle, e.g. 30A-123.45",
           "GetVehicleInspection", "plate_number"},
          {"vin", "17-character vehicle identification number", "GetVehicleInspection", "vin"},
          {"inspection_certificate_number", "inspection certificate number CC-NNV-YYYY-NNNNNN",
           "GetVehicleInspection", "inspection_certificate_number"}};
}

std::vector<std::string> VehicleConnector::SampleIds(std::string_view kind,
                                                     std::size_t count) const {
  std::vector<std::string> ids;
  const auto vehicles = store_->vehicles();
  if (kind == "plate_number") {
    for (std::size_t pos : SpreadPositions(vehicles.size(), count)) {
      ids.push_back(FormatLicencePlate(vehicles[pos].plate));
    }
  } else if (kind == "vin") {
    for (std::size_t pos : SpreadPositions(vehicles.size(), count)) {
      ids.push_back(store_->Vin(vehicles[pos]));
    }
  } else if (kind == "inspection_certificate_number") {
    const auto inspections = store_->inspections();
    for (std::size_t pos : SpreadPositions(inspections.size(), count)) {
      // The nearest passed inspection at or before the position (a vehicle's first inspection
      // always passed).
      std::size_t i = pos;
      while (i > 0 && !inspections[i].passed()) --i;
      ids.push_back(store_->CertificateNumber(inspections[i]));
    }
  }
  return ids;
}

std::vector<core::MethodExample> VehicleConnector::Examples() const {
  const auto vehicles = store_->vehicles();
  const Vehicle& sample = vehicles[vehicles.size() / 2];
  const std::string plate = FormatLicencePlate(sample.plate);
  pb::ListInspectionHistoryRequest list;
  list.set_plate_number(plate);
  list.set_page_size(5);
  pb::ListInspectionHistoryRequest list_malformed = list;
  list_malformed.set_page_size(-1);
  pb::ListInspectionHistoryRequest list_unknown = list;
  // Motorbikes are not inspected: a well-formed motorbike plate is never in the data.
  list_unknown.set_plate_number("29-B1 123.45");
  return {
      {"GetVehicleInspection", Quoted("plate_number", plate), Quoted("plate_number", "30O-123.45"),
       Quoted("plate_number", "29-B1 123.45")},
      {"ListInspectionHistory", ToTextFormat(list), ToTextFormat(list_malformed),
       ToTextFormat(list_unknown)},
  };
}

}  // namespace ndxp::connectors::vehicle
