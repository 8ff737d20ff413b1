// Data-load benchmark of the land and vehicle connectors: generates the population and business
// data at their defaults (or as given), then P parcels and V vehicles over them, and prints the
// wall time of each generation and the peak resident set size. Not a test:
//   ndxp_land_vehicle_load_bench [parcels] [vehicles] [citizens] [enterprises]
// (0 means the connector's default scale.)

#include <sys/resource.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "connectors/common/admin_units.h"
#include "connectors/land/parcel_store.h"
#include "connectors/vehicle/vehicle_store.h"

namespace {

long PeakRssKib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;  // KiB on Linux
}

std::uint64_t Arg(int argc, char** argv, int i) {
  return argc > i ? std::strtoull(argv[i], nullptr, 10) : 0;
}

}  // namespace

int main(int argc, char** argv) {
  namespace c = ndxp::connectors;
  const auto ms = [](auto d) { return std::chrono::duration<double, std::milli>(d).count(); };
  c::AdminUnits::Get();
  const auto t0 = std::chrono::steady_clock::now();
  auto citizens = c::population::CitizenStore::Generate(1, Arg(argc, argv, 3));
  auto enterprises = c::business::EnterpriseStore::Generate(1, Arg(argc, argv, 4), *citizens);
  const auto t1 = std::chrono::steady_clock::now();
  auto parcels = c::land::ParcelStore::Generate(1, Arg(argc, argv, 1), *citizens, *enterprises);
  const auto t2 = std::chrono::steady_clock::now();
  const long rss_land = PeakRssKib();
  auto vehicles =
      c::vehicle::VehicleStore::Generate(1, Arg(argc, argv, 2), *citizens, *enterprises);
  const auto t3 = std::chrono::steady_clock::now();
  if (!parcels.ok() || !vehicles.ok()) {
    std::fprintf(stderr, "generation failed\n");
    return 1;
  }
  std::printf("citizens + enterprises  %zu + %zu in %.1f ms\n", (*citizens)->size(),
              (*enterprises)->enterprises().size(), ms(t1 - t0));
  std::printf("parcels                 %zu (%zu certificates) in %.1f ms\n",
              (*parcels)->parcels().size(), (*parcels)->certificates().size(), ms(t2 - t1));
  std::printf("vehicles                %zu (%zu inspections) in %.1f ms\n",
              (*vehicles)->vehicles().size(), (*vehicles)->inspections().size(), ms(t3 - t2));
  std::printf("peak RSS after land     %.1f MiB\n", rss_land / 1024.0);
  std::printf("peak RSS                %.1f MiB\n", PeakRssKib() / 1024.0);
  return 0;
}
