#include "connectors/legal/legal_connector.h"

#include <set>

#include "connectors/common/sampling.h"
#include "connectors/common/typed_handler.h"
#include "connectors/legal/legal_handlers.h"

namespace ndxp::connectors::legal {
namespace {

namespace pb = ::ndxp::legal::v1;

std::string Quoted(std::string_view field, std::string_view value) {
  return std::string(field) + ": \"" + std::string(value) + "\"";
}

// Issuer symbols (as SearchDocuments.issuer takes them) that have documents, in table order.
std::vector<std::string> IssuersWithDocuments(const DocumentStore& store) {
  std::set<int> seen;
  for (const LegalDocument& d : store.documents()) {
    const DocumentNumber n = FromDocumentKey(d.key);
    for (int i = 0; i < n.symbol.issuer_count; ++i) seen.insert(n.symbol.issuers[i]);
  }
  std::vector<std::string> codes;
  for (int i : seen) codes.emplace_back(Issuers()[i].code);
  return codes;
}

}  // namespace

LegalConnector::LegalConnector(std::shared_ptr<const DocumentStore> store)
    : store_(std::move(store)) {}

const google::protobuf::ServiceDescriptor& LegalConnector::ServiceDescriptor() {
  return *pb::GetDocumentRequest::descriptor()->file()->FindServiceByName("LegalDocumentService");
}

const google::protobuf::ServiceDescriptor& LegalConnector::service() const {
  return ServiceDescriptor();
}

std::vector<core::MethodHandler> LegalConnector::Handlers() {
  const auto& svc = service();
  std::vector<core::MethodHandler> handlers(2);
  handlers[0].method = svc.FindMethodByName("GetDocument");
  handlers[0].unary = StoreUnary<&GetDocument>(store_);
  handlers[1].method = svc.FindMethodByName("SearchDocuments");
  handlers[1].unary = StoreUnary<&SearchDocuments>(store_);
  return handlers;
}

std::vector<core::SampleKind> LegalConnector::SampleKinds() const {
  return {{"document_number", "legal document number number/year/symbol, e.g. 13/2023/NĐ-CP",
           "GetDocument", "document_number"},
          {"issuer", "symbol of an issuing body with documents, e.g. BTC (SearchDocuments.issuer)",
           "SearchDocuments", "issuer"}};
}

std::vector<std::string> LegalConnector::SampleIds(std::string_view kind,
                                                   std::size_t count) const {
  std::vector<std::string> ids;
  if (kind == "document_number") {
    const auto docs = store_->documents();
    for (std::size_t pos : SpreadPositions(docs.size(), count)) ids.push_back(NumberText(docs[pos]));
  } else if (kind == "issuer") {
    const auto codes = IssuersWithDocuments(*store_);
    for (std::size_t pos : SpreadPositions(codes.size(), count)) ids.push_back(codes[pos]);
  }
  return ids;
}

std::vector<core::MethodExample> LegalConnector::Examples() const {
  const auto docs = store_->documents();
  const std::string number = NumberText(docs[docs.size() / 2]);
  pb::SearchDocumentsRequest search;
  search.set_query("thue thu nhap");
  search.set_in_force_only(true);
  search.set_page_size(5);
  pb::SearchDocumentsRequest bad_search = search;
  bad_search.set_issuer("BXYZ");
  return {
      {"GetDocument", Quoted("document_number", number),
       Quoted("document_number", "13/2023/NĐ-BTC"), Quoted("document_number", "9999/2024/NĐ-CP")},
      {"SearchDocuments", ToTextFormat(search), ToTextFormat(bad_search), ""},
  };
}

}  // namespace ndxp::connectors::legal
