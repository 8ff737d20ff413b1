#include "gateway/core/status.h"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include <absl/strings/cord.h>
#include <absl/strings/escaping.h>
#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include "gateway/core/strings.h"
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

// ---- Detail order, and an upstream's status passed through ----

std::string TypeUrl(const google::protobuf::Message& m) {
  return "type.googleapis.com/" + m.GetDescriptor()->full_name();
}

// A status carrying BadRequest, ErrorInfo and RetryInfo, attached in the order `order` gives.
absl::Status ThreeDetails(const std::array<int, 3>& order) {
  google::rpc::BadRequest bad_request;
  bad_request.add_field_violations()->set_field("personal_id");
  google::rpc::ErrorInfo info;
  info.set_reason("INVALID_FIELD");
  info.set_domain(std::string(kErrorDomain));
  google::rpc::RetryInfo retry;
  retry.mutable_retry_delay()->set_seconds(3);
  const google::protobuf::Message* details[] = {&bad_request, &info, &retry};
  absl::Status status(absl::StatusCode::kInvalidArgument, "invalid personal_id");
  for (int i : order) {
    status.SetPayload(ToAbsl(TypeUrl(*details[i])), absl::Cord(details[i]->SerializeAsString()));
  }
  return status;
}

TEST(StatusTest, DetailsComeInOneFixedOrderWhateverTheInsertionOrder) {
  const std::vector<std::string> expected = {"type.googleapis.com/google.rpc.ErrorInfo",
                                             "type.googleapis.com/google.rpc.BadRequest",
                                             "type.googleapis.com/google.rpc.RetryInfo"};
  std::array<int, 3> order = {0, 1, 2};
  std::string grpc_details, connect_json;
  do {
    // Many statuses per order: absl iterates payloads in an order that varies between objects.
    for (int round = 0; round < 50; ++round) {
      absl::Status status = ThreeDetails(order);
      google::rpc::Status rpc = ToRpcStatus(status);
      std::vector<std::string> types;
      for (const auto& any : rpc.details()) types.push_back(any.type_url());
      ASSERT_EQ(types, expected) << "insertion order " << order[0] << order[1] << order[2];
      google::rpc::ErrorInfo info;
      ASSERT_TRUE(rpc.details(0).UnpackTo(&info));
      EXPECT_EQ(info.reason(), "INVALID_FIELD");
      // So the bytes on the wire and the JSON are the same for every call.
      std::string details = ToGrpcStatus(status).error_details();
      std::string json = ConnectErrorJson(status);
      if (grpc_details.empty()) {
        grpc_details = details;
        connect_json = json;
      }
      ASSERT_EQ(details, grpc_details);
      ASSERT_EQ(json, connect_json);
    }
  } while (std::next_permutation(order.begin(), order.end()));
}

TEST(StatusTest, DetailsOfOtherTypesFollowByName) {
  absl::Status status = ErrorWithReason(absl::StatusCode::kUnavailable, "down", "CONNECTOR_DOWN");
  status.SetPayload("type.googleapis.com/zeta.v1.Custom", absl::Cord("z"));
  status.SetPayload("type.googleapis.com/google.rpc.Help", absl::Cord(""));
  status.SetPayload("type.googleapis.com/alpha.v1.Custom", absl::Cord("a"));
  status.SetPayload("type.googleapis.com/google.rpc.QuotaFailure", absl::Cord(""));
  google::rpc::Status rpc = ToRpcStatus(status);
  std::vector<std::string> types;
  for (const auto& any : rpc.details()) types.push_back(any.type_url());
  EXPECT_EQ(types, (std::vector<std::string>{"type.googleapis.com/google.rpc.ErrorInfo",
                                             "type.googleapis.com/google.rpc.QuotaFailure",
                                             "type.googleapis.com/google.rpc.Help",
                                             "type.googleapis.com/alpha.v1.Custom",
                                             "type.googleapis.com/zeta.v1.Custom"}));
}

