#pragma once
// What every call to one routed method of an upstream shares, made once per route: the full
// method name (kept here, so that no call copies it), the identity seam, and the message types.

#include <string>

#include <google/protobuf/message.h>

#include "adapters/upstream/outgoing_identity.h"

namespace ndxp::adapters {

struct UpstreamMethod {
  std::string full_method;  // "/ndxp.population.v1.PopulationService/GetCitizen"
  const OutgoingIdentity* identity = nullptr;  // may be null
  const google::protobuf::Message* request_prototype = nullptr;
  const google::protobuf::Message* response_prototype = nullptr;
};

}  // namespace ndxp::adapters
