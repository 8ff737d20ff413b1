#include "gateway/core/status.h"

#include <gtest/gtest.h>

#include "google/rpc/error_details.pb.h"

namespace ndxp::core {
namespace {

TEST(StatusTest, FieldViolationCarriesBadRequestAndErrorInfo) {
  absl::Status status = FieldViolation("personal_id", "must be 12 digits");
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  google::rpc::Status rpc = ToRpcStatus(status);
  EXPECT_EQ(rpc.code(), 3);
  bool bad_request = false, info = false;
  for (const auto& any : rpc.details()) {
    google::rpc::BadRequest br;
    google::rpc::ErrorInfo ei;
    if (any.UnpackTo(&br)) {
      bad_request = true;
      ASSERT_EQ(br.field_violations_size(), 1);
      EXPECT_EQ(br.field_violations(0).field(), "personal_id");
      EXPECT_EQ(br.field_violations(0).description(), "must be 12 digits");
    } else if (any.UnpackTo(&ei)) {
      info = true;
      EXPECT_EQ(ei.reason(), "INVALID_FIELD");
      EXPECT_EQ(ei.domain(), kErrorDomain);
    }
  }
  EXPECT_TRUE(bad_request);
  EXPECT_TRUE(info);
}

TEST(StatusTest, NotFoundReasonIsUpperSnakeCase) {
  google::rpc::Status rpc = ToRpcStatus(NotFound("registration dossier", "no such dossier"));
  google::rpc::ErrorInfo info;
  ASSERT_EQ(rpc.details_size(), 1);
  ASSERT_TRUE(rpc.details(0).UnpackTo(&info));
  EXPECT_EQ(info.reason(), "REGISTRATION_DOSSIER_NOT_FOUND");
}

TEST(StatusTest, GrpcStatusCarriesDetailsOnlyWhenThereAreSome) {
  grpc::Status plain = ToGrpcStatus(absl::NotFoundError("x"));
  EXPECT_EQ(plain.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_TRUE(plain.error_details().empty());
  grpc::Status rich = ToGrpcStatus(FieldViolation("f", "bad"));
  google::rpc::Status parsed;
  ASSERT_TRUE(parsed.ParseFromString(rich.error_details()));
  EXPECT_EQ(parsed.details_size(), 2);
  EXPECT_TRUE(ToGrpcStatus(absl::OkStatus()).ok());
}

TEST(StatusTest, HttpMappingFollowsConnect) {
  EXPECT_EQ(HttpStatusFor(absl::StatusCode::kInvalidArgument), 400);
  EXPECT_EQ(HttpStatusFor(absl::StatusCode::kUnauthenticated), 401);
  EXPECT_EQ(HttpStatusFor(absl::StatusCode::kPermissionDenied), 403);
  EXPECT_EQ(HttpStatusFor(absl::StatusCode::kNotFound), 404);
  EXPECT_EQ(HttpStatusFor(absl::StatusCode::kResourceExhausted), 429);
  EXPECT_EQ(HttpStatusFor(absl::StatusCode::kUnimplemented), 501);
  EXPECT_EQ(HttpStatusFor(absl::StatusCode::kInternal), 500);
  EXPECT_EQ(HttpStatusFor(absl::StatusCode::kUnavailable), 503);
  EXPECT_EQ(HttpStatusFor(absl::StatusCode::kDeadlineExceeded), 504);
  EXPECT_EQ(ConnectCodeName(absl::StatusCode::kCancelled), "canceled");
  EXPECT_EQ(ConnectCodeName(absl::StatusCode::kInvalidArgument), "invalid_argument");
}

TEST(StatusTest, ConnectErrorJsonEscapesTheMessageAndCarriesDetails) {
  std::string json = ConnectErrorJson(FieldViolation("full_name", "quote \" and newline \n"));
  EXPECT_NE(json.find("\"code\":\"invalid_argument\""), std::string::npos) << json;
  EXPECT_NE(json.find("\\\""), std::string::npos) << json;
  EXPECT_NE(json.find("\\n"), std::string::npos) << json;
  EXPECT_NE(json.find("\"type\":\"google.rpc.BadRequest\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"debug\":{"), std::string::npos) << json;
  EXPECT_EQ(json.find('='), std::string::npos) << "base64 must be unpadded: " << json;
  EXPECT_EQ(ConnectErrorJson(absl::InternalError("boom")),
            "{\"code\":\"internal\",\"message\":\"boom\"}");
}

}  // namespace
}  // namespace ndxp::core