// An upstream's google.rpc.Status, details in its own order, one of a type this binary does not
// link and one whose type URL has no type.googleapis.com/ prefix.
google::rpc::Status UpstreamRpcStatus() {
  google::rpc::Status rpc;
  rpc.set_code(14);
  rpc.set_message("upstream's own message");
  google::rpc::RetryInfo retry;
  retry.mutable_retry_delay()->set_seconds(7);
  rpc.add_details()->PackFrom(retry);
  google::rpc::ErrorInfo info;
  info.set_reason("REGISTRY_MAINTENANCE");
  info.set_domain("bocongan.gov.vn");
  (*info.mutable_metadata())["window"] = "02:00-04:00";
  rpc.add_details()->PackFrom(info);
  auto* custom = rpc.add_details();
  custom->set_type_url("type.googleapis.com/acme.v1.Custom");
  custom->set_value(std::string("\x08\x01\x12\x03\xff\x00z", 7));
  auto* odd = rpc.add_details();
  odd->set_type_url("example.org/acme.Thing");
  odd->set_value("raw");
  return rpc;
}

TEST(StatusTest, AnUpstreamsStatusPassesThroughByteForByte) {
  const google::rpc::Status upstream = UpstreamRpcStatus();
  const std::string details = upstream.SerializeAsString();
  grpc::Status received(grpc::StatusCode::UNAVAILABLE, "registry under maintenance", details);
  absl::Status status = FromGrpcStatus(received);
  EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(status.message(), "registry under maintenance");

  grpc::Status sent = ToGrpcStatus(status);
  EXPECT_EQ(sent.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(sent.error_message(), "registry under maintenance");
  EXPECT_EQ(sent.error_details(), details);  // exactly the upstream's bytes

  google::rpc::Status rpc = ToRpcStatus(status);
  EXPECT_EQ(rpc.code(), 14);
  EXPECT_EQ(rpc.message(), "registry under maintenance");  // the grpc-message, as received
  ASSERT_EQ(rpc.details_size(), upstream.details_size());
  for (int i = 0; i < rpc.details_size(); ++i) {  // the upstream's order, not ours
    EXPECT_EQ(rpc.details(i).type_url(), upstream.details(i).type_url()) << i;
    EXPECT_EQ(rpc.details(i).value(), upstream.details(i).value()) << i;
  }

  std::string json = ConnectErrorJson(status);
  google::protobuf::Struct parsed;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(json, &parsed).ok()) << json;
  EXPECT_EQ(parsed.fields().at("code").string_value(), "unavailable");
  EXPECT_EQ(parsed.fields().at("message").string_value(), "registry under maintenance");
  const auto& list = parsed.fields().at("details").list_value();
  ASSERT_EQ(list.values_size(), upstream.details_size()) << json;
  const std::string types[] = {"google.rpc.RetryInfo", "google.rpc.ErrorInfo", "acme.v1.Custom",
                               "example.org/acme.Thing"};
  for (int i = 0; i < list.values_size(); ++i) {
    const auto& detail = list.values(i).struct_value().fields();
    EXPECT_EQ(detail.at("type").string_value(), types[i]) << json;
    std::string value;
    ASSERT_TRUE(absl::Base64Unescape(ToAbsl(detail.at("value").string_value()), &value)) << json;
    EXPECT_EQ(value, upstream.details(i).value()) << i;
  }
  // The linked types are readable too.
  EXPECT_NE(json.find("\"reason\":\"REGISTRY_MAINTENANCE\""), std::string::npos) << json;
}

TEST(StatusTest, AnUpstreamsStatusWithoutDetailsOrNotAStatusAtAll) {
  absl::Status plain = FromGrpcStatus(grpc::Status(grpc::StatusCode::NOT_FOUND, "no such citizen"));
  EXPECT_EQ(plain, absl::NotFoundError("no such citizen"));
  EXPECT_TRUE(ToGrpcStatus(plain).error_details().empty());
  EXPECT_TRUE(FromGrpcStatus(grpc::Status::OK).ok());

  // Bytes that are not a google.rpc.Status still go back to a gRPC caller as they came.
  const std::string garbage("\xff\xff\xff", 3);
  absl::Status odd = FromGrpcStatus(grpc::Status(grpc::StatusCode::INTERNAL, "odd", garbage));
  EXPECT_EQ(ToGrpcStatus(odd).error_details(), garbage);
  EXPECT_EQ(ToRpcStatus(odd).details_size(), 0);
  EXPECT_EQ(ConnectErrorJson(odd), "{\"code\":\"internal\",\"message\":\"odd\"}");
}

}  // namespace
}  // namespace ndxp::core
