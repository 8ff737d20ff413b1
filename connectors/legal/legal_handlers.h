#pragma once
// The handlers of LegalDocumentService, as plain functions over a store.

#include <absl/status/status.h>

#include <string>
#include <vector>

#include "connectors/legal/document_store.h"
#include "ndxp/legal/v1/legal.pb.h"

namespace ndxp::connectors::legal {

// Bounds of SearchDocuments.query.
inline constexpr std::size_t kMaxQueryBytes = 256;
inline constexpr std::size_t kMaxQueryWords = 16;

absl::Status GetDocument(const DocumentStore& store,
                         const ::ndxp::legal::v1::GetDocumentRequest& request,
                         ::ndxp::legal::v1::GetDocumentResponse& response);
absl::Status SearchDocuments(const DocumentStore& store,
                             const ::ndxp::legal::v1::SearchDocumentsRequest& request,
                             ::ndxp::legal::v1::SearchDocumentsResponse& response);

// The words of a query, folded (SearchFolded) and split; INVALID_ARGUMENT on `query` when it is
// too long, not UTF-8, or has too many words.
absl::StatusOr<std::vector<std::string>> QueryWords(std::string_view query);

void FillDocument(const DocumentStore& store, const LegalDocument& doc,
                  ::ndxp::legal::v1::LegalDocument* out);

}  // namespace ndxp::connectors::legal
