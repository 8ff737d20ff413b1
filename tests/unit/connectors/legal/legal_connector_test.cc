#include "connectors/legal/legal_connector.h"

#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "connectors/common/dates.h"
#include "connectors/legal/legal_handlers.h"
#include "gateway/core/route_table.h"
#include "tests/unit/connectors/connector_calls.h"
#include "tests/unit/connectors/status_details.h"

namespace ndxp::connectors::legal {
namespace {

namespace pb = ::ndxp::legal::v1;
using testing::Call;
using testing::ErrorReason;
using testing::FindHandler;
using testing::ViolationField;

class LegalConnectorTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto store = DocumentStore::Generate(11, 4'000);
    ASSERT_TRUE(store.ok()) << store.status();
    connector_ = new LegalConnector(*store);
    handlers_ = new std::vector<core::MethodHandler>(connector_->Handlers());
  }
  static void TearDownTestSuite() {
    delete handlers_;
    delete connector_;
  }
  const core::MethodHandler& H(std::string_view method) { return *FindHandler(*handlers_, method); }
  const DocumentStore& store() { return *connector_->store(); }
  template <typename T>
  static const T& As(const testing::CallResult& r, std::size_t i = 0) {
    return static_cast<const T&>(*r.responses.at(i));
  }
  testing::CallResult Search(const pb::SearchDocumentsRequest& req) { return Call(H("SearchDocuments"), req); }
  // Every page of a search.
  std::vector<std::string> SearchAll(pb::SearchDocumentsRequest req, int* total = nullptr) {
    std::vector<std::string> numbers;
    for (;;) {
      auto result = Search(req);
      EXPECT_TRUE(result.status.ok()) << result.status;
      if (!result.status.ok()) return numbers;
      const auto& resp = As<pb::SearchDocumentsResponse>(result);
      if (total != nullptr) *total = resp.total_size();
      for (const auto& d : resp.documents()) numbers.push_back(d.document_number());
      if (resp.next_page_token().empty()) return numbers;
      req.set_page_token(resp.next_page_token());
    }
  }

