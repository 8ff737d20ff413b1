// Answer-time benchmark of the postcode connector at its default scale (a program, not a test):
// generates the default citizens, enterprises and addresses, then times each method's handler
// on sample requests spread over the data. Figures are in docs/connectors/postcode.md.
//   ndxp_postcode_bench [--benchmark_filter=...]

#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdio>
#include <memory>

#include "connectors/business/enterprise_store.h"
#include "connectors/common/text.h"
#include "connectors/postcode/postcode_connector.h"
#include "connectors/postcode/postcode_handlers.h"

namespace {

using namespace ndxp::connectors;
namespace pb = ::ndxp::postcode::v1;

struct Fixture {
  std::shared_ptr<const postcode::AddressStore> store;
  std::unique_ptr<postcode::Geocoder> geocoder;
  std::unique_ptr<postcode::PostcodeConnector> connector;
  std::vector<std::string> codes, texts, communes;
};

const Fixture& Data() {
  static const Fixture* const kData = [] {
    auto* f = new Fixture();
    const auto start = std::chrono::steady_clock::now();
    auto citizens = *population::CitizenStore::Generate(1, 0);
    auto enterprises = *business::EnterpriseStore::Generate(1, 0, citizens);
    const auto addresses_start = std::chrono::steady_clock::now();
    f->store = *postcode::AddressStore::Generate(1, 0, citizens, enterprises);
    const auto end = std::chrono::steady_clock::now();
    std::fprintf(stderr,
                 "generated %zu addresses in %.0f ms (citizens and enterprises before: %.0f ms), "
                 "%.1f MiB\n",
                 f->store->addresses().size(),
                 std::chrono::duration<double, std::milli>(end - addresses_start).count(),
                 std::chrono::duration<double, std::milli>(addresses_start - start).count(),
                 f->store->MemoryBytes() / 1048576.0);
    f->geocoder = std::make_unique<postcode::Geocoder>(f->store);
    f->connector = std::make_unique<postcode::PostcodeConnector>(f->store);
    f->codes = f->connector->SampleIds("digital_address_code", 1000);
    f->texts = f->connector->SampleIds("address_text", 1000);
    f->communes = f->connector->SampleIds("commune_code", 1000);
    return f;
  }();
  return *kData;
}

void BM_LookupAddress(benchmark::State& state) {
  const Fixture& f = Data();
  std::size_t i = 0;
  for (auto _ : state) {
    pb::LookupAddressRequest req;
    req.set_digital_address_code(f.codes[i++ % f.codes.size()]);
    pb::LookupAddressResponse resp;
    benchmark::DoNotOptimize(postcode::LookupAddress(*f.store, req, resp));
  }
}
BENCHMARK(BM_LookupAddress);

void BM_Geocode(benchmark::State& state, bool folded) {
  const Fixture& f = Data();
  std::vector<std::string> texts = f.texts;
  if (folded) {
    for (auto& t : texts) t = FoldToAscii(t);
  }
  std::size_t i = 0;
  for (auto _ : state) {
    pb::GeocodeRequest req;
    req.set_text(texts[i++ % texts.size()]);
    pb::GeocodeResponse resp;
    benchmark::DoNotOptimize(postcode::Geocode(*f.geocoder, req, resp));
  }
}
BENCHMARK_CAPTURE(BM_Geocode, with_diacritics, false);
BENCHMARK_CAPTURE(BM_Geocode, ascii, true);

void BM_ReverseGeocode(benchmark::State& state) {
  const Fixture& f = Data();
  std::size_t i = 0;
  const auto& addresses = f.store->addresses();
  for (auto _ : state) {
    const auto& a = addresses[(i++ * 7919) % addresses.size()];
    pb::ReverseGeocodeRequest req;
    req.set_latitude(a.location.lat_e6 / 1e6 + 0.0004);
    req.set_longitude(a.location.lon_e6 / 1e6 - 0.0003);
    req.set_max_results(static_cast<int>(state.range(0)));
    pb::ReverseGeocodeResponse resp;
    benchmark::DoNotOptimize(postcode::ReverseGeocode(*f.store, req, resp));
  }
}
BENCHMARK(BM_ReverseGeocode)->Arg(1)->Arg(20);

void BM_GetPostcode(benchmark::State& state) {
  const Fixture& f = Data();
  std::size_t i = 0;
  for (auto _ : state) {
    pb::GetPostcodeRequest req;
    req.set_commune_code(f.communes[i++ % f.communes.size()]);
    pb::GetPostcodeResponse resp;
    benchmark::DoNotOptimize(postcode::GetPostcode(*f.store, req, resp));
  }
}
BENCHMARK(BM_GetPostcode);

}  // namespace

int main(int argc, char** argv) {
  Data();
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
