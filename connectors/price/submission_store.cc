#include "connectors/price/submission_store.h"

#include "connectors/common/admin_units.h"
#include "connectors/common/dates.h"
#include "gateway/core/status.h"
#include "gateway/core/strings.h"

namespace ndxp::connectors::price {

absl::StatusOr<std::vector<Outcome>> SubmissionStore::Apply(
    const std::vector<PriceItem>& items, std::shared_ptr<const Provenance> provenance) {
  std::vector<Outcome> outcomes(items.size(), Outcome::kUnchanged);
  absl::MutexLock lock(&mu_);
  std::size_t created = 0;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const PriceItem& item = items[i];
    std::optional<std::int64_t> existing = history_->Generated(item.commodity, item.province, item.day);
    if (!existing) {
      auto it = entries_.find(Key(item.commodity, item.province, item.day));
      if (it != entries_.end()) existing = it->second.price_vnd;
    }
    if (!existing) {
      // An earlier item of the same request may have the same key (and, checked by the caller,
      // the same price).
      bool earlier = false;
      for (std::size_t j = 0; j < i && !earlier; ++j) {
        earlier = outcomes[j] == Outcome::kCreated && items[j].commodity == item.commodity &&
                  items[j].province == item.province && items[j].day == item.day;
      }
      if (!earlier) {
        outcomes[i] = Outcome::kCreated;
        ++created;
      }
      continue;
    }
    if (*existing != item.price_vnd) {
      const std::string commodity(Commodities()[static_cast<std::size_t>(item.commodity)].code);
      const std::string province(
          AdminUnits::Get().provinces()[static_cast<std::size_t>(item.province)].code_text);
      const std::string date = FormatIsoDate(FromDays(item.day));
      const std::string index = core::Cat(i);
      return core::ErrorWithReason(
          absl::StatusCode::kAlreadyExists,
          core::Cat("prices[", i, "]: another price (", *existing, " đồng) is already recorded for ",
                    commodity, " in province ", province, " on ", date,
                    "; nothing of this request was written"),
          "PRICE_ALREADY_RECORDED",
          {{"commodity_code", commodity}, {"province_code", province}, {"date", date},
           {"index", index}});
    }
  }
  if (entries_.size() + created > kMaxEntries) {
    return core::ErrorWithReason(
        absl::StatusCode::kResourceExhausted,
        core::Cat("the store of submitted prices holds its maximum of ", kMaxEntries, " prices"),
        "SUBMISSION_STORE_FULL", {{"max_entries", core::Cat(kMaxEntries)}});
  }
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (outcomes[i] != Outcome::kCreated) continue;
    const PriceItem& item = items[i];
    entries_.emplace(Key(item.commodity, item.province, item.day),
                     Entry{item.price_vnd, provenance});
  }
  size_.store(entries_.size(), std::memory_order_release);
  return outcomes;
}

std::optional<Submitted> SubmissionStore::Find(int commodity, int province,
                                               std::int32_t day) const {
  if (size() == 0) return std::nullopt;
  absl::ReaderMutexLock lock(&mu_);
  auto it = entries_.find(Key(commodity, province, day));
  if (it == entries_.end()) return std::nullopt;
  return Submitted{day, it->second.price_vnd, it->second.provenance};
}

std::optional<Submitted> SubmissionStore::Latest(int commodity, int province,
                                                 std::int32_t day) const {
  if (size() == 0) return std::nullopt;
  absl::ReaderMutexLock lock(&mu_);
  auto it = entries_.upper_bound(Key(commodity, province, day));
  if (it == entries_.begin()) return std::nullopt;
  --it;
  if (it->first >> 32 != Key(commodity, province, 0) >> 32) return std::nullopt;
  const auto found = static_cast<std::int32_t>(it->first & 0xFFFFFFFFu) + kDayBase;
  return Submitted{found, it->second.price_vnd, it->second.provenance};
}

std::vector<Submitted> SubmissionStore::Range(int commodity, int province, std::int32_t from,
                                              std::int32_t to, std::size_t limit) const {
  std::vector<Submitted> out;
  if (size() == 0 || from > to) return out;
  absl::ReaderMutexLock lock(&mu_);
  for (auto it = entries_.lower_bound(Key(commodity, province, from));
       it != entries_.end() && it->first <= Key(commodity, province, to) && out.size() < limit;
       ++it) {
    out.push_back({static_cast<std::int32_t>(it->first & 0xFFFFFFFFu) + kDayBase,
                   it->second.price_vnd, it->second.provenance});
  }
  return out;
}

}  // namespace ndxp::connectors::price
