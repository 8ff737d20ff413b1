// Configuration loading on arbitrary YAML text, as `--config` and `ndxpctl config check` read it:
// ParseConfigYaml, then (when it parses) the emitter's YAML reads back to an equal message,
// ApplyDefaults is idempotent, and ValidateConfig answers. ValidateConfig reads the files a TLS
// section or an upstream's descriptor_set names, so it is skipped for texts that mention files:
// the fuzzer must not read the machine's files.
#include <google/protobuf/util/message_differencer.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/config/config_loader.h"
#include "gateway/config/yaml_emitter.h"
#include "gateway/config/yaml_mapper.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

// The built-in connectors and their services (connectors/builtin.cc), without linking them.
const std::vector<std::string_view> kConnectors = {"population", "business", "insurance", "budget"};
const std::vector<std::string_view> kServices = {
    "ndxp.population.v1.PopulationService", "ndxp.business.v1.BusinessRegistryService",
    "ndxp.insurance.v1.InsuranceService", "ndxp.budget.v1.BudgetUnitService"};

bool Equal(const google::protobuf::Message& a, const google::protobuf::Message& b) {
  return google::protobuf::util::MessageDifferencer::Equals(a, b);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ndxp::config;
  if (size > 64 * 1024) return 0;
  const std::string_view text = ndxp::fuzz::AsText(data, size);
  auto config = ParseConfigYaml(text, "fuzz.yaml");
  if (!config.ok()) {
    NDXP_FUZZ_CHECK(!config.status().message().empty());
    return 0;
  }
  const std::string yaml = MessageToYaml(*config);
  ndxp::gateway::v1::GatewayConfig again;
  const absl::Status back = ParseYamlInto(yaml, "emitted.yaml", again);
  NDXP_FUZZ_CHECK(back.ok());
  NDXP_FUZZ_CHECK(Equal(*config, again));

  ApplyDefaults(*config, kConnectors, kServices);
  ndxp::gateway::v1::GatewayConfig twice = *config;
  ApplyDefaults(twice, kConnectors, kServices);
  NDXP_FUZZ_CHECK(Equal(*config, twice));

  if (text.find("file") == std::string_view::npos &&
      text.find("descriptor") == std::string_view::npos &&
      text.find("data_dir") == std::string_view::npos) {
    const absl::Status valid = ValidateConfig(*config, kConnectors, kServices);
    NDXP_FUZZ_CHECK(valid.ok() || valid.code() == absl::StatusCode::kInvalidArgument ||
                    valid.code() == absl::StatusCode::kNotFound);
  }
  return 0;
}
