#include "connectors/postcode/postcode_connector.h"

#include "connectors/common/admin_units.h"
#include "connectors/common/digital_address.h"
#include "connectors/common/postcodes.h"
#include "connectors/common/sampling.h"
#include "connectors/common/typed_handler.h"
#include "connectors/postcode/postcode_handlers.h"
#include "gateway/core/strings.h"

namespace ndxp::connectors::postcode {
namespace {

namespace pb = ::ndxp::postcode::v1;

// Positions of `count` addresses spread over the store.
std::vector<const Address*> Spread(const AddressStore& store, std::size_t count) {
  std::vector<const Address*> out;
  for (std::size_t pos : SpreadPositions(store.addresses().size(), count)) {
    out.push_back(&store.addresses()[pos]);
  }
  return out;
}

std::string FullText(const Address& a) {
  common::v1::Address address;
  FillAddress(a.street, a.commune, &address);
  return address.full_text();
}

std::string Quoted(std::string_view field, std::string_view value) {
  return core::Cat(field, ": \"", value, "\"");
}

}  // namespace

PostcodeConnector::PostcodeConnector(std::shared_ptr<const AddressStore> store)
    : store_(std::move(store)), geocoder_(std::make_shared<const Geocoder>(store_)) {}

const google::protobuf::ServiceDescriptor& PostcodeConnector::ServiceDescriptor() {
  return *pb::LookupAddressRequest::descriptor()->file()->FindServiceByName("PostcodeService");
}

const google::protobuf::ServiceDescriptor& PostcodeConnector::service() const {
  return ServiceDescriptor();
}

std::vector<core::MethodHandler> PostcodeConnector::Handlers() {
  const auto& svc = service();
  std::vector<core::MethodHandler> handlers;
  handlers.push_back(HandlerOf(svc, "LookupAddress"));
  handlers.back().unary = StoreUnary<&LookupAddress>(store_);
  handlers.push_back(HandlerOf(svc, "Geocode"));
  handlers.back().unary = StoreUnary<&Geocode>(geocoder_);
  handlers.push_back(HandlerOf(svc, "ReverseGeocode"));
  handlers.back().unary = StoreUnary<&ReverseGeocode>(store_);
  handlers.push_back(HandlerOf(svc, "GetPostcode"));
  handlers.back().unary = StoreUnary<&GetPostcode>(store_);
  return handlers;
}

std::vector<core::SampleKind> PostcodeConnector::SampleKinds() const {
  return {{"digital_address_code", "digital address code: postcode, hyphen, 4 characters, check",
           "LookupAddress", "digital_address_code"},
          {"commune_code", "5-digit code of a commune in force since 1 July 2025", "GetPostcode",
           "commune_code"},
          {"address_text", "the full text of an existing address, to geocode", "Geocode", "text"}};
}

std::vector<std::string> PostcodeConnector::SampleIds(std::string_view kind,
                                                      std::size_t count) const {
  std::vector<std::string> ids;
  if (kind == "digital_address_code") {
    for (const Address* a : Spread(*store_, count)) ids.push_back(store_->Code(*a));
  } else if (kind == "address_text") {
    for (const Address* a : Spread(*store_, count)) ids.push_back(FullText(*a));
  } else if (kind == "commune_code") {
    const auto& communes = AdminUnits::Get().communes();
    for (std::size_t pos : SpreadPositions(communes.size(), count)) {
      ids.emplace_back(communes[pos].code_text);
    }
  }
  return ids;
}

std::vector<core::MethodExample> PostcodeConnector::Examples() const {
  const Address& sample = *Spread(*store_, 1).at(0);
  const std::uint32_t postcode = CommunePostcode(sample.commune);
  std::uint32_t free_serial = kDigitalAddressSerials - 1;
  while (store_->Find(sample.commune, free_serial) != nullptr) --free_serial;
  const std::string code = store_->Code(sample);
  std::string wrong_check = code;
  wrong_check.back() = wrong_check.back() == '0' ? '1' : '0';
  return {
      {"LookupAddress", Quoted("digital_address_code", code),
       Quoted("digital_address_code", wrong_check),
       Quoted("digital_address_code", FormatDigitalAddress(postcode, free_serial))},
      {"Geocode", Quoted("text", FullText(sample)), Quoted("text", ""), ""},
      {"ReverseGeocode",
       core::Cat("latitude: ", sample.location.lat_e6 / 1e6,
                 " longitude: ", sample.location.lon_e6 / 1e6),
       "latitude: 91 longitude: 106.7",
       // The South China Sea, 300 km off the coast: well formed, nothing within 1 km.
       "latitude: 12.5 longitude: 112.5"},
      {"GetPostcode",
       Quoted("commune_code", AdminUnits::Get().communes()[sample.commune].code_text),
       Quoted("commune_code", "2674"), Quoted("commune_code", "99999")},
  };
}

}  // namespace ndxp::connectors::postcode
