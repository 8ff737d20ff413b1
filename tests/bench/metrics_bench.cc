// Hot-path cost of the metrics module: the calls a request makes on cached series, and the
// WithLabels lookup that callers are expected to do once and cache.
//
//   metrics_bench --benchmark_filter=Counter

#include <benchmark/benchmark.h>

#include <string>
#include <string_view>

#include "gateway/metrics/histogram.h"
#include "gateway/metrics/registry.h"

namespace ndxp::metrics {
namespace {

// Shared by all threads of a benchmark, as one process-wide registry is.
Registry& BenchRegistry() {
  static Registry* registry = new Registry();
  return *registry;
}

Family<Counter>& Requests() {
  static Family<Counter>& family = []() -> Family<Counter>& {
    auto& f = BenchRegistry().AddCounter("bench_requests_total", "Requests.",
                                         {"client", "method", "code"});
    // A realistic number of series to search through.
    for (int c = 0; c < 50; ++c) {
      for (const char* code : {"OK", "NOT_FOUND", "UNAVAILABLE"}) {
        f.WithLabels({"VN:PROV:" + std::to_string(c) + ":ONESTOP", "GetCitizen", code});
      }
    }
    return f;
  }();
  return family;
}

Histogram& Latency() {
  static Histogram& h =
      BenchRegistry()
          .AddHistogram("bench_duration_seconds", "Latency.", {"method"}, DefaultLatencyBuckets())
          .WithLabels({"GetCitizen"});
  return h;
}

// One series incremented by every thread: the contended case.
void BM_CounterInc(benchmark::State& state) {
  static Counter& c = Requests().WithLabels({"VN:PROV:79:ONESTOP", "GetCitizen", "OK"});
  for (auto _ : state) c.Inc();
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CounterInc)->Threads(1)->Threads(2)->UseRealTime();

// Each thread on its own series: no shared cache line.
void BM_CounterIncPerThreadSeries(benchmark::State& state) {
  Counter& c = Requests().WithLabels(
      {"VN:PROV:" + std::to_string(state.thread_index()) + ":ONESTOP", "GetCitizen", "OK"});
  for (auto _ : state) c.Inc();
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CounterIncPerThreadSeries)->Threads(1)->Threads(2)->UseRealTime();

void BM_HistogramObserve(benchmark::State& state) {
  Histogram& h = Latency();
  double v = 0.00003 * (state.thread_index() + 1);
  for (auto _ : state) {
    h.Observe(v);
    v = v < 20 ? v * 1.7 : 0.00003;  // walk across all buckets
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_HistogramObserve)->Threads(1)->Threads(2)->UseRealTime();

// Resolving an existing series (reader lock + map lookup), then Inc: what a caller pays when it
// does not cache the reference.
void BM_WithLabelsExisting(benchmark::State& state) {
  Family<Counter>& family = Requests();
  const std::string client = "VN:PROV:" + std::to_string(17 + state.thread_index()) + ":ONESTOP";
  for (auto _ : state) family.WithLabels({client, "GetCitizen", "NOT_FOUND"}).Inc();
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_WithLabelsExisting)->Threads(1)->Threads(2)->UseRealTime();

// The scrape: 150 counter series, one histogram and its 16 buckets.
void BM_Render(benchmark::State& state) {
  Requests();
  Latency();
  for (auto _ : state) benchmark::DoNotOptimize(BenchRegistry().Render());
}
BENCHMARK(BM_Render);

}  // namespace
}  // namespace ndxp::metrics
