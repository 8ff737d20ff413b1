#pragma once
// Generates the legal documents of a DocumentStore: kinds, issuers and topics, issue and
// effective dates, numbers per series in order of issue, amendments and replacements, statuses
// on the snapshot date.

#include <absl/status/status.h>

#include <cstdint>

#include "connectors/common/rng.h"
#include "connectors/legal/document_store.h"

namespace ndxp::connectors::legal {

class DocumentGenerator {
 public:
  DocumentGenerator(std::uint64_t seed, std::uint64_t count, DocumentStore& store)
      : rng_(Mix(seed, 0x4C6567616C446F63ULL)), count_(count), store_(store) {}

  absl::Status Run();

 private:
  void Draft();
  void Number();
  void Link();
  void SetStatuses();
  void Order();
  absl::Status Index();

  Rng rng_;
  std::uint64_t count_;
  DocumentStore& store_;
  std::vector<LegalDocument> docs_;  // chronological while generating
};

}  // namespace ndxp::connectors::legal
