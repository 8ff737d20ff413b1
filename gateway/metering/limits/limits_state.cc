#include "gateway/metering/limits/limits_state.h"

#include <algorithm>

#include <absl/container/flat_hash_set.h>

#include "gateway/config/rate.h"
#include "gateway/core/strings.h"
#include "gateway/metrics/exposition.h"

namespace ndxp::metering {
namespace {

namespace v1 = ::ndxp::gateway::v1;

constexpr std::string_view kRemainingName = "ndxp_gateway_quota_remaining";
constexpr std::string_view kLimitName = "ndxp_gateway_quota_limit";
constexpr std::string_view kAllConnectors = "all";

}  // namespace

std::string_view LimitKindName(LimitKind kind) {
  switch (kind) {
    case LimitKind::kRate: return "rate";
    case LimitKind::kConcurrency: return "concurrency";
    case LimitKind::kQuotaDaily: return "quota_daily";
    case LimitKind::kQuotaMonthly: return "quota_monthly";
  }
  return "rate";
}

void RateLimit::Set(const std::string& rate, std::uint32_t burst_size) {
  auto parsed = rate.empty() ? absl::StatusOr<config::Rate>(config::Rate{})
                             : config::ParseRate(rate);
  if (!parsed.ok() || parsed->count == 0) {
    bucket.Configure(0, std::chrono::nanoseconds(0), 0);
    count.store(0, std::memory_order_relaxed);
    return;
  }
  const std::uint32_t size = burst_size != 0 ? burst_size : config::DefaultBurst(*parsed);
  count.store(parsed->count, std::memory_order_relaxed);
  period_seconds.store(parsed->period_seconds, std::memory_order_relaxed);
  burst.store(size, std::memory_order_relaxed);
  bucket.Configure(parsed->count, std::chrono::seconds(parsed->period_seconds), size);
}

std::string RateLimit::Describe() const {
  const std::int64_t period = period_seconds.load(std::memory_order_relaxed);
  const char unit = period == 1 ? 's' : period == 60 ? 'm' : 'h';
  return core::Cat(count.load(std::memory_order_relaxed), "/", unit, ", burst ",
                   burst.load(std::memory_order_relaxed));
}

ClientSlot::ClientSlot(std::string client_id, std::size_t connectors)
    : id(std::move(client_id)),
      subject(core::Cat("client:", id)),
      connector_rate(std::make_unique<RateLimit[]>(connectors)),
      connector_daily(std::make_unique<QuotaLimit[]>(connectors)),
      connector_monthly(std::make_unique<QuotaLimit[]>(connectors)),
      hits(std::make_unique<std::atomic<metrics::Counter*>[]>(connectors * kLimitKinds)) {
  for (std::size_t i = 0; i < connectors * kLimitKinds; ++i) hits[i].store(nullptr);
}

LimitsState::LimitsState(const core::RouteTable& routes, Snapshot snapshot,
                         metrics::Registry& registry, absl::TimeZone zone,
                         const ServedCalls* served, Clock clock)
    : snapshot_(std::move(snapshot)),
      calendar_(zone),
      served_(served),
      clock_(std::move(clock)) {
  for (const auto& route : routes.routes()) {
    if (ConnectorIndex(route->connector_name) == kNoConnector) {
      connectors_.push_back(route->connector_name);
    }
  }
  hits_ = &registry.AddCounter(
      "ndxp_gateway_limit_hits_total",
      "Calls refused by a limit, by client, connector and kind (rate, concurrency, quota_daily, "
      "quota_monthly).",
      {"client", "connector", "kind"});
  registry.AddCollector([this](std::string& out) { RenderRemaining(out); });
  Refresh();
}

std::size_t LimitsState::ConnectorIndex(std::string_view name) const {
  for (std::size_t i = 0; i < connectors_.size(); ++i) {
    if (connectors_[i] == name) return i;
  }
  return kNoConnector;
}

ClientSlot* LimitsState::Get(std::size_t index) const {
  if (index >= kMaxClients) return nullptr;
  const Chunk* chunk = chunks_[index / kChunkSize].load(std::memory_order_acquire);
  if (chunk == nullptr) return nullptr;
  return (*chunk)[index % kChunkSize].load(std::memory_order_acquire);
}

ClientSlot& LimitsState::GetOrCreate(std::size_t index, const std::string& id) {
  std::atomic<Chunk*>& cell = chunks_[index / kChunkSize];
  Chunk* chunk = cell.load(std::memory_order_acquire);
  if (chunk == nullptr) {
    owned_chunks_.push_back(std::make_unique<Chunk>());
    chunk = owned_chunks_.back().get();
    for (auto& slot : *chunk) slot.store(nullptr, std::memory_order_relaxed);
    cell.store(chunk, std::memory_order_release);
  }
  std::atomic<ClientSlot*>& slot_cell = (*chunk)[index % kChunkSize];
  if (ClientSlot* slot = slot_cell.load(std::memory_order_acquire)) return *slot;
  owned_slots_.push_back(std::make_unique<ClientSlot>(id, connectors_.size()));
  slot_cell.store(owned_slots_.back().get(), std::memory_order_release);
  return *owned_slots_.back();
}

ClientSlot* LimitsState::SlotFor(const core::CallContext& context) {
  if (context.client == nullptr) return nullptr;
  if (context.client_owner.get() != applied_.load(std::memory_order_acquire)) Refresh();
  return Get(context.client->index);
}

void LimitsState::Refresh() {
  std::shared_ptr<const auth::ClientRegistry> current = snapshot_ ? snapshot_() : nullptr;
  if (current == nullptr || current.get() == applied_.load(std::memory_order_acquire)) return;
  Apply(std::move(current));
}

void LimitsState::Apply(std::shared_ptr<const auth::ClientRegistry> snapshot) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (snapshot.get() == applied_.load(std::memory_order_acquire)) return;
  absl::flat_hash_set<const ClientSlot*> present;
  for (const auto& client : snapshot->clients()) {
    if (client->index >= kMaxClients) continue;
    const bool fresh = Get(client->index) == nullptr;
    ClientSlot& slot = GetOrCreate(client->index, client->id);
    Configure(slot, client->limits.get(), fresh);
    present.insert(&slot);
  }
  for (const auto& slot : owned_slots_) {
    if (!present.contains(slot.get())) Configure(*slot, nullptr, false);  // no longer registered
  }
  applied_snapshot_ = std::move(snapshot);
  applied_.store(applied_snapshot_.get(), std::memory_order_release);
}

