#include "connectors/price/price_connector.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "connectors/common/admin_units.h"
#include "connectors/common/dates.h"
#include "connectors/price/price_handlers.h"
#include "gateway/core/route_table.h"
#include "tests/unit/connectors/connector_calls.h"
#include "tests/unit/connectors/status_details.h"

namespace ndxp::connectors::price {
namespace {

namespace pb = ::ndxp::price::v1;
using testing::Call;
using testing::ErrorReason;
using testing::FindHandler;
using testing::ViolationField;

class PriceConnectorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto history = PriceStore::Generate(5, 120);
    ASSERT_TRUE(history.ok()) << history.status();
    connector_ = std::make_unique<PriceConnector>(*history);
    handlers_ = connector_->Handlers();
  }
  const core::MethodHandler& H(std::string_view method) { return *FindHandler(handlers_, method); }
  template <typename T>
  static const T& As(const testing::CallResult& r, std::size_t i = 0) {
    return static_cast<const T&>(*r.responses.at(i));
  }
  const PriceStore& history() { return connector_->history(); }
  std::int64_t Recorded(std::string_view commodity, std::string_view province, CivilDate date) {
    return *history().Generated(*ParseCommodityCode(commodity, "c"),
                                AdminUnits::Get().FindProvince(province), ToDays(date));
  }
  static pb::SubmitPricesRequest One(std::string_view commodity, std::string_view province,
                                     CivilDate date, std::int64_t price) {
    pb::SubmitPricesRequest req;
    req.set_request_id("batch-1");
    auto* item = req.add_prices();
    item->set_commodity_code(std::string(commodity));
    item->set_province_code(std::string(province));
    ToProto(date, item->mutable_date());
    item->set_price_vnd(price);
    return req;
  }
  testing::CallResult Submit(const pb::SubmitPricesRequest& req, std::string_view client = "") {
    core::CallContext ctx;
    (void)client;
    auto response = std::make_unique<pb::SubmitPricesResponse>();
    testing::CallResult result;
    result.status = H("SubmitPrices").unary(ctx, req, *response);
    if (result.status.ok()) result.responses.push_back(std::move(response));
    return result;
  }

  std::unique_ptr<PriceConnector> connector_;
  std::vector<core::MethodHandler> handlers_;
};

TEST_F(PriceConnectorTest, NoPersonalData) {
  EXPECT_EQ(connector_->name(), "price");
  ASSERT_EQ(handlers_.size(), static_cast<std::size_t>(connector_->service().method_count()));
  for (const auto& h : handlers_) EXPECT_FALSE(core::MethodReadsPersonalData(*h.method));
}

TEST_F(PriceConnectorTest, GetPriceDailyAndWeekly) {
  pb::GetPriceRequest req;
  req.set_commodity_code("02.001");
  req.set_province_code("79");
  ToProto({2025, 11, 3}, req.mutable_date());
  auto result = Call(H("GetPrice"), req);
  ASSERT_TRUE(result.status.ok()) << result.status;
  const auto& resp = As<pb::GetPriceResponse>(result);
  EXPECT_EQ(resp.commodity().name(), "Thịt lợn hơi");
  EXPECT_EQ(resp.commodity().unit(), "đồng/kg");
  EXPECT_EQ(resp.observation().price_vnd(), Recorded("02.001", "79", {2025, 11, 3}));
  EXPECT_EQ(resp.observation().source(), pb::PRICE_SOURCE_RECORDED);
  // A weekly commodity on a Wednesday: the Monday's observation.
  req.set_commodity_code("08.001");
  ToProto({2025, 11, 26}, req.mutable_date());
  result = Call(H("GetPrice"), req);
  ASSERT_TRUE(result.status.ok()) << result.status;
  EXPECT_EQ(As<pb::GetPriceResponse>(result).observation().date().day(), 24);
}

