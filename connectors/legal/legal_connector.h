#pragma once
// The legal-documents connector: ndxp.legal.v1.LegalDocumentService over a DocumentStore.

#include <memory>
#include <string>
#include <vector>

#include "connectors/legal/document_store.h"
#include "gateway/core/connector.h"

namespace ndxp::connectors::legal {

class LegalConnector final : public core::Connector {
 public:
  explicit LegalConnector(std::shared_ptr<const DocumentStore> store);

  std::string_view name() const override { return "legal"; }
  // The service this connector implements (also without an instance: the registration list).
  static const google::protobuf::ServiceDescriptor& ServiceDescriptor();
  const google::protobuf::ServiceDescriptor& service() const override;
  // No method reads personal data: legal documents are public.
  std::vector<core::MethodHandler> Handlers() override;
  // document_number (primary) and issuer (a body's symbol, looked up with SearchDocuments).
  std::vector<core::SampleKind> SampleKinds() const override;
  std::vector<std::string> SampleIds(std::string_view kind, std::size_t count) const override;
  // SearchDocuments has no "unknown" example: a search matching nothing is an empty page.
  std::vector<core::MethodExample> Examples() const override;

  const std::shared_ptr<const DocumentStore>& store() const { return store_; }

 private:
  std::shared_ptr<const DocumentStore> store_;
};

}  // namespace ndxp::connectors::legal