void LimitsState::Configure(ClientSlot& slot, const v1::ClientLimits* limits, bool fresh) {
  static const v1::ClientLimits kNone;
  const v1::ClientLimits& l = limits != nullptr ? *limits : kNone;
  slot.rate.Set(l.rate(), l.burst());
  bool any_rate = slot.rate.enabled();
  auto seed = [&](QuotaLimit& quota, std::uint64_t limit, std::string_view connector,
                  bool monthly) {
    const bool was_on = !fresh && quota.limit.load(std::memory_order_relaxed) != 0;
    SeedQuota(quota, limit, was_on, slot.id, connector, monthly);
  };
  seed(slot.daily, l.quota_daily(), "", false);
  seed(slot.monthly, l.quota_monthly(), "", true);
  bool any_quota = l.quota_daily() != 0 || l.quota_monthly() != 0;
  for (std::size_t c = 0; c < connectors_.size(); ++c) {
    const v1::ConnectorLimits* entry = nullptr;
    for (const v1::ConnectorLimits& e : l.connectors()) {
      if (e.connector() == connectors_[c]) entry = &e;
    }
    static const v1::ConnectorLimits kNoEntry;
    const v1::ConnectorLimits& e = entry != nullptr ? *entry : kNoEntry;
    slot.connector_rate[c].Set(e.rate(), e.burst());
    any_rate = any_rate || slot.connector_rate[c].enabled();
    seed(slot.connector_daily[c], e.quota_daily(), connectors_[c], false);
    seed(slot.connector_monthly[c], e.quota_monthly(), connectors_[c], true);
    any_quota = any_quota || e.quota_daily() != 0 || e.quota_monthly() != 0;
  }
  slot.has_rate.store(any_rate, std::memory_order_release);
  slot.has_quota.store(any_quota, std::memory_order_release);
}