TEST_F(PriceConnectorTest, GetPriceErrors) {
  const auto call = [this](std::string c, std::string p, CivilDate d) {
    pb::GetPriceRequest req;
    req.set_commodity_code(c);
    req.set_province_code(p);
    req.mutable_date()->set_year(d.year);
    req.mutable_date()->set_month(d.month);
    req.mutable_date()->set_day(d.day);
    return Call(H("GetPrice"), req).status;
  };
  EXPECT_EQ(ViolationField(call("1.001", "79", {2025, 11, 3})), "commodity_code");
  EXPECT_EQ(ViolationField(call("01.001", "77", {2025, 11, 3})), "province_code");
  const auto old = call("01.001", "77", {2025, 11, 3});
  EXPECT_NE(std::string(old.message()).find("now part of Thành phố Hồ Chí Minh"), std::string::npos)
      << old;
  EXPECT_EQ(ViolationField(call("01.001", "7", {2025, 11, 3})), "province_code");
  EXPECT_EQ(ViolationField(call("01.001", "79", {2025, 0, 0})), "date");
  EXPECT_NE(std::string(call("01.001", "79", {2025, 0, 0}).message()).find("month and day are required"),
            std::string::npos);
  EXPECT_EQ(ViolationField(call("01.001", "79", {2025, 2, 30})), "date");
  EXPECT_EQ(ViolationField(call("01.001", "79", {2030, 1, 1})), "date");
  auto unknown = call("01.999", "79", {2025, 11, 3});
  EXPECT_EQ(unknown.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(ErrorReason(unknown), "COMMODITY_NOT_FOUND");
  auto before = call("01.001", "79", {2020, 1, 1});
  EXPECT_EQ(before.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(ErrorReason(before), "PRICE_NOT_FOUND");
  EXPECT_EQ(call("01.001", "79", {2026, 1, 5}).code(), absl::StatusCode::kNotFound);
}

TEST_F(PriceConnectorTest, SubmitIsIdempotentByKey) {
  // A new day after the history: created, then unchanged on retry, conflicting with another price.
  auto req = One("01.002", "79", {2025, 12, 2}, 16'000);
  auto first = Submit(req);
  ASSERT_TRUE(first.status.ok()) << first.status;
  EXPECT_EQ(As<pb::SubmitPricesResponse>(first).results(0).outcome(), pb::SUBMISSION_OUTCOME_CREATED);
  EXPECT_EQ(As<pb::SubmitPricesResponse>(first).created_count(), 1);
  auto retry = Submit(req);
  ASSERT_TRUE(retry.status.ok());
  EXPECT_EQ(As<pb::SubmitPricesResponse>(retry).results(0).outcome(),
            pb::SUBMISSION_OUTCOME_UNCHANGED);
  auto other = Submit(One("01.002", "79", {2025, 12, 2}, 16'100));
  EXPECT_EQ(other.status.code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(ErrorReason(other.status), "PRICE_ALREADY_RECORDED");
  EXPECT_NE(std::string(other.status.message()).find("01.002"), std::string::npos);
  // The recorded history is a key too: the same price is unchanged, another one a conflict.
  const std::int64_t recorded = Recorded("01.002", "79", {2025, 11, 3});
  auto same = Submit(One("01.002", "79", {2025, 11, 3}, recorded));
  ASSERT_TRUE(same.status.ok());
  EXPECT_EQ(As<pb::SubmitPricesResponse>(same).unchanged_count(), 1);
  EXPECT_EQ(Submit(One("01.002", "79", {2025, 11, 3}, recorded + 100)).status.code(),
            absl::StatusCode::kAlreadyExists);
  // The submitted price is read back, with its provenance.
  pb::GetPriceRequest get;
  get.set_commodity_code("01.002");
  get.set_province_code("79");
  ToProto({2025, 12, 2}, get.mutable_date());
  auto read = Call(H("GetPrice"), get);
  ASSERT_TRUE(read.status.ok()) << read.status;
  EXPECT_EQ(As<pb::GetPriceResponse>(read).observation().price_vnd(), 16'000);
  EXPECT_EQ(As<pb::GetPriceResponse>(read).observation().source(), pb::PRICE_SOURCE_SUBMITTED);
  EXPECT_EQ(As<pb::GetPriceResponse>(read).observation().submission_request_id(), "batch-1");
}

TEST_F(PriceConnectorTest, SubmitIsAllOrNothing) {
  auto req = One("01.002", "01", {2025, 12, 3}, 16'000);
  *req.add_prices() = One("01.002", "79", {2025, 11, 3}, Recorded("01.002", "79", {2025, 11, 3}) + 500).prices(0);
  EXPECT_EQ(Submit(req).status.code(), absl::StatusCode::kAlreadyExists);
  pb::GetPriceRequest get;
  get.set_commodity_code("01.002");
  get.set_province_code("01");
  ToProto({2025, 12, 3}, get.mutable_date());
  EXPECT_EQ(Call(H("GetPrice"), get).status.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(connector_->submissions().size(), 0u);
}

TEST_F(PriceConnectorTest, SubmitValidation) {
  const auto field_of = [this](const pb::SubmitPricesRequest& r) {
    auto result = Submit(r);
    EXPECT_EQ(result.status.code(), absl::StatusCode::kInvalidArgument) << result.status;
    return ViolationField(result.status);
  };
  auto req = One("01.002", "79", {2025, 12, 2}, 16'000);
  req.set_request_id("");
  EXPECT_EQ(field_of(req), "request_id");
  req.set_request_id(std::string(65, 'x'));
  EXPECT_EQ(field_of(req), "request_id");
  req.set_request_id("bad id");
  EXPECT_EQ(field_of(req), "request_id");
  pb::SubmitPricesRequest empty;
  empty.set_request_id("x");
  EXPECT_EQ(field_of(empty), "prices");
  pb::SubmitPricesRequest many = One("01.002", "79", {2025, 12, 2}, 16'000);
  for (int i = 0; i < kMaxSubmissionItems; ++i) *many.add_prices() = many.prices(0);
  EXPECT_EQ(field_of(many), "prices");
  EXPECT_EQ(field_of(One("1.002", "79", {2025, 12, 2}, 16'000)), "prices[0].commodity_code");
  EXPECT_EQ(field_of(One("01.002", "96x", {2025, 12, 2}, 16'000)), "prices[0].province_code");
  EXPECT_EQ(field_of(One("01.002", "79", {2025, 12, 0}, 16'000)), "prices[0].date");
  EXPECT_EQ(field_of(One("01.002", "79", {2020, 1, 2}, 16'000)), "prices[0].date");
  EXPECT_EQ(field_of(One("08.001", "79", {2025, 12, 3}, 1'650'000)), "prices[0].date");  // Wed
  EXPECT_EQ(field_of(One("01.002", "79", {2025, 12, 2}, 0)), "prices[0].price_vnd");
  EXPECT_EQ(field_of(One("01.002", "79", {2025, 12, 2}, -5)), "prices[0].price_vnd");
  EXPECT_EQ(field_of(One("01.002", "79", {2025, 12, 2}, 5)), "prices[0].price_vnd");
  EXPECT_EQ(field_of(One("01.002", "79", {2025, 12, 2}, INT64_MAX)), "prices[0].price_vnd");
  auto dup = One("01.002", "79", {2025, 12, 2}, 16'000);
  *dup.add_prices() = One("01.002", "79", {2025, 12, 2}, 16'500).prices(0);
  EXPECT_EQ(field_of(dup), "prices[1].price_vnd");
  auto unknown = Submit(One("01.999", "79", {2025, 12, 2}, 16'000));
  EXPECT_EQ(unknown.status.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(connector_->submissions().size(), 0u);
}

TEST_F(PriceConnectorTest, SeriesPagesThroughHistoryAndSubmissions) {
  ASSERT_TRUE(Submit(One("02.001", "48", {2025, 12, 2}, 60'000)).status.ok());
  ASSERT_TRUE(Submit(One("02.001", "48", {2025, 12, 5}, 61'000)).status.ok());
  pb::QueryPriceSeriesRequest req;
  req.set_commodity_code("02.001");
  req.set_province_code("48");
  ToProto({2025, 11, 1}, req.mutable_start_date());
  ToProto({2025, 12, 31}, req.mutable_end_date());
  req.set_page_size(7);
  std::vector<std::int32_t> days;
  std::vector<std::int64_t> prices;
  for (int pages = 0; pages < 100; ++pages) {
    auto result = Call(H("QueryPriceSeries"), req);
    ASSERT_TRUE(result.status.ok()) << result.status;
    const auto& resp = As<pb::QueryPriceSeriesResponse>(result);
    EXPECT_LE(resp.observations_size(), 7);
    for (const auto& o : resp.observations()) {
      days.push_back(ToDays(FromProto(o.date())));
      prices.push_back(o.price_vnd());
    }
    if (resp.next_page_token().empty()) break;
    req.set_page_token(resp.next_page_token());
  }
  ASSERT_EQ(days.size(), 30u + 1u + 2u);  // November, 1 December, two submissions
  for (std::size_t i = 1; i < days.size(); ++i) EXPECT_LT(days[i - 1], days[i]);
  EXPECT_EQ(prices.back(), 61'000);
  // Errors.
  const auto field_of = [this](const pb::QueryPriceSeriesRequest& r) {
    auto result = Call(H("QueryPriceSeries"), r);
    EXPECT_EQ(result.status.code(), absl::StatusCode::kInvalidArgument) << result.status;
    return ViolationField(result.status);
  };
  auto bad = req;
  bad.clear_page_token();
  ToProto({2025, 10, 1}, bad.mutable_end_date());
  EXPECT_EQ(field_of(bad), "end_date");
  ToProto({2010, 1, 1}, bad.mutable_start_date());
  ToProto({2025, 11, 1}, bad.mutable_end_date());
  EXPECT_EQ(field_of(bad), "end_date");
  bad = req;
  bad.set_page_token("x");
  EXPECT_EQ(field_of(bad), "page_token");
  bad = req;
  bad.clear_page_token();
  bad.set_page_size(-3);
  EXPECT_EQ(field_of(bad), "page_size");
  bad.set_page_size(0);
  bad.clear_start_date();
  EXPECT_EQ(field_of(bad), "start_date");
}

TEST_F(PriceConnectorTest, CatalogueAndProvinceBoard) {
  pb::ListCommoditiesRequest list;
  list.set_page_size(10);
  std::size_t seen = 0;
  for (;;) {
    auto result = Call(H("ListCommodities"), list);
    ASSERT_TRUE(result.status.ok()) << result.status;
    const auto& resp = As<pb::ListCommoditiesResponse>(result);
    seen += static_cast<std::size_t>(resp.commodities_size());
    if (resp.next_page_token().empty()) break;
    list.set_page_token(resp.next_page_token());
  }
  EXPECT_EQ(seen, Commodities().size());
  pb::ListCommoditiesRequest fuel;
  fuel.set_group_code("05");
  auto result = Call(H("ListCommodities"), fuel);
  ASSERT_TRUE(result.status.ok());
  for (const auto& c : As<pb::ListCommoditiesResponse>(result).commodities()) {
    EXPECT_EQ(c.group_code(), "05");
    EXPECT_EQ(c.frequency(), pb::FREQUENCY_WEEKLY);
    if (c.commodity_code() != "05.005") {  // LPG: Mondays
      EXPECT_EQ(c.observation_weekday(), 4);
    }
  }
  fuel.set_group_code("99");
  EXPECT_EQ(ViolationField(Call(H("ListCommodities"), fuel).status), "group_code");

  ASSERT_TRUE(Submit(One("01.002", "01", {2025, 12, 9}, 17'000)).status.ok());
  pb::ListProvincePricesRequest board;
  board.set_province_code("01");
  result = Call(H("ListProvincePrices"), board);
  ASSERT_TRUE(result.status.ok()) << result.status;
  const auto& resp = As<pb::ListProvincePricesResponse>(result);
  ASSERT_EQ(static_cast<std::size_t>(resp.observations_size()), Commodities().size());
  EXPECT_EQ(resp.observations(1).price_vnd(), 17'000);  // the submission is the latest
  ToProto({2025, 11, 20}, board.mutable_date());
  result = Call(H("ListProvincePrices"), board);
  ASSERT_TRUE(result.status.ok());
  EXPECT_EQ(As<pb::ListProvincePricesResponse>(result).observations(1).price_vnd(),
            Recorded("01.002", "01", {2025, 11, 20}));
  board.set_province_code("777");
  EXPECT_EQ(ViolationField(Call(H("ListProvincePrices"), board).status), "province_code");

  pb::GetCommodityRequest get;
  get.set_commodity_code("06.001");
  result = Call(H("GetCommodity"), get);
  ASSERT_TRUE(result.status.ok());
  EXPECT_TRUE(As<pb::GetCommodityResponse>(result).commodity().price_stabilised());
}

TEST_F(PriceConnectorTest, ConcurrentReadsAndWrites) {
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 6; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 100; ++i) {
        if (t % 2 == 0) {
          // Each writer its own days; a retry of the same key must be unchanged.
          auto req = One("02.005", "79", FromDays(history().history_end() + 1 + t * 50 + i), 33'000);
          if (!Submit(req).status.ok() || !Submit(req).status.ok()) ++failures;
        } else {
          pb::ListProvincePricesRequest board;
          board.set_province_code("79");
          if (!Call(H("ListProvincePrices"), board).status.ok()) ++failures;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(connector_->submissions().size(), 300u);
}

TEST_F(PriceConnectorTest, SamplesAndExamples) {
  EXPECT_EQ(connector_->SampleIds("commodity_code", 5).size(), 5u);
  EXPECT_EQ(connector_->SampleIds("province_code", 100).size(), 34u);
  EXPECT_TRUE(connector_->SampleIds("x", 5).empty());
  EXPECT_EQ(connector_->Examples().size(), 6u);
}

}  // namespace
}  // namespace ndxp::connectors::price
