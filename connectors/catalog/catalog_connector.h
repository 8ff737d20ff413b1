#pragma once
// The catalog connector: ndxp.catalog.v1.CatalogService over the lists and administrative units
// embedded in connectors/common. It generates nothing; the seed keys its page tokens.

#include <memory>
#include <string>
#include <vector>

#include "connectors/common/paging.h"
#include "gateway/core/connector.h"

namespace ndxp::connectors::catalog {

class CatalogConnector final : public core::Connector {
 public:
  explicit CatalogConnector(std::uint64_t seed);

  std::string_view name() const override { return "catalog"; }
  static const google::protobuf::ServiceDescriptor& ServiceDescriptor();
  const google::protobuf::ServiceDescriptor& service() const override;
  std::vector<core::MethodHandler> Handlers() override;
  // catalog_id (primary), unit_code (in force today), old_unit_code (before 1 July 2025).
  std::vector<core::SampleKind> SampleKinds() const override;
  std::vector<std::string> SampleIds(std::string_view kind, std::size_t count) const override;
  // ListCatalogs has no unknown example: it lists whatever there is.
  std::vector<core::MethodExample> Examples() const override;

 private:
  std::shared_ptr<const PageTokenCodec> codec_;
};

}  // namespace ndxp::connectors::catalog
