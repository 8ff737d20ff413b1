#pragma once
// Generates the parcels and certificates of a ParcelStore. Holdings are drawn household by
// household and enterprise by enterprise: a household head holds the residential parcel of the
// household's address (ODT in a ward, ONT elsewhere) and, in rural communes, farm parcels (rice,
// perennial crops, aquaculture, production forest); an enterprise holds production, trade or
// industrial-park land at its head office's commune, mostly leased. Certificates are issued to the
// holder (sometimes one for several parcels), their serial form following the date of issue.

#include <absl/status/status.h>

#include <cstdint>
#include <map>
#include <vector>

#include "connectors/common/bijection.h"
#include "connectors/common/rng.h"
#include "connectors/land/parcel_store.h"

namespace ndxp::connectors::land {

class LandGenerator {
 public:
  LandGenerator(std::uint64_t seed, std::uint64_t count, ParcelStore& store);
  absl::Status Run();

 private:
  struct Series {
    Bijection numbers;
    std::uint32_t next = 0;
  };

  void AddHouseholdHolding();
  void AddEnterpriseHolding();
  // A new certificate for `holder` issued on or after `earliest_day`; returns its index.
  std::uint32_t IssueCertificate(std::int32_t earliest_day, std::uint16_t commune);
  void AddParcel(Parcel parcel, std::uint32_t certificate);
  void NumberParcels();
  void SortAndIndex();

  std::uint64_t seed_;
  std::uint64_t count_;
  Rng rng_;
  ParcelStore& store_;
  std::vector<std::uint32_t> certificate_commune_;  // by certificate, before sorting
  std::map<std::uint64_t, Series> series_;          // by series key (letters, digits)
  std::vector<std::uint32_t> active_enterprises_;
};

}  // namespace ndxp::connectors::land
