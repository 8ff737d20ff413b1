#include "connectors/vehicle/vehicle_models.h"

#include "ndxp/vehicle/v1/vehicle.pb.h"

namespace ndxp::connectors::vehicle {
namespace {

namespace pb = ::ndxp::vehicle::v1;
constexpr std::uint8_t kCar = pb::VEHICLE_KIND_PASSENGER_CAR, kBus = pb::VEHICLE_KIND_BUS,
                       kTruck = pb::VEHICLE_KIND_TRUCK, kPickup = pb::VEHICLE_KIND_PICKUP,
                       kVan = pb::VEHICLE_KIND_VAN, kTractor = pb::VEHICLE_KIND_TRACTOR,
                       kTrailer = pb::VEHICLE_KIND_SEMI_TRAILER;
constexpr std::uint8_t kPetrol = pb::FUEL_PETROL, kDiesel = pb::FUEL_DIESEL,
                       kElectric = pb::FUEL_ELECTRIC, kHybrid = pb::FUEL_HYBRID,
                       kNone = pb::FUEL_NONE;

constexpr VehicleModel kModels[] = {
    // Passenger cars.
    {"TOYOTA", "VIOS 1.5G", kCar, "Việt Nam", "RL4", "B3BE2", "2NR", kPetrol, 5, 0, 1110, 1550,
     4425, 1730, 1475, 1496, 2014, 2025, 140},
    {"TOYOTA", "INNOVA 2.0E", kCar, "Việt Nam", "RL4", "B1FD3", "1TR", kPetrol, 8, 0, 1685, 2300,
     4735, 1830, 1795, 1998, 2008, 2023, 70},
    {"TOYOTA", "FORTUNER 2.4AT 4X2", kCar, "Indonesia", "MHF", "GB8GS", "2GD", kDiesel, 7, 0, 1995,
     2605, 4795, 1855, 1835, 2393, 2017, 2025, 45},
    {"TOYOTA", "COROLLA CROSS 1.8HV", kCar, "Thái Lan", "MR0", "ZVG11", "2ZR", kHybrid, 5, 0, 1410,
     1850, 4460, 1825, 1620, 1798, 2020, 2025, 40},
    {"HYUNDAI", "GRAND I10 1.2MT", kCar, "Việt Nam", "RLU", "A51CA", "G4LA", kPetrol, 5, 0, 935,
     1390, 3815, 1680, 1520, 1197, 2017, 2025, 110},
    {"HYUNDAI", "ACCENT 1.4AT", kCar, "Việt Nam", "RLU", "B41CD", "G4LC", kPetrol, 5, 0, 1110, 1520,
     4440, 1729, 1470, 1368, 2018, 2025, 100},
    {"HYUNDAI", "SANTA FE 2.2D", kCar, "Việt Nam", "RLU", "S81DH", "D4HB", kDiesel, 7, 0, 1870,
     2510, 4785, 1900, 1685, 2199, 2019, 2025, 35},
    {"KIA", "MORNING 1.25MT", kCar, "Việt Nam", "RNY", "TA51B", "G4LA", kPetrol, 5, 0, 935, 1350,
     3595, 1595, 1490, 1248, 2012, 2022, 90},
    {"KIA", "K3 1.6 LUXURY", kCar, "Việt Nam", "RNY", "BD41C", "G4FG", kPetrol, 5, 0, 1250, 1700,
     4640, 1800, 1450, 1591, 2019, 2025, 70},
    {"KIA", "SELTOS 1.4 TURBO", kCar, "Việt Nam", "RNY", "SP21T", "G4LD", kPetrol, 5, 0, 1265, 1750,
     4315, 1800, 1645, 1353, 2020, 2025, 55},
    {"MAZDA", "MAZDA3 1.5L", kCar, "Việt Nam", "RP8", "BP5AE", "P5", kPetrol, 5, 0, 1290, 1780,
     4660, 1795, 1440, 1496, 2015, 2025, 75},
    {"MAZDA", "CX-5 2.0L", kCar, "Việt Nam", "RP8", "KF2AT", "PE", kPetrol, 5, 0, 1545, 2085, 4550,
     1840, 1680, 1998, 2013, 2025, 80},
    {"HONDA", "CITY 1.5 RS", kCar, "Việt Nam", "RLH", "GN552", "L15", kPetrol, 5, 0, 1140, 1560,
     4580, 1748, 1467, 1498, 2014, 2025, 75},
    {"HONDA", "CR-V 1.5L TURBO", kCar, "Thái Lan", "MRH", "RW182", "L15B", kPetrol, 7, 0, 1590,
     2140, 4623, 1855, 1679, 1498, 2017, 2025, 40},
    {"MITSUBISHI", "XPANDER 1.5AT", kCar, "Việt Nam", "RLA", "NC1WE", "4A91", kPetrol, 7, 0, 1240,
     1800, 4595, 1750, 1750, 1499, 2018, 2025, 90},
    {"FORD", "EVEREST 2.0L 4X2", kCar, "Thái Lan", "MNB", "UAW0D", "YN2S", kDiesel, 7, 0, 2090,
     2750, 4914, 1923, 1842, 1996, 2015, 2025, 35},
    {"VINFAST", "VF 5 PLUS", kCar, "Việt Nam", "RLL", "V5EA1", "", kElectric, 5, 0, 1360, 1735,
     3967, 1723, 1579, 0, 2023, 2025, 60},
    {"VINFAST", "VF 8 ECO", kCar, "Việt Nam", "RLL", "V8EB2", "", kElectric, 5, 0, 2430, 2930, 4750,
     1934, 1667, 0, 2022, 2025, 30},
    {"VINFAST", "FADIL 1.4AT", kCar, "Việt Nam", "RLL", "F14SA", "B14", kPetrol, 5, 0, 1005, 1415,
     3676, 1632, 1495, 1399, 2019, 2022, 45},
    {"MERCEDES-BENZ", "C 200 AVANTGARDE", kCar, "Việt Nam", "RLM", "W2060", "M264", kPetrol, 5, 0,
     1580, 2080, 4751, 1820, 1438, 1496, 2015, 2025, 20},
    {"DAEWOO", "MATIZ SE", kCar, "Việt Nam", "KLA", "MA48S", "F8CV", kPetrol, 4, 0, 810, 1185, 3495,
     1495, 1500, 796, 2001, 2010, 25},
    // Buses and coaches.
    {"FORD", "TRANSIT 16 CHỖ", kBus, "Việt Nam", "RLA", "TT16D", "P8FA", kDiesel, 16, 0, 2420, 3880,
     5780, 2000, 2360, 2198, 2008, 2025, 60},
    {"HYUNDAI", "COUNTY 29 CHỖ", kBus, "Việt Nam", "RLU", "CY29D", "D4DD", kDiesel, 29, 0, 4600,
     6950, 7080, 2035, 2755, 3907, 2005, 2025, 40},
    {"THACO", "TB120S 47 CHỖ", kBus, "Việt Nam", "RN3", "TB12S", "WP10", kDiesel, 47, 0, 12200,
     16000, 12000, 2500, 3550, 9726, 2010, 2025, 30},
    {"SAMCO", "FELIX 29 CHỖ", kBus, "Việt Nam", "RN8", "FX29C", "4HK1", kDiesel, 29, 0, 5150, 7500,
     7900, 2240, 2950, 5193, 2012, 2025, 20},
    // Trucks.
    {"HYUNDAI", "PORTER H150", kTruck, "Việt Nam", "RLU", "H150T", "D4CB", kDiesel, 3, 1490, 1825,
     3510, 5270, 1780, 2050, 2497, 2017, 2025, 90},
    {"HYUNDAI", "HD120SL", kTruck, "Việt Nam", "RLU", "HD12S", "D6GA", kDiesel, 3, 7200, 4755,
     12150, 9850, 2360, 3300, 5899, 2011, 2025, 50},
    {"THACO", "TOWNER990", kTruck, "Việt Nam", "RN3", "TW990", "DA465", kPetrol, 2, 990, 1015, 2135,
     4390, 1565, 2080, 1051, 2013, 2025, 60},
    {"THACO", "OLLIN 720", kTruck, "Việt Nam", "RN3", "LN720", "4J28", kDiesel, 3, 6500, 3950,
     10650, 7910, 2250, 3160, 2771, 2015, 2025, 45},
    {"HINO", "300 XZU720L", kTruck, "Việt Nam", "RLH", "XZU72", "N04C", kDiesel, 3, 3450, 2745,
     6500, 6475, 1995, 2350, 4009, 2008, 2025, 50},
    {"HINO", "FC9JLSW", kTruck, "Việt Nam", "RLH", "FC9JL", "J05E", kDiesel, 3, 6200, 4600, 11000,
     8680, 2350, 3350, 5123, 2007, 2025, 40},
    {"ISUZU", "QKR77HE4", kTruck, "Việt Nam", "RLZ", "KR77H", "4JH1", kDiesel, 3, 1990, 2210, 4400,
     5990, 1860, 2180, 2999, 2009, 2025, 55},
    {"ISUZU", "NQR75ME4", kTruck, "Việt Nam", "RLZ", "NR75M", "4HK1", kDiesel, 3, 5500, 3800, 9500,
     7950, 2220, 3160, 5193, 2008, 2025, 40},
    {"DONGFENG", "B180 9T", kTruck, "Trung Quốc", "LGA", "G4DP2", "B190", kDiesel, 3, 9150, 6655,
     16000, 9750, 2500, 3500, 5900, 2007, 2022, 30},
    {"CHENGLONG", "LZ1180M3 8T", kTruck, "Trung Quốc", "LGG", "R4DA6", "YC6J", kDiesel, 3, 8200,
     7600, 16000, 9800, 2500, 3600, 6494, 2010, 2024, 25},
    {"VEAM", "VT260 1.9T", kTruck, "Việt Nam", "RMV", "VT260", "4JB1", kDiesel, 3, 1990, 2420, 4605,
     6100, 1900, 2360, 2771, 2012, 2020, 20},
    // Pick-ups and vans.
    {"FORD", "RANGER XLS 2.0L 4X2", kPickup, "Thái Lan", "MNC", "UMF0D", "YN2S", kDiesel, 5, 650,
     2000, 3180, 5370, 1918, 1884, 1996, 2012, 2025, 100},
    {"TOYOTA", "HILUX 2.4E 4X2", kPickup, "Thái Lan", "MR0", "BA3CD", "2GD", kDiesel, 5, 485, 1905,
     2910, 5325, 1855, 1815, 2393, 2010, 2025, 45},
    {"MITSUBISHI", "TRITON 4X2 AT", kPickup, "Thái Lan", "MMB", "JNKL3", "4N15", kDiesel, 5, 530,
     1860, 2855, 5305, 1815, 1795, 2442, 2010, 2025, 40},
    {"THACO", "TOWNER VAN 2S", kVan, "Việt Nam", "RN3", "TVAN2", "DA465", kPetrol, 2, 945, 1055,
     2130, 3780, 1525, 1925, 1051, 2017, 2025, 40},
    {"SUZUKI", "CARRY BLIND VAN", kVan, "Việt Nam", "RLS", "DA41V", "F10A", kPetrol, 2, 580, 805,
     1555, 3240, 1395, 1870, 970, 2005, 2022, 35},
    // Tractor units.
    {"HOWO", "ZZ4257N3247 A7", kTractor, "Trung Quốc", "LZZ", "5CLW4", "WD615", kDiesel, 2, 0, 9300,
     40000, 6985, 2496, 3850, 9726, 2008, 2025, 60},
    {"FREIGHTLINER", "CASCADIA 125", kTractor, "Hoa Kỳ", "1FU", "JGEDR", "DD15", kDiesel, 2, 0,
     8800, 40000, 7300, 2590, 4050, 14800, 2008, 2018, 25},
    {"INTERNATIONAL", "PROSTAR 6X4", kTractor, "Mexico", "3HS", "DJSJR", "MX13", kDiesel, 2, 0,
     8700, 40000, 7200, 2550, 3900, 12400, 2008, 2019, 20},
    // Semi-trailers.
    {"CIMC", "ZJV9400TJZ 40FT", kTrailer, "Trung Quốc", "LJR", "S1240", "", kNone, 0, 32000, 7000,
     39000, 12400, 2500, 1520, 0, 2007, 2025, 60},
    {"DOOSUNG", "DV-SM40", kTrailer, "Hàn Quốc", "KLD", "S4003", "", kNone, 0, 31500, 6500, 38000,
     12450, 2490, 1560, 0, 2007, 2025, 25},
    {"THACO", "MBT400 SƠ MI RƠ MOÓC", kTrailer, "Việt Nam", "RN3", "MB400", "", kNone, 0, 31200,
     6800, 38000, 12370, 2500, 1550, 0, 2012, 2025, 30},
};

constexpr std::string_view kColours[] = {"Trắng", "Đen", "Bạc",  "Xám", "Đỏ",
                                         "Xanh",  "Nâu", "Vàng", "Cam"};

constexpr std::string_view kDefects[] = {
    "Hệ thống phanh: hiệu quả phanh chính không đạt",
    "Khí thải: độ khói vượt giới hạn cho phép",
    "Khí thải: nồng độ CO vượt giới hạn cho phép",
    "Đèn chiếu sáng phía trước: cường độ sáng không đạt",
    "Hệ thống lái: độ rơ vành tay lái vượt quá giới hạn",
    "Lốp: chiều sâu hoa lốp không đạt",
    "Hệ thống treo: nhíp gãy lá",
    "Khung xe: nứt, gãy hoặc cong vênh",
    "Cửa thoát hiểm: không hoạt động",
};

}  // namespace

std::span<const VehicleModel> VehicleModels() { return kModels; }
std::span<const std::string_view> PaintColours() { return kColours; }
std::span<const std::string_view> InspectionDefects() { return kDefects; }

std::string_view KindName(std::uint8_t kind) {
  switch (kind) {
    case pb::VEHICLE_KIND_PASSENGER_CAR:
      return "Ô tô con";
    case pb::VEHICLE_KIND_BUS:
      return "Ô tô khách";
    case pb::VEHICLE_KIND_TRUCK:
      return "Ô tô tải";
    case pb::VEHICLE_KIND_PICKUP:
      return "Ô tô tải (pick up cabin kép)";
    case pb::VEHICLE_KIND_VAN:
      return "Ô tô tải VAN";
    case pb::VEHICLE_KIND_TRACTOR:
      return "Ô tô đầu kéo";
    case pb::VEHICLE_KIND_SEMI_TRAILER:
      return "Sơ mi rơ moóc tải";
    default:
      return "";
  }
}

}  // namespace ndxp::connectors::vehicle