void LimitsState::SeedQuota(QuotaLimit& quota, std::uint64_t limit, bool was_on,
                            const std::string& client, std::string_view connector, bool monthly) {
  if (limit != 0 && !was_on && served_ != nullptr) {
    const QuotaPeriods now = calendar_.At(Now());
    const absl::CivilDay today = calendar_.DayOf(now.day);
    if (monthly) {
      quota.counter.Seed(now.month, served_->Served(client, connector,
                                                    calendar_.FirstDayOfMonth(now.month), today));
    } else {
      quota.counter.Seed(now.day, served_->Served(client, connector, today, today));
    }
  }
  quota.limit.store(limit, std::memory_order_release);
}

void LimitsState::CountHit(ClientSlot* slot, std::size_t connector, LimitKind kind) {
  const std::string_view name =
      connector < connectors_.size() ? std::string_view(connectors_[connector]) : "";
  if (slot == nullptr || connector >= connectors_.size()) {
    hits_->WithLabels({slot != nullptr ? std::string_view(slot->id) : "", name,
                       LimitKindName(kind)})
        .Inc();
    return;
  }
  std::atomic<metrics::Counter*>& cell =
      slot->hits[static_cast<std::size_t>(kind) * connectors_.size() + connector];
  metrics::Counter* counter = cell.load(std::memory_order_acquire);
  if (counter == nullptr) {
    counter = &hits_->WithLabels({slot->id, name, LimitKindName(kind)});
    cell.store(counter, std::memory_order_release);
  }
  counter->Inc();
}

void LimitsState::RenderRemaining(std::string& out) const {
  metrics::AppendHeader(out, kRemainingName,
                        "Calls a client's quota still admits in the current day or month "
                        "(connector \"all\": the client-wide quota).",
                        "gauge");
  static const std::vector<std::string> kLabels = {"client", "connector", "period"};
  std::string limits;  // ndxp_gateway_quota_limit, the same series, after this family
  const QuotaPeriods now = calendar_.At(Now());
  auto sample = [&](const ClientSlot& slot, const QuotaLimit& quota, std::string_view connector,
                    bool monthly) {
    const std::uint64_t limit = quota.limit.load(std::memory_order_acquire);
    if (limit == 0) return;
    const std::uint64_t used = quota.counter.Used(monthly ? now.month : now.day);
    const std::vector<std::string> values = {slot.id, std::string(connector),
                                             monthly ? "month" : "day"};
    metrics::AppendSeriesName(out, kRemainingName, kLabels, values);
    out.push_back(' ');
    metrics::AppendNumber(out, static_cast<std::uint64_t>(used >= limit ? 0 : limit - used));
    out.push_back('\n');
    metrics::AppendSeriesName(limits, kLimitName, kLabels, values);
    limits.push_back(' ');
    metrics::AppendNumber(limits, limit);
    limits.push_back('\n');
  };
  std::lock_guard<std::mutex> lock(mutex_);
  for (const auto& slot : owned_slots_) {
    if (!slot->has_quota.load(std::memory_order_acquire)) continue;
    sample(*slot, slot->daily, kAllConnectors, false);
    sample(*slot, slot->monthly, kAllConnectors, true);
    for (std::size_t c = 0; c < connectors_.size(); ++c) {
      sample(*slot, slot->connector_daily[c], connectors_[c], false);
      sample(*slot, slot->connector_monthly[c], connectors_[c], true);
    }
  }
  metrics::AppendHeader(out, kLimitName,
                        "The quota of a client in a day or month (connector \"all\": client-wide).",
                        "gauge");
  out += limits;
}

}  // namespace ndxp::metering
