#pragma once
// The vehicle models the synthetic inspection database draws from: brand, model code, kind,
// where they are built, technical data as on an inspection certificate, and the parts of their
// VIN (manufacturer code and descriptor). Brands and models are ones sold in Vietnam; figures
// are typical of each model, not copied from type-approval records (docs/decisions/0136).

#include <cstdint>
#include <span>
#include <string_view>

namespace ndxp::connectors::vehicle {

struct VehicleModel {
  std::string_view brand;        // "TOYOTA"
  std::string_view model_code;   // "VIOS 1.5G"
  std::uint8_t kind;             // ndxp.vehicle.v1.VehicleKind
  std::string_view country;      // "Việt Nam"
  std::string_view wmi;          // 3 characters, e.g. "RL4"
  std::string_view descriptor;   // VIN positions 4-8
  std::string_view engine_code;  // prefix of engine numbers; empty for trailers
  std::uint8_t fuel;             // ndxp.vehicle.v1.Fuel
  std::uint16_t seats;
  std::uint32_t payload_kg;
  std::uint32_t kerb_kg;
  std::uint32_t gross_kg;
  std::uint16_t length_mm, width_mm, height_mm;
  std::uint16_t displacement_cc;
  std::uint16_t first_year, last_year;  // years of manufacture
  std::uint16_t weight;                 // relative frequency within its kind
};

std::span<const VehicleModel> VehicleModels();

// Paint colours as written on registration papers ("Trắng", "Đen", ...).
std::span<const std::string_view> PaintColours();
// Defects recorded on failed inspections.
std::span<const std::string_view> InspectionDefects();
// "Ô tô con", "Ô tô khách", ... by ndxp.vehicle.v1.VehicleKind.
std::string_view KindName(std::uint8_t kind);

}  // namespace ndxp::connectors::vehicle
