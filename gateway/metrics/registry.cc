#include "gateway/metrics/registry.h"

#include <cmath>
#include <utility>

#include "gateway/metrics/exposition.h"
#include "gateway/metrics/fatal.h"

namespace ndxp::metrics {
namespace {

void CheckLabels(const std::string& family, const std::vector<std::string>& label_names) {
  std::set<std::string_view> seen;
  for (const std::string& label : label_names) {
    if (!IsValidLabelName(label)) {
      internal::Fatal("metric family " + family + ": invalid label name \"" + label +
                      "\" (want [a-zA-Z_][a-zA-Z0-9_]*, not starting with __)");
    }
    if (!seen.insert(label).second) {
      internal::Fatal("metric family " + family + ": duplicate label name " + label);
    }
  }
}

// Drops a trailing +Inf; aborts on NaN or bounds that do not strictly increase.
std::vector<double> CheckBuckets(const std::string& family, std::vector<double> buckets) {
  if (!buckets.empty() && std::isinf(buckets.back()) && buckets.back() > 0) buckets.pop_back();
  for (size_t i = 0; i < buckets.size(); ++i) {
    bool increasing = i == 0 || buckets[i - 1] < buckets[i];
    if (std::isnan(buckets[i]) || !increasing) {
      internal::Fatal("histogram " + family +
                      ": bucket bounds must be strictly increasing and not NaN");
    }
  }
  return buckets;
}

}  // namespace

Registry::Registry() = default;
Registry::~Registry() = default;

void Registry::Claim(const std::string& name, const std::vector<std::string>& label_names,
                     std::initializer_list<std::string_view> sample_suffixes) {
  if (!IsValidMetricName(name)) {
    internal::Fatal("invalid metric name \"" + name + "\" (want [a-zA-Z_:][a-zA-Z0-9_:]*)");
  }
  CheckLabels(name, label_names);
  std::vector<std::string> samples;
  for (std::string_view suffix : sample_suffixes) {
    std::string sample = name + std::string(suffix);
    if (sample_names_.contains(sample)) {
      internal::Fatal("metric family " + name + ": name " + sample + " is already registered");
    }
    samples.push_back(std::move(sample));
  }
  sample_names_.insert(samples.begin(), samples.end());
}

template <class T>
Family<T>& Registry::Add(std::unique_ptr<Family<T>> family) {
  Family<T>& ref = *family;
  families_.push_back(std::move(family));
  return ref;
}

Family<Counter>& Registry::AddCounter(std::string name, std::string help,
                                      std::vector<std::string> label_names) {
  absl::MutexLock lock(&mu_);
  Claim(name, label_names, {""});
  return Add(std::unique_ptr<Family<Counter>>(
      new Family<Counter>(std::move(name), std::move(help), std::move(label_names))));
}

Family<Gauge>& Registry::AddGauge(std::string name, std::string help,
                                  std::vector<std::string> label_names) {
  absl::MutexLock lock(&mu_);
  Claim(name, label_names, {""});
  return Add(std::unique_ptr<Family<Gauge>>(
      new Family<Gauge>(std::move(name), std::move(help), std::move(label_names))));
}

Family<Histogram>& Registry::AddHistogram(std::string name, std::string help,
                                          std::vector<std::string> label_names,
                                          std::vector<double> buckets) {
  absl::MutexLock lock(&mu_);
  Claim(name, label_names, {"", "_bucket", "_sum", "_count"});
  for (const std::string& label : label_names) {
    if (label == "le") internal::Fatal("histogram " + name + ": label name \"le\" is reserved");
  }
  buckets = CheckBuckets(name, std::move(buckets));
  return Add(std::unique_ptr<Family<Histogram>>(new Family<Histogram>(
      std::move(name), std::move(help), std::move(label_names), std::move(buckets))));
}

void Registry::AddCollector(std::function<void(std::string& out)> render_text) {
  absl::MutexLock lock(&mu_);
  collectors_.push_back(std::move(render_text));
}

std::string Registry::Render() const {
  // Families are never removed, so the pointers stay valid after the lock is released; rendering
  // outside it lets registration and other scrapes proceed.
  std::vector<const FamilyBase*> families;
  std::vector<std::function<void(std::string&)>> collectors;
  {
    absl::ReaderMutexLock lock(&mu_);
    families.reserve(families_.size());
    for (const auto& f : families_) families.push_back(f.get());
    collectors = collectors_;
  }
  std::string out;
  out.reserve(4096);
  for (const FamilyBase* f : families) f->Render(out);
  for (const auto& collect : collectors) collect(out);
  return out;
}

}  // namespace ndxp::metrics
