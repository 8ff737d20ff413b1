#pragma once
// Administrative units as catalog.v1 messages: the units in force since 1 July 2025 with the
// units they were formed from, and the units in force until 30 June 2025 with those they went
// into. Indexes are AdminUnits positions.

#include <cstdint>

#include "ndxp/catalog/v1/catalog.pb.h"

namespace ndxp::connectors::catalog {

void FillProvince(std::uint16_t province, ::ndxp::catalog::v1::AdministrativeUnit* out);
void FillCommune(std::uint16_t commune, ::ndxp::catalog::v1::AdministrativeUnit* out);
void FillOldProvince(std::uint8_t old_province, ::ndxp::catalog::v1::AdministrativeUnit* out);
void FillOldCommune(std::uint32_t old_commune, ::ndxp::catalog::v1::AdministrativeUnit* out);

// A new commune as a reference (partial: the old commune was split).
void FillCommuneReference(std::uint16_t commune, bool partial,
                          ::ndxp::catalog::v1::UnitReference* out);

}  // namespace ndxp::connectors::catalog
