// Data-load benchmark of the insurance and budget connectors: generates the population and the
// business register they read (defaults: 100,000 citizens and 20,000 enterprises), then the
// insurance register over them and the register of budget-relationship units, and prints the wall
// time of each and the peak resident set size. Not a test:
//   ndxp_insurance_budget_load_bench [citizens] [enterprises] [budget projects] [seed]

#include <sys/resource.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "connectors/budget/budget_store.h"
#include "connectors/common/admin_units.h"
#include "connectors/insurance/insurance_store.h"

namespace {

long PeakRssKib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;  // KiB on Linux
}

double Ms(std::chrono::steady_clock::duration d) {
  return std::chrono::duration<double, std::milli>(d).count();
}

}  // namespace

int main(int argc, char** argv) {
  namespace c = ndxp::connectors;
  const std::uint64_t citizens = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 100'000;
  const std::uint64_t enterprises = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 20'000;
  const std::uint64_t projects = argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 0;
  const std::uint64_t seed = argc > 4 ? std::strtoull(argv[4], nullptr, 10) : 1;

  c::AdminUnits::Get();
  const auto t0 = std::chrono::steady_clock::now();
  auto population = c::population::CitizenStore::Generate(seed, citizens);
  if (!population.ok())
    return std::fprintf(stderr, "%s\n", population.status().ToString().c_str()), 1;
  const auto t1 = std::chrono::steady_clock::now();
  auto business = c::business::EnterpriseStore::Generate(seed, enterprises, *population);
  if (!business.ok()) return std::fprintf(stderr, "%s\n", business.status().ToString().c_str()), 1;
  const auto t2 = std::chrono::steady_clock::now();
  auto insurance = c::insurance::InsuranceStore::Generate(seed, 0, *population, *business);
  if (!insurance.ok())
    return std::fprintf(stderr, "%s\n", insurance.status().ToString().c_str()), 1;
  const auto t3 = std::chrono::steady_clock::now();
  auto budget = c::budget::BudgetStore::Generate(seed, projects, *business);
  if (!budget.ok()) return std::fprintf(stderr, "%s\n", budget.status().ToString().c_str()), 1;
  const auto t4 = std::chrono::steady_clock::now();

  std::printf("population          %zu citizens in %.1f ms\n", (*population)->size(), Ms(t1 - t0));
  std::printf("business            %zu enterprises in %.1f ms\n", (*business)->enterprises().size(),
              Ms(t2 - t1));
  std::printf("insurance           %zu participants in %.1f ms, %.1f MiB\n",
              (*insurance)->participant_count(), Ms(t3 - t2),
              (*insurance)->MemoryBytes() / 1048576.0);
  std::printf("budget              %zu units, %zu dossiers in %.1f ms, %.1f MiB\n",
              (*budget)->units().size(), (*budget)->dossiers().size(), Ms(t4 - t3),
              (*budget)->MemoryBytes() / 1048576.0);
  std::printf("peak RSS            %.1f MiB\n", PeakRssKib() / 1024.0);
  std::printf("fingerprints        %016llx %016llx\n",
              static_cast<unsigned long long>((*insurance)->Fingerprint()),
              static_cast<unsigned long long>((*budget)->Fingerprint()));
  return 0;
}
