#include "connectors/catalog/catalog_connector.h"

#include <algorithm>

#include "connectors/catalog/catalog_handlers.h"
#include "connectors/catalog/catalog_tables.h"
#include "connectors/common/admin_units.h"
#include "connectors/common/rng.h"
#include "connectors/common/sampling.h"
#include "connectors/common/typed_handler.h"

namespace ndxp::connectors::catalog {
namespace {

namespace pb = ::ndxp::catalog::v1;

// The unit lookups need no store: typed messages only.
template <typename Req, typename Resp, absl::Status (*Fn)(const Req&, Resp&)>
core::UnaryFn Unary() {
  return MakeUnary<Req, Resp>(
      [](const core::CallContext&, const Req& req, Resp& resp) { return Fn(req, resp); });
}

}  // namespace

CatalogConnector::CatalogConnector(std::uint64_t seed)
    : codec_(std::make_shared<const PageTokenCodec>(Mix(seed, 0x436174616C6F67ULL))) {}

const google::protobuf::ServiceDescriptor& CatalogConnector::ServiceDescriptor() {
  return *pb::GetCatalogRequest::descriptor()->file()->FindServiceByName("CatalogService");
}

const google::protobuf::ServiceDescriptor& CatalogConnector::service() const {
  return ServiceDescriptor();
}

std::vector<core::MethodHandler> CatalogConnector::Handlers() {
  const auto& svc = service();
  std::vector<core::MethodHandler> handlers;
  handlers.push_back(HandlerOf(svc, "ListCatalogs"));
  handlers.back().unary = StoreUnary<&ListCatalogs>(codec_);
  handlers.push_back(HandlerOf(svc, "GetCatalog"));
  handlers.back().unary = StoreUnary<&GetCatalog>(codec_);
  handlers.push_back(HandlerOf(svc, "GetAdministrativeUnit"));
  handlers.back().unary = Unary<pb::GetAdministrativeUnitRequest, pb::GetAdministrativeUnitResponse,
                                &GetAdministrativeUnit>();
  handlers.push_back(HandlerOf(svc, "ResolveAdministrativeUnit"));
  handlers.back().unary =
      Unary<pb::ResolveAdministrativeUnitRequest, pb::ResolveAdministrativeUnitResponse,
            &ResolveAdministrativeUnit>();
  return handlers;
}

std::vector<core::SampleKind> CatalogConnector::SampleKinds() const {
  return {{"catalog_id", "id of a shared catalog, e.g. ethnic-groups", "GetCatalog", "catalog_id"},
          {"unit_code", "code of a province (2 digits) or commune (5 digits) in force today",
           "GetAdministrativeUnit", "code"},
          {"old_unit_code", "code of a province or commune in force until 30 June 2025",
           "ResolveAdministrativeUnit", "code"}};
}

// Unit samples alternate a province and a commune, both spread over their lists.
std::vector<std::string> CatalogConnector::SampleIds(std::string_view kind,
                                                     std::size_t count) const {
  const AdminUnits& units = AdminUnits::Get();
  std::vector<std::string> ids;
  if (kind == "catalog_id") {
    const auto tables = CatalogTables();
    for (std::size_t pos : SpreadPositions(tables.size(), count)) {
      ids.emplace_back(tables[pos].id);
    }
  } else if (kind == "unit_code" || kind == "old_unit_code") {
    const bool old = kind == "old_unit_code";
    const std::size_t provinces = old ? units.old_provinces().size() : units.provinces().size();
    const std::size_t communes = old ? units.old_communes().size() : units.communes().size();
    const auto p = SpreadPositions(provinces, (count + 1) / 2);
    const auto c = SpreadPositions(communes, count / 2);
    for (std::size_t i = 0; i < std::max(p.size(), c.size()); ++i) {
      if (i < p.size()) {
        ids.emplace_back(old ? units.old_provinces()[p[i]].code_text
                             : units.provinces()[p[i]].code_text);
      }
      if (i < c.size()) {
        ids.emplace_back(old ? units.old_communes()[c[i]].code_text
                             : units.communes()[c[i]].code_text);
      }
    }
  }
  return ids;
}

std::vector<core::MethodExample> CatalogConnector::Examples() const {
  return {
      {"ListCatalogs", "page_size: 5", "page_size: -1", ""},
      {"GetCatalog", "catalog_id: \"ethnic-groups\" page_size: 10", "catalog_id: \"Ethnic Groups\"",
       "catalog_id: \"no-such-catalog\""},
      {"GetAdministrativeUnit", "code: \"26740\"", "code: \"2673\"", "code: \"99\""},
      {"ResolveAdministrativeUnit", "code: \"26740\"", "code: \"2674A\"", "code: \"99999\""},
  };
}

}  // namespace ndxp::connectors::catalog
