#pragma once
// One call as the usage ledger counts it (what the usage stage reads from the call's context),
// and the keys it is counted under.

#include <cstdint>
#include <string>
#include <string_view>

#include <absl/hash/hash.h>
#include <absl/status/status.h>

namespace ndxp::metering::ledger {

struct UsageEvent {
  std::string_view client;     // "" when the call was not identified
  std::string_view connector;  // the route's connector label; "" for calls to no route
  std::string_view method;     // "PopulationService/GetCitizen"; "" for calls to no route
  std::string_view procedure;  // x-ndxp-procedure, "" when not given
  std::string_view dossier;    // x-ndxp-dossier-id, "" when not given
  absl::StatusCode code = absl::StatusCode::kUnknown;  // what the caller saw
  bool served = false;         // the call reached its target
};

// The counts of one client x connector x method x outcome x procedure x day.
struct CountKey {
  std::int32_t day = 0;  // days since 1970-01-01 in the ledger's time zone
  std::int32_t code = 0;
  std::string client, connector, method, procedure;
};
struct CountKeyView {
  std::int32_t day = 0;
  std::int32_t code = 0;
  std::string_view client, connector, method, procedure;
};
struct Counts {
  std::uint64_t calls = 0;
  std::uint64_t served = 0;
};

// One dossier id seen for a client on a connector in a month.
struct DossierKey {
  std::int32_t month = 0;  // months since 1970-01
  std::string client, connector, dossier;
};
struct DossierKeyView {
  std::int32_t month = 0;
  std::string_view client, connector, dossier;
};
struct DossierCounts {
  std::uint64_t calls = 0;
  std::uint64_t served_ok = 0;  // served and answered OK
};

// Transparent hash and equality, so that a lookup by views does not allocate.
struct KeyHash {
  using is_transparent = void;
  template <class K>
    requires requires(const K& k) { k.day; }
  std::size_t operator()(const K& k) const {
    return absl::HashOf(k.day, k.code, std::string_view(k.client), std::string_view(k.connector),
                        std::string_view(k.method), std::string_view(k.procedure));
  }
  template <class K>
    requires requires(const K& k) { k.month; }
  std::size_t operator()(const K& k) const {
    return absl::HashOf(k.month, std::string_view(k.client), std::string_view(k.connector),
                        std::string_view(k.dossier));
  }
};
struct KeyEq {
  using is_transparent = void;
  template <class A, class B>
    requires requires(const A& a, const B& b) { a.day; b.day; }
  bool operator()(const A& a, const B& b) const {
    return a.day == b.day && a.code == b.code && std::string_view(a.client) == b.client &&
           std::string_view(a.connector) == b.connector && std::string_view(a.method) == b.method &&
           std::string_view(a.procedure) == b.procedure;
  }
  template <class A, class B>
    requires requires(const A& a, const B& b) { a.month; b.month; }
  bool operator()(const A& a, const B& b) const {
    return a.month == b.month && std::string_view(a.client) == b.client &&
           std::string_view(a.connector) == b.connector && std::string_view(a.dossier) == b.dossier;
  }
};

}  // namespace ndxp::metering::ledger
