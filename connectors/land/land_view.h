#pragma once
// Parcels and certificates of a ParcelStore as ndxp.land.v1 messages (names, addresses, geometry
// built here, on answer).

#include <string>

#include "connectors/land/parcel_store.h"
#include "ndxp/land/v1/land.pb.h"

namespace ndxp::connectors::land {

// "26740-12-345"
std::string ParcelIdOf(const Parcel& parcel);
// "CS 123456"
std::string SerialOf(const Certificate& certificate);

void FillParcel(const ParcelStore& store, const Parcel& parcel, ::ndxp::land::v1::Parcel* out);
void FillCertificate(const ParcelStore& store, const Certificate& certificate,
                     ::ndxp::land::v1::LandCertificate* out);

}  // namespace ndxp::connectors::land
