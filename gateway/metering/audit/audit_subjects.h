#pragma once
// Where a request names whom the call is about: the fields marked with the option
// ndxp.common.v1.audit_subject (a string or repeated string, at the top of the request message
// or in a message field of it, e.g. BatchVerifyCitizensRequest.verification.personal_id),
// resolved once per route at start from the request's descriptor (compiled-in, or an upstream's
// descriptor set), then read from each request message by reflection.

#include <string>
#include <string_view>
#include <vector>

#include <absl/functional/function_ref.h>
#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

namespace ndxp::metering::audit {

// The field carries ndxp.common.v1.audit_subject = true (read from its options, also when they
// came from a descriptor set and the option is an unknown field there).
bool IsAuditSubject(const google::protobuf::FieldDescriptor& field);

class SubjectFields {
 public:
  static SubjectFields Of(const google::protobuf::Descriptor& request);

  bool empty() const { return paths_.empty(); }
  // "personal_id", "verification.personal_id, ...": for logs.
  std::string Describe() const;
  // Calls `each` with every non-empty subject in `message` (of the resolved type), in field order.
  void ForEach(const google::protobuf::Message& message,
               absl::FunctionRef<void(std::string_view)> each) const;

 private:
  struct Path {
    const google::protobuf::FieldDescriptor* outer = nullptr;  // a singular message field, or null
    const google::protobuf::FieldDescriptor* field = nullptr;  // the marked string field
  };
  std::vector<Path> paths_;
};

}  // namespace ndxp::metering::audit
