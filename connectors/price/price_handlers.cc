#include "connectors/price/price_handlers.h"

#include <algorithm>

#include "connectors/common/admin_units.h"
#include "connectors/common/dates.h"
#include "connectors/common/paging.h"
#include "connectors/common/rng.h"
#include "gateway/core/status.h"
#include "gateway/core/strings.h"

namespace ndxp::connectors::price {
namespace {

namespace pb = ::ndxp::price::v1;

const Commodity& CommodityAt(int i) { return Commodities()[static_cast<std::size_t>(i)]; }

absl::StatusOr<int> FindCommodity(std::string_view text, std::string_view field) {
  auto index = ParseCommodityCode(text, field);
  if (!index.ok()) return index.status();
  if (*index < 0) {
    return core::NotFound("commodity", core::Cat("no commodity ", text, " in the catalogue"));
  }
  return *index;
}

std::int32_t Horizon(const PriceStore& history) { return history.history_end() + kHorizonDays; }

// A complete date within [history start, horizon].
absl::StatusOr<std::int32_t> ParseDay(const PriceStore& history, const google::type::Date& date,
                                      std::string_view field) {
  auto civil = ParseFullDate(date, field);
  if (!civil.ok()) return civil.status();
  const std::int32_t day = ToDays(*civil);
  if (day > Horizon(history)) {
    return core::FieldViolation(field, core::Cat(FormatIsoDate(*civil), " is after ",
                                                 FormatIsoDate(FromDays(Horizon(history))),
                                                 ", a year past the database's snapshot date"));
  }
  return day;
}

void FillObservation(int commodity, int province, const Submitted& s, pb::PriceObservation* out) {
  out->set_commodity_code(std::string(CommodityAt(commodity).code));
  out->set_province_code(
      std::string(AdminUnits::Get().provinces()[static_cast<std::size_t>(province)].code_text));
  ToProto(FromDays(s.day), out->mutable_date());
  out->set_price_vnd(s.price_vnd);
  if (s.provenance == nullptr) {
    out->set_source(pb::PRICE_SOURCE_RECORDED);
  } else {
    out->set_source(pb::PRICE_SOURCE_SUBMITTED);
    out->set_submitted_by(s.provenance->client_id);
    out->set_submission_request_id(s.provenance->request_id);
  }
}

// The observation of an observation day: generated, else submitted.
std::optional<Submitted> ObservationOn(const PriceData& data, int commodity, int province,
                                       std::int32_t day) {
  if (auto price = data.history.Generated(commodity, province, day)) {
    return Submitted{day, *price, nullptr};
  }
  return data.submissions.Find(commodity, province, day);
}

// The latest observation on or before `day`.
std::optional<Submitted> LatestOn(const PriceData& data, int commodity, int province,
                                  std::int32_t day) {
  std::optional<Submitted> best = data.submissions.Latest(commodity, province, day);
  const std::int32_t generated =
      std::min(PriceStore::ObservationDay(CommodityAt(commodity), day), data.history.LastDay(commodity));
  if (best && best->day >= generated) return best;
  if (auto price = data.history.Generated(commodity, province, generated)) {
    return Submitted{generated, *price, nullptr};
  }
  return best;
}

absl::StatusOr<PriceItem> ParseItem(const PriceData& data, const pb::PriceSubmission& s, int i) {
  const std::string prefix = core::Cat("prices[", i, "].");
  PriceItem item;
  auto commodity = FindCommodity(s.commodity_code(), prefix + "commodity_code");
  if (!commodity.ok()) return commodity.status();
  item.commodity = *commodity;
  auto province = ParseProvinceCode(s.province_code(), prefix + "province_code");
  if (!province.ok()) return province.status();
  item.province = *province;
  const std::string date_field = prefix + "date";
  auto day = ParseDay(data.history, s.date(), date_field);
  if (!day.ok()) return day.status();
  const Commodity& c = CommodityAt(item.commodity);
  if (*day < data.history.FirstDay(item.commodity)) {
    return core::FieldViolation(date_field,
                                core::Cat("is before ",
                                          FormatIsoDate(FromDays(data.history.FirstDay(item.commodity))),
                                          ", the start of the database's history"));
  }
  if (!PriceStore::IsObservationDay(c, *day)) {
    static constexpr std::string_view kDays[] = {"Monday", "Tuesday", "Wednesday", "Thursday",
                                                 "Friday", "Saturday", "Sunday"};
    return core::FieldViolation(
        date_field, core::Cat(c.code, " is observed weekly on ", kDays[c.weekday - 1], "s; ",
                              FormatIsoDate(FromDays(*day)), " is a ", kDays[DayOfWeek(*day)]));
  }
  item.day = *day;
  const std::string price_field = prefix + "price_vnd";
  if (s.price_vnd() <= 0) return core::FieldViolation(price_field, "must be positive");
  const std::int64_t reference =
      *data.history.Generated(item.commodity, item.province, data.history.LastDay(item.commodity));
  if (s.price_vnd() < reference / 10 || s.price_vnd() > reference * 10) {
    return core::FieldViolation(
        price_field, core::Cat("is implausible: the latest recorded price is ", reference, " ",
                               c.unit, "; accepted are ", reference / 10, " to ", reference * 10));
  }
  item.price_vnd = s.price_vnd();
  return item;
}

absl::Status CheckRequestId(std::string_view id) {
  if (id.empty() || id.size() > kMaxRequestIdBytes) {
    return core::FieldViolation("request_id", "must be 1 to 64 printable ASCII characters");
  }
  for (char c : id) {
    if (c < 0x21 || c > 0x7E) {
      return core::FieldViolation("request_id", "must be 1 to 64 printable ASCII characters");
    }
  }
  return absl::OkStatus();
}

template <typename Req>
absl::StatusOr<std::uint64_t> DecodePosition(const PageTokenCodec& codec, const Req& request,
                                             std::uint64_t fingerprint, std::uint64_t limit) {
  if (request.page_token().empty()) return 0;
  auto decoded = codec.Decode(request.page_token(), fingerprint);
  if (!decoded.ok()) return decoded.status();
  if (*decoded > limit) return core::FieldViolation("page_token", "is not a token returned by this method");
  return *decoded;
}

}  // namespace

absl::StatusOr<int> ParseProvinceCode(std::string_view text, std::string_view field) {
  const AdminUnits& units = AdminUnits::Get();
  const int province = units.FindProvince(text);
  if (province >= 0) return province;
  if (text.size() == 2 && text[0] >= '0' && text[0] <= '9' && text[1] >= '0' && text[1] <= '9') {
    const int old = units.FindOldProvince((text[0] - '0') * 10 + (text[1] - '0'));
    if (old >= 0) {
      const OldProvince& o = units.old_provinces()[static_cast<std::size_t>(old)];
      const Province& now = units.provinces()[o.province];
      return core::FieldViolation(
          field, core::Cat(text, " is the code of ", o.name, " before 1 July 2025; it is now part of ",
                           now.name, ", code ", now.code_text));
    }
  }
  return core::FieldViolation(
      field, "must be the two-digit code of one of the 34 provinces in force since 1 July 2025");
}

void FillCommodity(int commodity, pb::Commodity* out) {
  const Commodity& c = CommodityAt(commodity);
  out->set_commodity_code(std::string(c.code));
  out->set_name(std::string(c.name));
  out->set_unit(std::string(c.unit));
  const CommodityGroup& g = CommodityGroups()[static_cast<std::size_t>(GroupOf(c))];
  out->set_group_code(std::string(g.code));
  out->set_group_name(std::string(g.name));
  out->set_frequency(c.weekday == 0 ? pb::FREQUENCY_DAILY : pb::FREQUENCY_WEEKLY);
  out->set_observation_weekday(c.weekday);
  out->set_price_stabilised(c.stabilised);
}

absl::Status GetPrice(const PriceData& data, const pb::GetPriceRequest& request,
                      pb::GetPriceResponse& response) {
  auto commodity = FindCommodity(request.commodity_code(), "commodity_code");
  if (!commodity.ok()) return commodity.status();
  auto province = ParseProvinceCode(request.province_code(), "province_code");
  if (!province.ok()) return province.status();
  auto day = ParseDay(data.history, request.date(), "date");
  if (!day.ok()) return day.status();
  const std::int32_t observed = PriceStore::ObservationDay(CommodityAt(*commodity), *day);
  auto found = ObservationOn(data, *commodity, *province, observed);
  if (!found) {
    return core::NotFound("price", core::Cat("no price of ", request.commodity_code(),
                                             " in province ", request.province_code(), " on ",
                                             FormatIsoDate(FromDays(*day)),
                                             " (the history runs from ",
                                             FormatIsoDate(FromDays(data.history.FirstDay(*commodity))),
                                             " to ", FormatIsoDate(FromDays(data.history.history_end())),
                                             ", then what provinces submit)"));
  }
  FillCommodity(*commodity, response.mutable_commodity());
  FillObservation(*commodity, *province, *found, response.mutable_observation());
  return absl::OkStatus();
}

absl::Status QueryPriceSeries(const PriceData& data, const pb::QueryPriceSeriesRequest& request,
                              pb::QueryPriceSeriesResponse& response) {
  auto commodity = FindCommodity(request.commodity_code(), "commodity_code");
  if (!commodity.ok()) return commodity.status();
  auto province = ParseProvinceCode(request.province_code(), "province_code");
  if (!province.ok()) return province.status();
  auto start = ParseDay(data.history, request.start_date(), "start_date");
  if (!start.ok()) return start.status();
  auto end = ParseDay(data.history, request.end_date(), "end_date");
  if (!end.ok()) return end.status();
  if (*end < *start) return core::FieldViolation("end_date", "is before start_date");
  if (*end - *start > kMaxSeriesDays) {
    return core::FieldViolation("end_date", core::Cat("is more than ", kMaxSeriesDays,
                                                      " days after start_date"));
  }
  auto page_size = EffectivePageSize(request.page_size(), 100, 1000);
  if (!page_size.ok()) return page_size.status();
  const PageTokenCodec codec(Mix(data.history.seed(), 0x5072696365ULL));
  const std::uint64_t fingerprint =
      Mix(Mix(static_cast<std::uint64_t>(*commodity) << 8 | static_cast<std::uint64_t>(*province),
              static_cast<std::uint32_t>(*start)),
          static_cast<std::uint32_t>(*end));
  // Positions are days after start_date.
  auto from = DecodePosition(codec, request, fingerprint, static_cast<std::uint64_t>(*end - *start + 1));
  if (!from.ok()) return from.status();
  FillCommodity(*commodity, response.mutable_commodity());
  const Commodity& c = CommodityAt(*commodity);
  const std::int32_t period = c.weekday == 0 ? 1 : 7;
  std::int32_t day = *start + static_cast<std::int32_t>(*from);
  while (!PriceStore::IsObservationDay(c, day)) ++day;
  const std::size_t limit = static_cast<std::size_t>(*page_size);
  // The generated part, then submissions after it.
  const std::int32_t last_generated = data.history.LastDay(*commodity);
  for (; day <= std::min(*end, last_generated); day += period) {
    auto price = data.history.Generated(*commodity, *province, day);
    if (!price) continue;  // before the history
    if (static_cast<std::size_t>(response.observations_size()) == limit) {
      response.set_next_page_token(codec.Encode(fingerprint, static_cast<std::uint64_t>(day - *start)));
      return absl::OkStatus();
    }
    FillObservation(*commodity, *province, {day, *price, nullptr}, response.add_observations());
  }
  const std::size_t room = limit - static_cast<std::size_t>(response.observations_size());
  const auto submitted = data.submissions.Range(*commodity, *province,
                                                std::max(day, last_generated + 1), *end, room + 1);
  for (std::size_t i = 0; i < submitted.size(); ++i) {
    if (i == room) {
      response.set_next_page_token(
          codec.Encode(fingerprint, static_cast<std::uint64_t>(submitted[i].day - *start)));
      break;
    }
    FillObservation(*commodity, *province, submitted[i], response.add_observations());
  }
  return absl::OkStatus();
}

absl::Status SubmitPrices(const PriceData& data, const core::CallContext& ctx,
                          const pb::SubmitPricesRequest& request, pb::SubmitPricesResponse& response) {
  if (absl::Status s = CheckRequestId(request.request_id()); !s.ok()) return s;
  if (request.prices_size() == 0) return core::FieldViolation("prices", "at least one price is required");
  if (request.prices_size() > kMaxSubmissionItems) {
    return core::FieldViolation("prices", core::Cat("has ", request.prices_size(), " items; at most ",
                                                    kMaxSubmissionItems, " are allowed"));
  }
  std::vector<PriceItem> items;
  items.reserve(static_cast<std::size_t>(request.prices_size()));
  for (int i = 0; i < request.prices_size(); ++i) {
    auto item = ParseItem(data, request.prices(i), i);
    if (!item.ok()) return item.status();
    for (std::size_t j = 0; j < items.size(); ++j) {
      const PriceItem& other = items[j];
      if (other.commodity == item->commodity && other.province == item->province &&
          other.day == item->day && other.price_vnd != item->price_vnd) {
        return core::FieldViolation(core::Cat("prices[", i, "].price_vnd"),
                                    core::Cat("differs from prices[", j, "], which has the same key"));
      }
    }
    items.push_back(*item);
  }
  auto provenance = std::make_shared<const Provenance>(
      Provenance{std::string(ctx.client_id()), request.request_id()});
  auto outcomes = data.submissions.Apply(items, std::move(provenance));
  if (!outcomes.ok()) return outcomes.status();
  for (int i = 0; i < request.prices_size(); ++i) {
    const pb::PriceSubmission& s = request.prices(i);
    pb::SubmissionResult* result = response.add_results();
    result->set_commodity_code(s.commodity_code());
    result->set_province_code(s.province_code());
    *result->mutable_date() = s.date();
    const bool created = (*outcomes)[static_cast<std::size_t>(i)] == Outcome::kCreated;
    result->set_outcome(created ? pb::SUBMISSION_OUTCOME_CREATED : pb::SUBMISSION_OUTCOME_UNCHANGED);
    if (created) {
      response.set_created_count(response.created_count() + 1);
    } else {
      response.set_unchanged_count(response.unchanged_count() + 1);
    }
  }
  return absl::OkStatus();
}

absl::Status GetCommodity(const PriceData&, const pb::GetCommodityRequest& request,
                          pb::GetCommodityResponse& response) {
  auto commodity = FindCommodity(request.commodity_code(), "commodity_code");
  if (!commodity.ok()) return commodity.status();
  FillCommodity(*commodity, response.mutable_commodity());
  return absl::OkStatus();
}

absl::Status ListCommodities(const PriceData& data, const pb::ListCommoditiesRequest& request,
                             pb::ListCommoditiesResponse& response) {
  int group = -1;
  if (!request.group_code().empty()) {
    const auto groups = CommodityGroups();
    for (std::size_t g = 0; g < groups.size(); ++g) {
      if (groups[g].code == request.group_code()) group = static_cast<int>(g);
    }
    if (group < 0) {
      return core::FieldViolation("group_code", "must be one of the catalogue's groups 01 to 10");
    }
  }
  auto page_size = EffectivePageSize(request.page_size(), 50, 100);
  if (!page_size.ok()) return page_size.status();
  const PageTokenCodec codec(Mix(data.history.seed(), 0x436F6D6DULL));
  const auto all = Commodities();
  auto from = DecodePosition(codec, request, static_cast<std::uint64_t>(group + 1), all.size());
  if (!from.ok()) return from.status();
  for (std::size_t i = *from; i < all.size(); ++i) {
    if (group >= 0 && GroupOf(all[i]) != group) continue;
    if (response.commodities_size() == *page_size) {
      response.set_next_page_token(codec.Encode(static_cast<std::uint64_t>(group + 1), i));
      break;
    }
    FillCommodity(static_cast<int>(i), response.add_commodities());
  }
  return absl::OkStatus();
}

absl::Status ListProvincePrices(const PriceData& data, const pb::ListProvincePricesRequest& request,
                                pb::ListProvincePricesResponse& response) {
  auto province = ParseProvinceCode(request.province_code(), "province_code");
  if (!province.ok()) return province.status();
  std::int32_t day = Horizon(data.history);
  if (IsSet(request.date())) {
    auto parsed = ParseDay(data.history, request.date(), "date");
    if (!parsed.ok()) return parsed.status();
    day = *parsed;
  }
  auto page_size = EffectivePageSize(request.page_size(), 50, 100);
  if (!page_size.ok()) return page_size.status();
  const PageTokenCodec codec(Mix(data.history.seed(), 0x426F617264ULL));
  const std::uint64_t fingerprint =
      Mix(static_cast<std::uint64_t>(*province), static_cast<std::uint32_t>(day));
  const auto all = Commodities();
  auto from = DecodePosition(codec, request, fingerprint, all.size());
  if (!from.ok()) return from.status();
  for (std::size_t i = *from; i < all.size(); ++i) {
    auto latest = LatestOn(data, static_cast<int>(i), *province, day);
    if (!latest) continue;
    if (response.observations_size() == *page_size) {
      response.set_next_page_token(codec.Encode(fingerprint, i));
      break;
    }
    FillObservation(static_cast<int>(i), *province, *latest, response.add_observations());
  }
  return absl::OkStatus();
}

}  // namespace ndxp::connectors::price
