// `ndxpctl usage report` and `ndxpctl usage indicators`: the usage ledger (data_dir/usage.db),
// opened read-only, while the gateway runs or not. The data directory is found as the gateway
// finds it (config::ResolveDataDir): --data-dir, else NDXP_DATA_DIR, else the configuration's
// data_dir (--config), else ./ndxp-data, the embedded default's.

#include <iostream>
#include <memory>
#include <string>

#include <absl/time/civil_time.h>

#include "connectors/builtin.h"
#include "gateway/auth/registry_source.h"
#include "gateway/config/config_loader.h"
#include "gateway/config/data_dir.h"
#include "gateway/core/strings.h"
#include "gateway/ctl/commands.h"
#include "gateway/ctl/usage_format.h"
#include "gateway/metering/ledger/ledger_store.h"
#include "gateway/metering/ledger/province.h"
#include "gateway/metering/ledger/usage_report.h"

namespace ndxp::ctl {
namespace {

namespace v1 = gateway::v1;
namespace ledger = metering::ledger;
using core::Cat;

struct UsageOptions {
  std::string from, to, by = "client", month, province;
  std::string format = "table";
  std::string config_path, data_dir;
};

int Usage(std::string_view command, std::string_view message) {
  std::cerr << "ndxpctl usage " << command << ": " << message << "\n";
  return kExitUsage;
}

int Fail(std::string_view command, std::string_view message) {
  std::cerr << "ndxpctl usage " << command << ": " << message << "\n";
  return kExitFailure;
}

bool AllDigits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// A calendar date written exactly YYYY-MM-DD.
bool ParseDay(const std::string& text, absl::CivilDay& out) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' ||
      !AllDigits(std::string_view(text).substr(0, 4)) ||
      !AllDigits(std::string_view(text).substr(5, 2)) ||
      !AllDigits(std::string_view(text).substr(8, 2))) {
    return false;
  }
  return absl::ParseCivilTime(text, &out) && absl::FormatCivilTime(out) == text;
}

// A calendar month written exactly YYYY-MM.
bool ParseMonth(const std::string& text, absl::CivilMonth& out) {
  if (text.size() != 7 || text[4] != '-' || !AllDigits(std::string_view(text).substr(0, 4)) ||
      !AllDigits(std::string_view(text).substr(5, 2))) {
    return false;
  }
  return absl::ParseCivilTime(text, &out) && absl::FormatCivilTime(out) == text;
}

bool ParseFormat(const std::string& text, UsageFormat& out) {
  if (text == "table") out = UsageFormat::kTable;
  else if (text == "csv") out = UsageFormat::kCsv;
  else if (text == "json") out = UsageFormat::kJson;
  else return false;
  return true;
}

bool ParseBy(const std::string& text, ledger::ReportBy& out) {
  if (text == "client") out = ledger::ReportBy::kClient;
  else if (text == "connector") out = ledger::ReportBy::kConnector;
  else if (text == "province") out = ledger::ReportBy::kProvince;
  else if (text == "procedure") out = ledger::ReportBy::kProcedure;
  else return false;
  return true;
}

// The configuration named by --config (validated as the gateway would), or the empty one.
absl::StatusOr<v1::GatewayConfig> LoadConfig(const UsageOptions& options) {
  if (options.config_path.empty()) return v1::GatewayConfig();
  return config::LoadEffectiveConfig(options.config_path, connectors::BuiltinConnectorNames(),
                                     connectors::BuiltinServiceNames());
}

absl::StatusOr<std::unique_ptr<ledger::Db>> OpenLedger(const UsageOptions& options,
                                                       const v1::GatewayConfig& config) {
  const std::string dir = config::ResolveDataDir(options.data_dir, config);
  return ledger::Db::Open(Cat(dir, "/", ledger::kLedgerFile), ledger::Db::Mode::kReadOnly);
}

// Every registered client with a monthly quota (the configuration's and its client registry's),
// and the calls it was served in each calendar month the report touches.
absl::StatusOr<std::vector<QuotaUse>> QuotaUses(ledger::Db& db, const v1::GatewayConfig& config,
                                                absl::CivilDay from, absl::CivilDay to) {
  std::vector<v1::Client> clients(config.clients().begin(), config.clients().end());
  if (!config.client_registry().empty()) {
    auto registry = auth::ReadClientRegistry(config.client_registry());
    if (!registry.ok()) return registry.status();
    clients.insert(clients.end(), registry->clients().begin(), registry->clients().end());
  }
  std::vector<QuotaUse> uses;
  auto add = [&](const std::string& client, const std::string& connector,
                 std::uint64_t quota) -> absl::Status {
    for (absl::CivilMonth month(from); month <= absl::CivilMonth(to); ++month) {
      auto used = ledger::QueryServed(db, client, connector, absl::CivilDay(month),
                                      absl::CivilDay(month + 1) - 1);
      if (!used.ok()) return used.status();
      uses.push_back({client, connector, absl::FormatCivilTime(month), *used, quota});
    }
    return absl::OkStatus();
  };
  for (const v1::Client& client : clients) {
    if (client.limits().quota_monthly() > 0) {
      if (auto s = add(client.id(), "", client.limits().quota_monthly()); !s.ok()) return s;
    }
    for (const v1::ConnectorLimits& limits : client.limits().connectors()) {
      if (limits.quota_monthly() == 0) continue;
      if (auto s = add(client.id(), limits.connector(), limits.quota_monthly()); !s.ok()) return s;
    }
  }
  return uses;
}