  static LegalConnector* connector_;
  static std::vector<core::MethodHandler>* handlers_;
};
LegalConnector* LegalConnectorTest::connector_ = nullptr;
std::vector<core::MethodHandler>* LegalConnectorTest::handlers_ = nullptr;

TEST_F(LegalConnectorTest, NoPersonalData) {
  EXPECT_EQ(connector_->name(), "legal");
  ASSERT_EQ(handlers_->size(), static_cast<std::size_t>(connector_->service().method_count()));
  for (const auto& h : *handlers_) EXPECT_FALSE(core::MethodReadsPersonalData(*h.method));
}

TEST_F(LegalConnectorTest, GetDocumentWithItsLinks) {
  const LegalDocument* amended = nullptr;
  for (const LegalDocument& d : store().documents()) {
    if (!store().AmendedBy(d).empty() && d.replaced_by != kNoDocument) amended = &d;
  }
  ASSERT_NE(amended, nullptr);
  pb::GetDocumentRequest req;
  req.set_document_number(NumberText(*amended));
  auto result = Call(H("GetDocument"), req);
  ASSERT_TRUE(result.status.ok()) << result.status;
  const pb::LegalDocument doc = As<pb::GetDocumentResponse>(result).document();
  EXPECT_EQ(doc.document_number(), NumberText(*amended));
  EXPECT_FALSE(doc.title().empty());
  EXPECT_FALSE(doc.summary().empty());
  EXPECT_FALSE(doc.issuer_name().empty());
  EXPECT_GT(doc.amended_by_size(), 0);
  EXPECT_FALSE(doc.replaced_by().empty());
  // The links answer too, and point back.
  req.set_document_number(doc.amended_by(0));
  result = Call(H("GetDocument"), req);
  ASSERT_TRUE(result.status.ok());
  EXPECT_EQ(As<pb::GetDocumentResponse>(result).document().amends(), doc.document_number());
  req.set_document_number(doc.replaced_by());
  result = Call(H("GetDocument"), req);
  ASSERT_TRUE(result.status.ok());
  EXPECT_EQ(As<pb::GetDocumentResponse>(result).document().replaces(), doc.document_number());
  // Đ written D and lower case.
  std::string folded = NumberText(*amended);
  for (char& c : folded) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  req.set_document_number(folded);
  EXPECT_TRUE(Call(H("GetDocument"), req).status.ok()) << folded;
}

TEST_F(LegalConnectorTest, GetDocumentErrors) {
  pb::GetDocumentRequest req;
  for (const char* bad : {"", "13/NĐ-CP", "13/2023/NĐ-BTC", "abc", "\xFF/2023/NĐ-CP"}) {
    req.set_document_number(bad);
    auto result = Call(H("GetDocument"), req);
    EXPECT_EQ(result.status.code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_EQ(ViolationField(result.status), "document_number");
  }
  req.set_document_number("9999/2024/NĐ-CP");
  auto result = Call(H("GetDocument"), req);
  EXPECT_EQ(result.status.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(ErrorReason(result.status), "LEGAL_DOCUMENT_NOT_FOUND");
}

TEST_F(LegalConnectorTest, SearchMatchesWithAndWithoutDiacritics) {
  pb::SearchDocumentsRequest req;
  req.set_query("thuế thu nhập");
  int total_accented = 0, total_plain = 0;
  const auto accented = SearchAll(req, &total_accented);
  req.set_query("THUE thu NHAP");
  const auto plain = SearchAll(req, &total_plain);
  EXPECT_FALSE(plain.empty());
  EXPECT_EQ(accented, plain);
  EXPECT_EQ(static_cast<int>(plain.size()), total_plain);
  req.set_query("đất đai");
  const auto land = SearchAll(req);
  req.set_query("dat dai");
  EXPECT_EQ(SearchAll(req), land);
  EXPECT_FALSE(land.empty());
}

TEST_F(LegalConnectorTest, SearchFiltersAndPages) {
  pb::SearchDocumentsRequest req;
  req.set_type(pb::DOCUMENT_TYPE_CIRCULAR);
  req.set_issuer("BTC");
  req.set_in_force_only(true);
  ToProto({2015, 1, 1}, req.mutable_issued_since());
  ToProto({2020, 12, 31}, req.mutable_issued_until());
  req.set_page_size(7);
  int total = 0;
  const auto numbers = SearchAll(req, &total);
  ASSERT_FALSE(numbers.empty());
  EXPECT_EQ(static_cast<int>(numbers.size()), total);
  EXPECT_EQ(std::set<std::string>(numbers.begin(), numbers.end()).size(), numbers.size());
  req.set_page_size(0);
  auto first = Search(req);
  ASSERT_TRUE(first.status.ok());
  for (const auto& d : As<pb::SearchDocumentsResponse>(first).documents()) {
    EXPECT_EQ(d.type(), pb::DOCUMENT_TYPE_CIRCULAR);
    EXPECT_EQ(d.issuer_code(), "BTC");
    EXPECT_TRUE(d.status() == pb::DOCUMENT_STATUS_IN_FORCE ||
                d.status() == pb::DOCUMENT_STATUS_PARTIALLY_IN_FORCE);
    EXPECT_GE(d.issue_date().year(), 2015);
    EXPECT_LE(d.issue_date().year(), 2020);
    EXPECT_NE(d.document_number().find("/TT-BTC"), std::string::npos);
  }
  // Newest first.
  const auto& docs = As<pb::SearchDocumentsResponse>(first).documents();
  for (int i = 1; i < docs.size(); ++i) {
    EXPECT_LE(ToDays(FromProto(docs[i].issue_date())), ToDays(FromProto(docs[i - 1].issue_date())));
  }
  // The National Assembly with and without its term; a term with no document.
  pb::SearchDocumentsRequest qh;
  qh.set_issuer("QH");
  int all_qh = 0, qh14 = 0;
  SearchAll(qh, &all_qh);
  qh.set_issuer("QH14");
  for (const std::string& n : SearchAll(qh, &qh14)) EXPECT_NE(n.find("/QH14"), std::string::npos);
  EXPECT_GT(qh14, 0);
  EXPECT_LT(qh14, all_qh);
  // Nothing matches: an empty page.
  pb::SearchDocumentsRequest nothing;
  nothing.set_query("khongcotu");
  auto none = Search(nothing);
  ASSERT_TRUE(none.status.ok());
  EXPECT_EQ(As<pb::SearchDocumentsResponse>(none).documents_size(), 0);
}

TEST_F(LegalConnectorTest, SearchByNumberWords) {
  const std::string number = NumberText(store().documents()[100]);
  pb::SearchDocumentsRequest req;
  req.set_query(number);
  const auto found = SearchAll(req);
  EXPECT_NE(std::find(found.begin(), found.end(), number), found.end()) << number;
}

TEST_F(LegalConnectorTest, HostileQueriesArePlainWordsOrInvalid) {
  pb::SearchDocumentsRequest req;
  for (const char* q : {"\"thue", "thue NEAR(thu nhap)", "thu*", "(((dat", "dat) OR (", "a:b",
                        "NOT", "^thue", "thue AND", "{body} : x", "'; DROP TABLE doc; --"}) {
    req.set_query(q);
    auto result = Search(req);
    EXPECT_TRUE(result.status.ok()) << q << ": " << result.status;
  }
  for (const std::string& q : {std::string(300, 'a'), std::string("\xFF\xFE"),
                               std::string("a b c d e f g h i j k l m n o p q"),
                               std::string("*** \"\" ((("), std::string("中文")}) {
    req.set_query(q);
    auto result = Search(req);
    EXPECT_EQ(result.status.code(), absl::StatusCode::kInvalidArgument) << q;
    EXPECT_EQ(ViolationField(result.status), "query") << q;
  }
  req.set_query("   ");
  EXPECT_TRUE(Search(req).status.ok());
}

TEST_F(LegalConnectorTest, SearchFilterErrors) {
  const auto field_of = [this](const pb::SearchDocumentsRequest& r) {
    auto result = Search(r);
    EXPECT_EQ(result.status.code(), absl::StatusCode::kInvalidArgument);
    return ViolationField(result.status);
  };
  pb::SearchDocumentsRequest req;
  req.set_issuer("XYZ");
  EXPECT_EQ(field_of(req), "issuer");
  req.set_issuer("QH9");
  EXPECT_EQ(field_of(req), "issuer");
  req = {};
  req.set_type(static_cast<pb::DocumentType>(77));
  EXPECT_EQ(field_of(req), "type");
  req = {};
  req.mutable_issued_since()->set_year(2020);
  EXPECT_EQ(field_of(req), "issued_since");
  req = {};
  ToProto({2020, 1, 1}, req.mutable_issued_since());
  ToProto({2019, 1, 1}, req.mutable_issued_until());
  EXPECT_EQ(field_of(req), "issued_until");
  req = {};
  req.set_page_size(-1);
  EXPECT_EQ(field_of(req), "page_size");
  req = {};
  req.set_page_token("garbage");
  EXPECT_EQ(field_of(req), "page_token");
  // A token from another filter.
  pb::SearchDocumentsRequest a;
  a.set_page_size(1);
  auto first = Search(a);
  ASSERT_TRUE(first.status.ok());
  pb::SearchDocumentsRequest b;
  b.set_query("dat dai");
  b.set_page_token(As<pb::SearchDocumentsResponse>(first).next_page_token());
  EXPECT_EQ(field_of(b), "page_token");
  // Huge page sizes are capped.
  pb::SearchDocumentsRequest big;
  big.set_page_size(1'000'000);
  auto capped = Search(big);
  ASSERT_TRUE(capped.status.ok());
  EXPECT_EQ(As<pb::SearchDocumentsResponse>(capped).documents_size(), 100);
}

TEST_F(LegalConnectorTest, ConcurrentSearches) {
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      pb::SearchDocumentsRequest req;
      req.set_query(t % 2 == 0 ? "thue" : "dat dai");
      for (int i = 0; i < 50; ++i) {
        if (!Search(req).status.ok()) ++failures;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
}

TEST_F(LegalConnectorTest, SamplesAndExamples) {
  const auto numbers = connector_->SampleIds("document_number", 5);
  ASSERT_EQ(numbers.size(), 5u);
  EXPECT_EQ(connector_->SampleIds("document_number", 5), numbers);
  const auto issuers = connector_->SampleIds("issuer", 100);
  EXPECT_GT(issuers.size(), 10u);
  EXPECT_TRUE(connector_->SampleIds("nope", 5).empty());
  EXPECT_EQ(connector_->Examples().size(), 2u);
}

}  // namespace
}  // namespace ndxp::connectors::legal
