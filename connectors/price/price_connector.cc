#include "connectors/price/price_connector.h"

#include "connectors/common/admin_units.h"
#include "connectors/common/dates.h"
#include "connectors/common/sampling.h"
#include "connectors/common/typed_handler.h"
#include "connectors/price/price_handlers.h"

namespace ndxp::connectors::price {
namespace {

namespace pb = ::ndxp::price::v1;

template <typename Req, typename Resp, absl::Status (*Fn)(const PriceData&, const Req&, Resp&)>
core::UnaryFn Read(std::shared_ptr<const PriceStore> history,
                   std::shared_ptr<SubmissionStore> submissions) {
  return MakeUnary<Req, Resp>([history = std::move(history), submissions = std::move(submissions)](
                                  const core::CallContext&, const Req& req, Resp& resp) {
    return Fn(PriceData{*history, *submissions}, req, resp);
  });
}

std::string Quoted(std::string_view field, std::string_view value) {
  return std::string(field) + ": \"" + std::string(value) + "\"";
}

}  // namespace

PriceConnector::PriceConnector(std::shared_ptr<const PriceStore> history)
    : history_(std::move(history)), submissions_(std::make_shared<SubmissionStore>(history_)) {}

const google::protobuf::ServiceDescriptor& PriceConnector::ServiceDescriptor() {
  return *pb::GetPriceRequest::descriptor()->file()->FindServiceByName("PriceService");
}

const google::protobuf::ServiceDescriptor& PriceConnector::service() const {
  return ServiceDescriptor();
}

std::vector<core::MethodHandler> PriceConnector::Handlers() {
  const auto& svc = service();
  auto handler = [&svc](const char* method) {
    core::MethodHandler h;
    h.method = svc.FindMethodByName(method);
    return h;
  };
  std::vector<core::MethodHandler> handlers;
  handlers.push_back(handler("GetPrice"));
  handlers.back().unary =
      Read<pb::GetPriceRequest, pb::GetPriceResponse, &GetPrice>(history_, submissions_);
  handlers.push_back(handler("QueryPriceSeries"));
  handlers.back().unary =
      Read<pb::QueryPriceSeriesRequest, pb::QueryPriceSeriesResponse, &QueryPriceSeries>(
          history_, submissions_);
  handlers.push_back(handler("SubmitPrices"));
  handlers.back().unary = MakeUnary<pb::SubmitPricesRequest, pb::SubmitPricesResponse>(
      [history = history_, submissions = submissions_](const core::CallContext& ctx,
                                                       const pb::SubmitPricesRequest& req,
                                                       pb::SubmitPricesResponse& resp) {
        return SubmitPrices(PriceData{*history, *submissions}, ctx, req, resp);
      });
  handlers.push_back(handler("GetCommodity"));
  handlers.back().unary =
      Read<pb::GetCommodityRequest, pb::GetCommodityResponse, &GetCommodity>(history_, submissions_);
  handlers.push_back(handler("ListCommodities"));
  handlers.back().unary =
      Read<pb::ListCommoditiesRequest, pb::ListCommoditiesResponse, &ListCommodities>(
          history_, submissions_);
  handlers.push_back(handler("ListProvincePrices"));
  handlers.back().unary =
      Read<pb::ListProvincePricesRequest, pb::ListProvincePricesResponse, &ListProvincePrices>(
          history_, submissions_);
  return handlers;
}

std::vector<core::SampleKind> PriceConnector::SampleKinds() const {
  return {{"commodity_code", "commodity code GG.NNN of the price catalogue, e.g. 01.002",
           "GetCommodity", "commodity_code"},
          {"province_code", "two-digit code of a province in force (its price board)",
           "ListProvincePrices", "province_code"}};
}

std::vector<std::string> PriceConnector::SampleIds(std::string_view kind,
                                                   std::size_t count) const {
  std::vector<std::string> ids;
  if (kind == "commodity_code") {
    const auto all = Commodities();
    for (std::size_t pos : SpreadPositions(all.size(), count)) ids.emplace_back(all[pos].code);
  } else if (kind == "province_code") {
    const auto& provinces = AdminUnits::Get().provinces();
    for (std::size_t pos : SpreadPositions(provinces.size(), count)) {
      ids.emplace_back(provinces[pos].code_text);
    }
  }
  return ids;
}

std::vector<core::MethodExample> PriceConnector::Examples() const {
  const int commodity = 1;  // 01.002, rice, daily
  const std::string code(Commodities()[commodity].code);
  const int province = AdminUnits::Get().FindProvince("79");
  const std::int32_t day = history_->history_end() - 30;
  pb::GetPriceRequest get;
  get.set_commodity_code(code);
  get.set_province_code("79");
  ToProto(FromDays(day), get.mutable_date());
  pb::GetPriceRequest get_bad = get;
  get_bad.mutable_date()->set_day(0);
  get_bad.mutable_date()->set_month(0);
  pb::GetPriceRequest get_unknown = get;
  get_unknown.set_commodity_code("01.999");

  pb::QueryPriceSeriesRequest series;
  series.set_commodity_code(code);
  series.set_province_code("79");
  ToProto(FromDays(day - 6), series.mutable_start_date());
  ToProto(FromDays(day), series.mutable_end_date());
  pb::QueryPriceSeriesRequest series_bad = series;
  series_bad.set_province_code("77");
  pb::QueryPriceSeriesRequest series_unknown = series;
  series_unknown.set_commodity_code("01.999");

  pb::SubmitPricesRequest submit;
  submit.set_request_id("conformance-example-1");
  pb::PriceSubmission* item = submit.add_prices();
  item->set_commodity_code(code);
  item->set_province_code("79");
  ToProto(FromDays(day), item->mutable_date());
  item->set_price_vnd(*history_->Generated(commodity, province, day));
  pb::SubmitPricesRequest submit_bad = submit;
  submit_bad.set_request_id("");  // item errors name prices[i]..., see the unit tests
  pb::SubmitPricesRequest submit_unknown = submit;
  submit_unknown.mutable_prices(0)->set_commodity_code("01.999");

  pb::ListProvincePricesRequest board;
  board.set_province_code("01");
  board.set_page_size(10);
  return {
      {"GetPrice", ToTextFormat(get), ToTextFormat(get_bad), ToTextFormat(get_unknown)},
      {"QueryPriceSeries", ToTextFormat(series), ToTextFormat(series_bad),
       ToTextFormat(series_unknown)},
      {"SubmitPrices", ToTextFormat(submit), ToTextFormat(submit_bad), ToTextFormat(submit_unknown)},
      {"GetCommodity", Quoted("commodity_code", code), Quoted("commodity_code", "01.000"),
       Quoted("commodity_code", "01.999")},
      {"ListCommodities", "group_code: \"05\"", Quoted("group_code", "99"), ""},
      {"ListProvincePrices", ToTextFormat(board), Quoted("province_code", "7"), ""},
  };
}

}  // namespace ndxp::connectors::price
