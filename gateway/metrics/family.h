#pragma once
// A metric family: one name, help and set of label names; one series (Counter, Gauge or
// Histogram) per distinct tuple of label values. Families are created by Registry (registry.h).

#include <absl/base/thread_annotations.h>
#include <absl/synchronization/mutex.h>

#include <algorithm>
#include <cstddef>
#include <initializer_list>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "gateway/metrics/exposition.h"
#include "gateway/metrics/histogram.h"
#include "gateway/metrics/metric.h"

namespace ndxp::metrics {

class Registry;

class FamilyBase {
 public:
  FamilyBase(const FamilyBase&) = delete;
  FamilyBase& operator=(const FamilyBase&) = delete;
  virtual ~FamilyBase() = default;

  const std::string& name() const { return name_; }
  const std::string& help() const { return help_; }
  const std::vector<std::string>& label_names() const { return label_names_; }

  // Appends HELP, TYPE and every series, sorted by label values.
  virtual void Render(std::string& out) const = 0;

 protected:
  FamilyBase(std::string name, std::string help, std::vector<std::string> label_names);

  // Aborts unless `count` matches the number of label names.
  void CheckLabelCount(size_t count) const;

  std::string name_;
  std::string help_;
  std::vector<std::string> label_names_;
};

namespace internal {

// Orders label-value tuples lexicographically; transparent so that a lookup by string_views does
// not allocate.
struct LabelValuesLess {
  using is_transparent = void;
  template <class A, class B>
  bool operator()(const A& a, const B& b) const {
    return std::lexicographical_compare(
        a.begin(), a.end(), b.begin(), b.end(),
        [](std::string_view x, std::string_view y) { return x < y; });
  }
};

void RenderSeries(std::string& out, const FamilyBase& family, std::span<const std::string> values,
                  const Counter& c);
void RenderSeries(std::string& out, const FamilyBase& family, std::span<const std::string> values,
                  const Gauge& g);
void RenderSeries(std::string& out, const FamilyBase& family, std::span<const std::string> values,
                  const Histogram& h);

}  // namespace internal

template <class T>
class Family final : public FamilyBase {
 public:
  // Returns the series for these label values (in label-name order), creating it on first use.
  // The reference stays valid as long as the Registry: resolve once and cache it, so that the hot
  // path never locks. A wrong number of values aborts.
  T& WithLabels(std::initializer_list<std::string_view> values) {
    return WithLabels(std::span<const std::string_view>(values.begin(), values.size()));
  }
  T& WithLabels(std::span<const std::string_view> values);

  size_t SeriesCount() const;
  void Render(std::string& out) const override;

 private:
  friend class Registry;
  Family(std::string name, std::string help, std::vector<std::string> label_names,
         std::vector<double> buckets = {})
      : FamilyBase(std::move(name), std::move(help), std::move(label_names)),
        buckets_(std::move(buckets)) {}

  mutable absl::Mutex mu_;
  // std::map: nodes never move, so references handed out stay valid.
  std::map<std::vector<std::string>, T, internal::LabelValuesLess> series_ ABSL_GUARDED_BY(mu_);
  const std::vector<double> buckets_;  // Histogram only; series keep a span into it.
};

template <class T>
T& Family<T>::WithLabels(std::span<const std::string_view> values) {
  CheckLabelCount(values.size());
  {
    absl::ReaderMutexLock lock(&mu_);
    auto it = series_.find(values);
    if (it != series_.end()) return it->second;
  }
  std::vector<std::string> key(values.begin(), values.end());
  absl::MutexLock lock(&mu_);
  if constexpr (std::is_same_v<T, Histogram>) {
    return series_.try_emplace(std::move(key), std::span<const double>(buckets_)).first->second;
  } else {
    return series_.try_emplace(std::move(key)).first->second;
  }
}

template <class T>
size_t Family<T>::SeriesCount() const {
  absl::ReaderMutexLock lock(&mu_);
  return series_.size();
}

template <class T>
void Family<T>::Render(std::string& out) const {
  AppendHeader(out, name_, help_, T::kTypeName);
  absl::ReaderMutexLock lock(&mu_);
  for (const auto& [values, series] : series_) {
    internal::RenderSeries(out, *this, values, series);
  }
}

extern template class Family<Counter>;
extern template class Family<Gauge>;
extern template class Family<Histogram>;

}  // namespace ndxp::metrics
