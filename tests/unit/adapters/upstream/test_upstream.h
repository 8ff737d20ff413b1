#pragma once
// A real gRPC server for the upstream adapter's tests, on 127.0.0.1 port 0, serving
// PopulationService and BusinessRegistryService with behaviour the tests control:
//   GetCitizen(personal_id):  "fail"       FAILED_PRECONDITION with google.rpc details (Details())
//                             "delay:<ms>" answers after <ms> (grpc::Alarm, no thread sleeps)
//                             "hold"       waits until cancelled or ReleaseHeld()
//                             anything else: echoed back, full_name = the server's name,
//                             ethnicity = the request as the server re-serialized it, in hex
//                             (hold_all: every call waits, whatever the id)
//   BatchVerifyCitizens:      one response per request (correlation_id echoed), OK at half-close
//   ReconcileCitizens:        total_count = requests received, matched_count = ids starting "p"
//   StreamEnterprises(province_code "N" or "N:BYTES"): N messages (0: without end), enterprise_code
//                             the index, name BYTES long; counts the writes completed
// Every call records the metadata the tests look at.

#include <cstdint>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include <absl/synchronization/mutex.h>
#include <absl/time/time.h>
#include <grpcpp/server.h>

namespace ndxp::adapters::testing {

// Lowercase hex of `bytes`.
std::string Hex(std::string_view bytes);

struct SeenCall {
  std::string method;
  std::string peer;  // the client's address: one per connection
  std::map<std::string, std::string> metadata;  // the keys of kRecordedKeys
};

inline constexpr const char* kRecordedKeys[] = {"x-request-id", "traceparent",  "tracestate",
                                                "x-test-identity", "x-api-key", "user-agent"};

class TestUpstream {
 public:
  explicit TestUpstream(std::string name);
  ~TestUpstream();
  TestUpstream(const TestUpstream&) = delete;
  TestUpstream& operator=(const TestUpstream&) = delete;

  const std::string& name() const;
  const std::string& address() const;  // "127.0.0.1:PORT"

  // The serialized google.rpc.Status "fail" answers with (ErrorInfo and an opaque detail).
  static std::string Details();

  void set_hold_all(bool hold);
  // Called (on a server thread) whenever a call starts being held.
  void set_on_hold(std::function<void()> on_hold);
  // Answers every held call OK.
  void ReleaseHeld();
  // Cancels every call in flight and stops serving.
  void Shutdown();

  int calls() const;  // GetCitizen calls received
  std::size_t distinct_peers() const;  // connections calls came over
  SeenCall last_call() const;
  std::int64_t stream_writes() const;

  bool WaitForHeld(int n, absl::Duration timeout) const;
  bool WaitForCancelled(int n, absl::Duration timeout) const;
  bool WaitForStreamWrites(std::int64_t n, absl::Duration timeout) const;

  struct State;

 private:
  std::unique_ptr<State> state_;
};

}  // namespace ndxp::adapters::testing
