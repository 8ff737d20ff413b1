#include "gateway/server/grpc/reflection_service.h"

#include <absl/container/flat_hash_set.h>

#include "grpc/reflection/v1/reflection.grpc.pb.h"
#include "grpc/reflection/v1alpha/reflection.grpc.pb.h"

namespace ndxp::server {
namespace {

template <typename Request, typename Response>
void FillError(const absl::Status& status, Response& response) {
  auto* error = response.mutable_error_response();
  error->set_error_code(static_cast<int>(status.code()));
  error->set_error_message(std::string(status.message()));
}

// Builds the answer to one reflection request.
template <typename Request, typename Response>
void Answer(const ReflectionIndex& index, const Request& request,
            absl::flat_hash_set<std::string>& sent, Response& response) {
  response.Clear();
  response.set_valid_host(request.host());
  *response.mutable_original_request() = request;
  std::vector<std::string> files;
  absl::Status status;
  switch (request.message_request_case()) {
    case Request::kListServices:
      for (const auto& name : index.services()) {
        response.mutable_list_services_response()->add_service()->set_name(name);
      }
      return;
    case Request::kFileByFilename:
      status = index.FileByName(request.file_by_filename(), sent, files);
      break;
    case Request::kFileContainingSymbol:
      status = index.FileContainingSymbol(request.file_containing_symbol(), sent, files);
      break;
    case Request::kFileContainingExtension:
      status = index.FileContainingExtension(request.file_containing_extension().containing_type(),
                                             request.file_containing_extension().extension_number(),
                                             sent, files);
      break;
    case Request::kAllExtensionNumbersOfType: {
      std::vector<int> numbers;
      status = index.ExtensionNumbers(request.all_extension_numbers_of_type(), numbers);
      if (status.ok()) {
        auto* out = response.mutable_all_extension_numbers_response();
        out->set_base_type_name(request.all_extension_numbers_of_type());
        for (int n : numbers) out->add_extension_number(n);
        return;
      }
      break;
    }
    default:
      status = absl::InvalidArgumentError("unknown reflection request");
  }
  if (!status.ok()) return FillError<Request>(status, response);
  auto* out = response.mutable_file_descriptor_response();
  for (auto& file : files) out->add_file_descriptor_proto(std::move(file));
}

template <typename Request, typename Response>
class ReflectionReactor final : public grpc::ServerBidiReactor<Request, Response> {
 public:
  explicit ReflectionReactor(const ReflectionIndex& index) : index_(index) {
    this->StartRead(&request_);
  }
  void OnReadDone(bool ok) override {
    if (!ok) return this->Finish(grpc::Status::OK);
    Answer(index_, request_, sent_, response_);
    this->StartWrite(&response_);
  }
  void OnWriteDone(bool ok) override {
    if (!ok) return this->Finish(grpc::Status(grpc::StatusCode::CANCELLED, "client went away"));
    this->StartRead(&request_);
  }
  void OnDone() override { delete this; }

 private:
  const ReflectionIndex& index_;
  Request request_;
  Response response_;
  absl::flat_hash_set<std::string> sent_;  // files already sent on this stream
};

// The two versions differ only in their package: one class shape, written once.
#define NDXP_REFLECTION_SERVICE(NS, NAME)                                                   \
  class NAME final : public NS::ServerReflection::CallbackService {                         \
   public:                                                                                  \
    explicit NAME(const ReflectionIndex& index) : index_(index) {}                          \
    grpc::ServerBidiReactor<NS::ServerReflectionRequest, NS::ServerReflectionResponse>*     \
    ServerReflectionInfo(grpc::CallbackServerContext*) override {                           \
      return new ReflectionReactor<NS::ServerReflectionRequest, NS::ServerReflectionResponse>( \
          index_);                                                                          \
    }                                                                                       \
                                                                                            \
   private:                                                                                 \
    const ReflectionIndex& index_;                                                          \
  };
NDXP_REFLECTION_SERVICE(grpc::reflection::v1, ReflectionV1)
NDXP_REFLECTION_SERVICE(grpc::reflection::v1alpha, ReflectionV1Alpha)
#undef NDXP_REFLECTION_SERVICE

}  // namespace

std::unique_ptr<grpc::Service> MakeReflectionServiceV1(const ReflectionIndex& index) {
  return std::make_unique<ReflectionV1>(index);
}

std::unique_ptr<grpc::Service> MakeReflectionServiceV1Alpha(const ReflectionIndex& index) {
  return std::make_unique<ReflectionV1Alpha>(index);
}

}  // namespace ndxp::server
