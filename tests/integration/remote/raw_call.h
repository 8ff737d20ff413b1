#pragma once
// Any call shape as raw bytes through grpc::GenericStub: the request messages as serialized
// bytes, every response message exactly as it came off the wire, the status with its details
// (grpc-status-details-bin) and the metadata. What the remote-vs-in-process comparisons use, so
// that nothing is parsed and re-serialized before comparing.

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <grpcpp/grpcpp.h>

namespace ndxp::testing {

struct RawResult {
  grpc::Status status;
  std::vector<std::string> responses;  // each message's bytes, in order
  std::multimap<std::string, std::string> initial_metadata;
  std::multimap<std::string, std::string> trailing_metadata;
  bool finished = false;  // false: the call did not end within its deadline plus a margin
};

struct RawCallOptions {
  std::vector<std::pair<std::string, std::string>> metadata;  // e.g. {"x-api-key", key}
  std::chrono::milliseconds deadline = std::chrono::seconds(20);
};

// Calls `method` ("/pkg.Service/Method") on `channel`: writes `requests` in order, half-closes,
// reads every response until the server ends the call. A unary or server-streaming method takes
// exactly one request. Waits at most the deadline plus a few seconds.
RawResult RawCall(const std::shared_ptr<grpc::Channel>& channel, const std::string& method,
                  const std::vector<std::string>& requests, const RawCallOptions& options = {});

// The value of metadata `key`, or "" when absent.
std::string MetadataValue(const std::multimap<std::string, std::string>& metadata,
                          const std::string& key);

}  // namespace ndxp::testing
