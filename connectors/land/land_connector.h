#pragma once
// The land connector: ndxp.land.v1.LandService over a ParcelStore (whose holders are citizens of
// the population store and enterprises of the business store).

#include <memory>
#include <string>
#include <vector>

#include "connectors/land/parcel_store.h"
#include "gateway/core/connector.h"

namespace ndxp::connectors::land {

class LandConnector final : public core::Connector {
 public:
  explicit LandConnector(std::shared_ptr<const ParcelStore> store);

  std::string_view name() const override { return "land"; }
  static const google::protobuf::ServiceDescriptor& ServiceDescriptor();
  const google::protobuf::ServiceDescriptor& service() const override;
  // GetParcel and FindParcelsByCertificate return holders' personal ids: personal data.
  std::vector<core::MethodHandler> Handlers() override;
  // parcel_id (primary), certificate_serial, commune_code.
  std::vector<core::SampleKind> SampleKinds() const override;
  std::vector<std::string> SampleIds(std::string_view kind, std::size_t count) const override;
  std::vector<core::MethodExample> Examples() const override;

  const std::shared_ptr<const ParcelStore>& store() const { return store_; }

 private:
  std::shared_ptr<const ParcelStore> store_;
};

}  // namespace ndxp::connectors::land