int Report(const UsageOptions& options) {
  constexpr std::string_view kCommand = "report";
  absl::CivilDay from, to;
  if (!ParseDay(options.from, from)) {
    return Usage(kCommand, Cat("--from: \"", options.from, "\": expected a date YYYY-MM-DD"));
  }
  if (!ParseDay(options.to, to)) {
    return Usage(kCommand, Cat("--to: \"", options.to, "\": expected a date YYYY-MM-DD"));
  }
  if (from > to) {
    return Usage(kCommand, Cat("--from ", options.from, " is after --to ", options.to));
  }
  ledger::ReportBy by;
  if (!ParseBy(options.by, by)) {
    return Usage(kCommand, Cat("--by: \"", options.by,
                               "\": expected client, connector, province or procedure"));
  }
  UsageFormat format;
  if (!ParseFormat(options.format, format)) {
    return Usage(kCommand, Cat("--format: \"", options.format, "\": expected table, csv or json"));
  }
  auto config = LoadConfig(options);
  if (!config.ok()) return Fail(kCommand, core::ToStd(config.status().message()));
  auto db = OpenLedger(options, *config);
  if (!db.ok()) return Fail(kCommand, core::ToStd(db.status().message()));
  auto rows = ledger::QueryReport(**db, from, to, by);
  if (!rows.ok()) return Fail(kCommand, core::ToStd(rows.status().message()));
  auto quotas = QuotaUses(**db, *config, from, to);
  if (!quotas.ok()) return Fail(kCommand, core::ToStd(quotas.status().message()));
  UsageReportOutput out{.from = options.from,
                        .to = options.to,
                        .by = options.by,
                        .time_zone = ledger::LedgerTimeZone(**db),
                        .rows = *std::move(rows),
                        .quota_use = *std::move(quotas)};
  std::cout << FormatReport(out, format);
  return kExitOk;
}

int Indicators(const UsageOptions& options) {
  constexpr std::string_view kCommand = "indicators";
  absl::CivilMonth month;
  if (!ParseMonth(options.month, month)) {
    return Usage(kCommand, Cat("--month: \"", options.month, "\": expected a month YYYY-MM"));
  }
  if (!options.province.empty() && !ledger::IsProvinceCode(options.province)) {
    return Usage(kCommand, Cat("--province: \"", options.province,
                               "\": expected a two-digit province code, e.g. 79"));
  }
  UsageFormat format;
  if (!ParseFormat(options.format, format)) {
    return Usage(kCommand, Cat("--format: \"", options.format, "\": expected table, csv or json"));
  }
  auto config = LoadConfig(options);
  if (!config.ok()) return Fail(kCommand, core::ToStd(config.status().message()));
  auto db = OpenLedger(options, *config);
  if (!db.ok()) return Fail(kCommand, core::ToStd(db.status().message()));
  auto provinces = ledger::QueryIndicators(**db, month, options.province);
  if (!provinces.ok()) return Fail(kCommand, core::ToStd(provinces.status().message()));
  IndicatorsOutput out{.month = options.month,
                       .time_zone = ledger::LedgerTimeZone(**db),
                       .provinces = *std::move(provinces)};
  std::cout << FormatIndicators(out, format);
  return kExitOk;
}

void AddLocationOptions(CLI::App* command, UsageOptions& options) {
  command->add_option("--format", options.format, "table (default), csv or json");
  command->add_option("--config", options.config_path,
                      "The gateway's configuration file, to find its data_dir (and clients' "
                      "quotas); default: the embedded default's");
  command->add_option("--data-dir", options.data_dir,
                      "The gateway's data directory (overrides NDXP_DATA_DIR and data_dir)");
}

}  // namespace

void AddUsageCommands(CLI::App& app, Action& action) {
  CLI::App* group =
      app.add_subcommand("usage", "Reports from the usage ledger (data_dir/usage.db), read-only");
  group->require_subcommand(1);
  auto options = std::make_shared<UsageOptions>();

  CLI::App* report = group->add_subcommand(
      "report", "Calls per client, connector, province or procedure and per connector: served, "
                "errors, top methods, and monthly quota use");
  report->add_option("--from", options->from, "First day, YYYY-MM-DD (the ledger's time zone)")
      ->required();
  report->add_option("--to", options->to, "Last day, YYYY-MM-DD (included)")->required();
  report->add_option("--by", options->by, "client (default), connector, province or procedure");
  AddLocationOptions(report, *options);
  report->callback([&action, options] { action = [options] { return Report(*options); }; });

  CLI::App* indicators = group->add_subcommand(
      "indicators", "Per province: dossiers that drew on the population database and procedures "
                    "that used the business registry, as counts and shares");
  indicators->add_option("--month", options->month, "The month, YYYY-MM")->required();
  indicators->add_option("--province", options->province, "Only this province, e.g. 79");
  AddLocationOptions(indicators, *options);
  indicators->callback([&action, options] { action = [options] { return Indicators(*options); }; });
}

}  // namespace ndxp::ctl
