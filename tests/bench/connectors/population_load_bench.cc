// Data-load benchmark of the population connector: generates N citizens (default 1,000,000) and
// prints the wall time of the generation and the process's peak resident set size; then, when
// asked, M enterprises of the business connector over those citizens. Not a test:
//   ndxp_population_load_bench [citizens] [seed] [enterprises]

#include <sys/resource.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "connectors/business/enterprise_store.h"
#include "connectors/common/admin_units.h"
#include "connectors/population/citizen_store.h"

namespace {

long PeakRssKib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;  // KiB on Linux
}

}  // namespace

int main(int argc, char** argv) {
  using ndxp::connectors::population::CitizenStore;
  const std::uint64_t count = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1'000'000;
  const std::uint64_t seed = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 1;
  const std::uint64_t enterprises = argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 0;

  const auto t0 = std::chrono::steady_clock::now();
  ndxp::connectors::AdminUnits::Get();  // embedded tables, parsed once per process
  const auto t1 = std::chrono::steady_clock::now();
  auto store = CitizenStore::Generate(seed, count);
  const auto t2 = std::chrono::steady_clock::now();
  if (!store.ok()) {
    std::fprintf(stderr, "generation failed: %s\n", store.status().ToString().c_str());
    return 1;
  }
  const auto ms = [](auto d) { return std::chrono::duration<double, std::milli>(d).count(); };
  std::printf("citizens            %zu\n", (*store)->size());
  std::printf("households          %zu\n", (*store)->households().size());
  std::printf("admin units load    %.1f ms\n", ms(t1 - t0));
  std::printf("generation          %.1f ms\n", ms(t2 - t1));
  std::printf("total wall time     %.1f ms\n", ms(t2 - t0));
  std::printf("store memory        %.1f MiB\n", (*store)->MemoryBytes() / 1048576.0);
  std::printf("peak RSS            %.1f MiB\n", PeakRssKib() / 1024.0);
  std::printf("fingerprint         %016llx\n",
              static_cast<unsigned long long>((*store)->Fingerprint()));
  if (enterprises == 0) return 0;

  const auto t3 = std::chrono::steady_clock::now();
  auto registry = ndxp::connectors::business::EnterpriseStore::Generate(seed, enterprises, *store);
  const auto t4 = std::chrono::steady_clock::now();
  if (!registry.ok()) {
    std::fprintf(stderr, "business generation failed: %s\n", registry.status().ToString().c_str());
    return 1;
  }
  std::printf("enterprises         %zu (%zu dependent units, %zu dossiers)\n",
              (*registry)->enterprises().size(), (*registry)->units().size(),
              (*registry)->dossiers().size());
  std::printf("business generation %.1f ms\n", ms(t4 - t3));
  std::printf("peak RSS            %.1f MiB\n", PeakRssKib() / 1024.0);
  return 0;
}
