#pragma once
// The postcode connector: ndxp.postcode.v1.PostcodeService over an AddressStore.

#include <memory>
#include <string>
#include <vector>

#include "connectors/postcode/address_store.h"
#include "connectors/postcode/geocoder.h"
#include "gateway/core/connector.h"

namespace ndxp::connectors::postcode {

class PostcodeConnector final : public core::Connector {
 public:
  explicit PostcodeConnector(std::shared_ptr<const AddressStore> store);

  std::string_view name() const override { return "postcode"; }
  static const google::protobuf::ServiceDescriptor& ServiceDescriptor();
  const google::protobuf::ServiceDescriptor& service() const override;
  std::vector<core::MethodHandler> Handlers() override;
  // digital_address_code (primary), commune_code, address_text (a full address to geocode).
  // ReverseGeocode takes a position, not an identifier: LookupAddress gives one.
  std::vector<core::SampleKind> SampleKinds() const override;
  std::vector<std::string> SampleIds(std::string_view kind, std::size_t count) const override;
  // Geocode has no unknown example: a text naming nothing known gives no candidates.
  std::vector<core::MethodExample> Examples() const override;

 private:
  std::shared_ptr<const AddressStore> store_;
  std::shared_ptr<const Geocoder> geocoder_;
};

}  // namespace ndxp::connectors::postcode
