#pragma once
// The process's metric registry and its Prometheus text exposition (format 0.0.4), served on
// /metrics. Families live as long as the registry; they are never removed.
//
//   Registry registry;
//   auto& requests = registry.AddCounter("ndxp_gateway_requests_total", "Calls handled.",
//                                        {"client", "method", "code"});
//   Counter& ok = requests.WithLabels({client, method, "OK"});  // once, then cached
//   ok.Inc();                                                    // lock-free
//
// Registration errors (invalid or duplicate names, reserved labels, bad buckets) are programming
// errors and abort with a message.

#include <absl/base/thread_annotations.h>
#include <absl/synchronization/mutex.h>

#include <functional>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/metrics/family.h"

namespace ndxp::metrics {

class Registry {
 public:
  Registry();
  ~Registry();
  Registry(const Registry&) = delete;
  Registry& operator=(const Registry&) = delete;

  // Counter names should end in _total (the caller's job).
  Family<Counter>& AddCounter(std::string name, std::string help,
                              std::vector<std::string> label_names);
  Family<Gauge>& AddGauge(std::string name, std::string help, std::vector<std::string> label_names);
  // `buckets`: strictly increasing upper bounds, no NaN; a trailing +Inf is implied and dropped.
  // The label name "le" is reserved.
  Family<Histogram>& AddHistogram(std::string name, std::string help,
                                  std::vector<std::string> label_names,
                                  std::vector<double> buckets);

  // `render_text` appends whole families (HELP, TYPE, samples) in the text format; it runs on
  // every Render, after the registered families, in the order added. It must not call back into
  // this registry, and its names must not clash with registered families.
  void AddCollector(std::function<void(std::string& out)> render_text);

  // Families in registration order, series sorted by label values, then collectors.
  std::string Render() const;

 private:
  // Aborts on an invalid name or label, or on a clash with a sample name already produced.
  void Claim(const std::string& name, const std::vector<std::string>& label_names,
             std::initializer_list<std::string_view> sample_suffixes)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  template <class T>
  Family<T>& Add(std::unique_ptr<Family<T>> family) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  mutable absl::Mutex mu_;
  std::vector<std::unique_ptr<FamilyBase>> families_ ABSL_GUARDED_BY(mu_);
  std::vector<std::function<void(std::string&)>> collectors_ ABSL_GUARDED_BY(mu_);
  std::set<std::string, std::less<>> sample_names_ ABSL_GUARDED_BY(mu_);
};

}  // namespace ndxp::metrics
