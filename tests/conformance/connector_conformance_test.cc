// The conformance suite every built-in connector must pass, run over MakeBuiltinConnectors with
// small scales. For every method of every connector:
//   - Examples() has an entry; each non-empty request parses as the method's request type;
//   - the valid request answers OK (unary: the handler; server streaming: Next until done;
//     client or bidi streaming: the message, then half-close);
//   - the malformed request is INVALID_ARGUMENT with a google.rpc.BadRequest field violation;
//   - the unknown request is NOT_FOUND with a google.rpc.ErrorInfo reason.
// An empty malformed or unknown example means "not applicable" (documented by the connector).
// Every sample kind must name existing records: five samples of each are passed in the kind's field
// of the kind's unary method (e.g. GetCitizen.personal_id), which must answer OK.

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "connectors/builtin.h"
#include "tests/unit/connectors/connector_calls.h"
#include "tests/unit/connectors/status_details.h"

namespace ndxp::connectors {
namespace {

using testing::Call;
using testing::CallResult;
using testing::ErrorReason;
using testing::ParseRequest;
using testing::ViolationField;

// Small data for every connector; connectors absent here use their defaults.
const std::map<std::string, core::ConnectorSettings, std::less<>> kSettings = {
    {"population", {1, 2'000}},
    {"business", {1, 300}},
    {"insurance", {1, 0}},
    {"budget", {1, 50}},
    {"land", {1, 1'500}},
    {"vehicle", {1, 1'000}},
    {"legal", {1, 1'000}},
    {"price", {1, 60}},
    {"postcode", {1, 2'000}},
};

struct Built {
  std::unique_ptr<core::Connector> connector;
  std::vector<core::MethodHandler> handlers;
  std::vector<core::MethodExample> examples;
};

const std::map<std::string, Built, std::less<>>& AllConnectors() {
  static const auto* const kBuilt = [] {
    std::vector<BuiltinSpec> specs;
    for (std::string_view name : BuiltinConnectorNames()) {
      auto it = kSettings.find(name);
      specs.push_back(
          {std::string(name), it == kSettings.end() ? core::ConnectorSettings{} : it->second});
    }
    auto connectors = MakeBuiltinConnectors(specs);
    auto* built = new std::map<std::string, Built, std::less<>>();
    if (!connectors.ok()) {
      ADD_FAILURE() << connectors.status();
      return built;
    }
    for (auto& c : *connectors) {
      Built b;
      b.handlers = c->Handlers();
      b.examples = c->Examples();
      const std::string name(c->name());
      b.connector = std::move(c);
      built->emplace(name, std::move(b));
    }
    return built;
  }();
  return *kBuilt;
}

class ConformanceTest : public ::testing::TestWithParam<std::string> {
 protected:
  const Built& built() { return AllConnectors().at(GetParam()); }
  const core::MethodExample* ExampleFor(std::string_view method) {
    for (const auto& e : built().examples) {
      if (e.method == method) return &e;
    }
    return nullptr;
  }
  CallResult CallWith(const core::MethodHandler& handler, const std::string& text) {
    auto request = ParseRequest(handler, text);
    if (request == nullptr) {
      ADD_FAILURE() << handler.method->full_name() << ": cannot parse " << text;
      return {absl::InternalError("unparsable example"), {}};
    }
    return Call(handler, *request);
  }
};

TEST_P(ConformanceTest, EveryMethodHasAHandlerAndExamples) {
  const auto& service = built().connector->service();
  ASSERT_EQ(built().handlers.size(), static_cast<std::size_t>(service.method_count()));
  for (int i = 0; i < service.method_count(); ++i) {
    const auto* method = service.method(i);
    EXPECT_NE(testing::FindHandler(built().handlers, method->name()), nullptr) << method->name();
    const auto* example = ExampleFor(method->name());
    ASSERT_NE(example, nullptr) << method->full_name() << " has no example";
    EXPECT_FALSE(example->valid_request.empty()) << method->full_name();
  }
}

TEST_P(ConformanceTest, ValidExamplesAnswerOk) {
  for (const auto& handler : built().handlers) {
    const auto* example = ExampleFor(handler.method->name());
    ASSERT_NE(example, nullptr);
    const CallResult result = CallWith(handler, example->valid_request);
    EXPECT_TRUE(result.status.ok()) << handler.method->full_name() << ": " << result.status;
    const auto shape = core::ShapeOf(*handler.method);
    if (shape == core::CallShape::kUnary || shape == core::CallShape::kClientStreaming ||
        shape == core::CallShape::kBidiStreaming) {
      EXPECT_GE(result.responses.size(), 1u) << handler.method->full_name();
    }
    if (shape == core::CallShape::kUnary || shape == core::CallShape::kClientStreaming) {
      EXPECT_EQ(result.responses.size(), 1u) << handler.method->full_name();
    }
  }
}

TEST_P(ConformanceTest, MalformedExamplesAreInvalidArgumentWithAFieldViolation) {
  for (const auto& handler : built().handlers) {
    const auto* example = ExampleFor(handler.method->name());
    ASSERT_NE(example, nullptr);
    if (example->malformed_request.empty()) continue;
    const CallResult result = CallWith(handler, example->malformed_request);
    EXPECT_EQ(result.status.code(), absl::StatusCode::kInvalidArgument)
        << handler.method->full_name() << ": " << result.status;
    const std::string field = ViolationField(result.status);
    EXPECT_FALSE(field.empty()) << handler.method->full_name() << ": no BadRequest field violation";
    EXPECT_NE(handler.method->input_type()->FindFieldByName(field.substr(0, field.find('.'))),
              nullptr)
        << handler.method->full_name() << ": violation on unknown field " << field;
  }
}

TEST_P(ConformanceTest, UnknownExamplesAreNotFound) {
  for (const auto& handler : built().handlers) {
    const auto* example = ExampleFor(handler.method->name());
    ASSERT_NE(example, nullptr);
    if (example->unknown_request.empty()) continue;
    const CallResult result = CallWith(handler, example->unknown_request);
    EXPECT_EQ(result.status.code(), absl::StatusCode::kNotFound)
        << handler.method->full_name() << ": " << result.status;
    EXPECT_FALSE(ErrorReason(result.status).empty()) << handler.method->full_name();
  }
}

TEST_P(ConformanceTest, SamplesOfEveryKindExist) {
  const auto kinds = built().connector->SampleKinds();
  ASSERT_FALSE(kinds.empty()) << "no sample kinds";
  for (std::size_t i = 0; i < kinds.size(); ++i) {
    const core::SampleKind& kind = kinds[i];
    for (std::size_t j = 0; j < i; ++j) EXPECT_NE(kinds[j].name, kind.name) << "kind twice";
    EXPECT_FALSE(kind.description.empty()) << kind.name;
    const core::MethodHandler* lookup = testing::FindHandler(built().handlers, kind.method);
    ASSERT_NE(lookup, nullptr) << kind.name << ": no method " << kind.method;
    ASSERT_EQ(core::ShapeOf(*lookup->method), core::CallShape::kUnary) << kind.method;
    const auto* field = lookup->method->input_type()->FindFieldByName(kind.field);
    ASSERT_NE(field, nullptr) << kind.method << " has no field " << kind.field;
    ASSERT_EQ(field->type(), google::protobuf::FieldDescriptor::TYPE_STRING) << kind.field;
    const auto ids = built().connector->SampleIds(kind.name, 5);
    ASSERT_EQ(ids.size(), 5u) << kind.name;
    for (const std::string& id : ids) {
      auto request = testing::NewMessage(lookup->method->input_type());
      request->GetReflection()->SetString(request.get(), field, id);
      const CallResult result = Call(*lookup, *request);
      EXPECT_TRUE(result.status.ok())
          << kind.name << ": " << lookup->method->full_name() << "(" << id << "): " << result.status;
    }
    EXPECT_EQ(built().connector->SampleIds(kind.name, 5), ids)
        << kind.name << ": samples must be deterministic";
  }
  EXPECT_TRUE(built().connector->SampleIds("no_such_kind", 5).empty());
  EXPECT_EQ(built().connector->PrimarySampleIds(3),
            built().connector->SampleIds(kinds.front().name, 3));
}

std::vector<std::string> ConnectorNames() {
  std::vector<std::string> names;
  for (std::string_view name : BuiltinConnectorNames()) names.emplace_back(name);
  return names;
}

INSTANTIATE_TEST_SUITE_P(Builtin, ConformanceTest, ::testing::ValuesIn(ConnectorNames()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace ndxp::connectors
