#include "gateway/metrics/family.h"

#include "gateway/metrics/exposition.h"
#include "gateway/metrics/fatal.h"

namespace ndxp::metrics {

FamilyBase::FamilyBase(std::string name, std::string help, std::vector<std::string> label_names)
    : name_(std::move(name)), help_(std::move(help)), label_names_(std::move(label_names)) {}

void FamilyBase::CheckLabelCount(size_t count) const {
  if (count == label_names_.size()) return;
  std::string msg = "metric family " + name_ + " has " + std::to_string(label_names_.size()) +
                    " label name(s) but WithLabels got " + std::to_string(count) + " value(s)";
  internal::Fatal(msg);
}

namespace internal {
namespace {

void AppendValueLine(std::string& out, const FamilyBase& family, std::string_view suffix,
                     std::span<const std::string> values, std::string_view extra_name,
                     std::string_view extra_value) {
  std::string name = family.name();
  name.append(suffix);
  AppendSeriesName(out, name, family.label_names(), values, extra_name, extra_value);
  out.push_back(' ');
}

}  // namespace

void RenderSeries(std::string& out, const FamilyBase& family, std::span<const std::string> values,
                  const Counter& c) {
  AppendValueLine(out, family, "", values, {}, {});
  AppendNumber(out, c.Value());
  out.push_back('\n');
}

void RenderSeries(std::string& out, const FamilyBase& family, std::span<const std::string> values,
                  const Gauge& g) {
  AppendValueLine(out, family, "", values, {}, {});
  AppendNumber(out, g.Value());
  out.push_back('\n');
}

void RenderSeries(std::string& out, const FamilyBase& family, std::span<const std::string> values,
                  const Histogram& h) {
  Histogram::Snapshot snap = h.Collect();
  std::span<const double> bounds = h.bounds();
  uint64_t cumulative = 0;
  std::string le;
  for (size_t i = 0; i <= bounds.size(); ++i) {
    cumulative += snap.bucket_counts[i];
    le.clear();
    if (i < bounds.size()) {
      AppendNumber(le, bounds[i]);
    } else {
      le = "+Inf";
    }
    AppendValueLine(out, family, "_bucket", values, "le", le);
    AppendNumber(out, cumulative);
    out.push_back('\n');
  }
  AppendValueLine(out, family, "_sum", values, {}, {});
  AppendNumber(out, snap.sum);
  out.push_back('\n');
  AppendValueLine(out, family, "_count", values, {}, {});
  AppendNumber(out, snap.count);
  out.push_back('\n');
}

}  // namespace internal

template class Family<Counter>;
template class Family<Gauge>;
template class Family<Histogram>;

}  // namespace ndxp::metrics
