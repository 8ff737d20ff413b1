#pragma once
// The vehicle-inspection connector: ndxp.vehicle.v1.VehicleInspectionService over a VehicleStore
// (whose owners are citizens of the population store and enterprises of the business store).

#include <memory>
#include <string>
#include <vector>

#include "connectors/vehicle/vehicle_store.h"
#include "gateway/core/connector.h"

namespace ndxp::connectors::vehicle {

class VehicleConnector final : public core::Connector {
 public:
  explicit VehicleConnector(std::shared_ptr<const VehicleStore> store);

  std::string_view name() const override { return "vehicle"; }
  static const google::protobuf::ServiceDescriptor& ServiceDescriptor();
  const google::protobuf::ServiceDescriptor& service() const override;
  // GetVehicleInspection returns the owner's personal id: personal data; ListInspectionHistory
  // returns inspections only.
  std::vector<core::MethodHandler> Handlers() override;
  // plate_number (primary), vin, inspection_certificate_number.
  std::vector<core::SampleKind> SampleKinds() const override;
  std::vector<std::string> SampleIds(std::string_view kind, std::size_t count) const override;
  std::vector<core::MethodExample> Examples() const override;

  const std::shared_ptr<const VehicleStore>& store() const { return store_; }

 private:
  std::shared_ptr<const VehicleStore> store_;
};

}  // namespace ndxp::connectors::vehicle
