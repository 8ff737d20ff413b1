// `ndxpctl audit verify` and `ndxpctl audit search`: the audit log of a gateway (its data
// directory found as the gateway finds it: --data-dir, NDXP_DATA_DIR, the configuration's
// data_dir, ./ndxp-data), read without trusting its files.

#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <absl/time/civil_time.h>
#include <absl/time/time.h>

#include "connectors/builtin.h"
#include "gateway/config/config_loader.h"
#include "gateway/config/data_dir.h"
#include "gateway/core/strings.h"
#include "gateway/ctl/commands.h"
#include "gateway/metering/audit/audit_keys.h"
#include "gateway/metering/audit/audit_verify.h"
#include "gateway/metering/served_calls.h"

namespace ndxp::ctl {
namespace {

namespace audit = ::ndxp::metering::audit;
namespace v1 = ::ndxp::gateway::v1;
using core::Cat;

struct AuditOptions {
  std::string config_file;
  std::string data_dir;
  std::string public_key;
  std::string subject;
  std::string from;
  std::string to;
  std::string format = "table";
};

absl::StatusOr<v1::GatewayConfig> Config(const AuditOptions& options) {
  return config::LoadEffectiveConfig(options.config_file, connectors::BuiltinConnectorNames(),
                                     connectors::BuiltinServiceNames());
}

int Verify(const AuditOptions& options) {
  auto config = Config(options);
  if (!config.ok()) {
    std::cerr << config.status().message() << "\n";
    return kExitFailure;
  }
  const std::string data_dir = config::ResolveDataDir(options.data_dir, *config);
  std::string public_key = options.public_key;
  if (public_key.empty()) {
    public_key = audit::PublicKeyPathFor(
        audit::KeyPath(config->audit().signing_key_file(), data_dir, "audit-ec.pem"));
  }
  auto verifier = audit::SealVerifier::Open(public_key);
  if (!verifier.ok()) {
    std::cerr << "audit verify: public key: " << verifier.status().message() << "\n";
    return kExitFailure;
  }
  const std::string dir = Cat(data_dir, "/audit");
  audit::VerifyReport report = audit::VerifyAuditLog(dir, **verifier);
  for (const std::string& line : report.segments) std::cout << line << "\n";
  if (!report.ok) {
    std::cout << "BROKEN: " << report.problem << "\n";
    return kExitFailure;
  }
  std::cout << "ok: " << report.segments.size() << " segment(s), " << report.records
            << " record(s) in " << dir << ": every chain and seal verifies\n";
  return kExitOk;
}

bool ParseDay(const std::string& text, absl::CivilDay& day) {
  return absl::ParseCivilTime(text, &day);
}

std::string JsonString(std::string_view s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  return out + "\"";
}

// One read of the subject's data, as printed.
struct Hit {
  std::string time;
  v1::AuditRecord record;
  std::string outcome;  // a continuation's: its call's, once its record is found
};

int Search(const AuditOptions& options) {
  if (options.subject.empty()) {
    std::cerr << "audit search: --subject: must not be empty\n";
    return kExitUsage;
  }
  if (options.format != "table" && options.format != "json") {
    std::cerr << "audit search: --format: must be table or json, got \"" << options.format << "\"\n";
    return kExitUsage;
  }
  auto config = Config(options);
  if (!config.ok()) {
    std::cerr << config.status().message() << "\n";
    return kExitFailure;
  }
  const absl::TimeZone zone = metering::MeteringTimeZone(config->ledger().time_zone());
  absl::Time from = absl::InfinitePast();
  absl::Time to = absl::InfiniteFuture();
  absl::CivilDay day;
  if (!options.from.empty()) {
    if (!ParseDay(options.from, day)) {
      std::cerr << "audit search: --from: \"" << options.from << "\" is not a date (YYYY-MM-DD)\n";
      return kExitUsage;
    }
    from = absl::FromCivil(day, zone);
  }
  if (!options.to.empty()) {
    if (!ParseDay(options.to, day)) {
      std::cerr << "audit search: --to: \"" << options.to << "\" is not a date (YYYY-MM-DD)\n";
      return kExitUsage;
    }
    to = absl::FromCivil(day + 1, zone);
  }
  if (from >= to) {
    std::cerr << "audit search: --from is after --to\n";
    return kExitUsage;
  }
  const std::string data_dir = config::ResolveDataDir(options.data_dir, *config);
  const std::string key_path =
      audit::KeyPath(config->audit().subject_key_file(), data_dir, "audit-hmac.key");
  auto hasher = audit::SubjectHasher::Open(key_path, false, "audit.subject_key_file");
  if (!hasher.ok()) {
    std::cerr << "audit search: " << hasher.status().message() << "\n";
    return kExitFailure;
  }
  const audit::Hash wanted = hasher->Of(options.subject);
  const std::string wanted_bytes(reinterpret_cast<const char*>(wanted.data()), wanted.size());

  std::vector<Hit> hits;
  // Continuations waiting for their call's record: (client, request id) -> hit indexes.
  std::map<std::pair<std::string, std::string>, std::vector<std::size_t>> open;
  bool warned = false;
  audit::ForEachAuditRecord(
      Cat(data_dir, "/audit"),
      [&](const v1::AuditRecord& record) {
        const auto key = std::make_pair(record.client(), record.request_id());
        if (record.kind() == v1::AUDIT_RECORD_KIND_CALL) {
          if (auto it = open.find(key); it != open.end()) {
            for (std::size_t i : it->second) hits[i].outcome = record.outcome();
            open.erase(it);
          }
        }
        bool about = false;
        for (const std::string& s : record.subjects()) about = about || s == wanted_bytes;
        if (!about) return;
        const absl::Time when = absl::FromUnixMicros(record.time_unix_micros());
        if (when < from || when >= to) return;
        Hit hit{absl::FormatTime("%Y-%m-%dT%H:%M:%E3S%Ez", when, zone), record, record.outcome()};
        if (record.kind() == v1::AUDIT_RECORD_KIND_CONTINUATION) {
          hit.outcome = "(stream under way)";
          open[key].push_back(hits.size());
        }
        hits.push_back(std::move(hit));
      },
      [&](const std::string& warning) {
        std::cerr << "warning: " << warning << "\n";
        warned = true;
      });
  if (warned) std::cerr << "warning: run `ndxpctl audit verify`: the log is not intact\n";

  if (options.format == "json") {
    std::cout << "[";
    for (std::size_t i = 0; i < hits.size(); ++i) {
      const Hit& h = hits[i];
      const v1::AuditRecord& r = h.record;
      std::cout << (i == 0 ? "\n" : ",\n") << "  {\"time\": " << JsonString(h.time)
                << ", \"client\": " << JsonString(r.client())
                << ", \"method\": " << JsonString(r.method())
                << ", \"purpose\": " << JsonString(r.purpose())
                << ", \"dossier_id\": " << JsonString(r.dossier_id())
                << ", \"procedure\": " << JsonString(r.procedure())
                << ", \"outcome\": " << JsonString(h.outcome)
                << ", \"request_id\": " << JsonString(r.request_id())
                << ", \"latency_ms\": " << static_cast<double>(r.latency_micros()) / 1000.0 << "}";
    }
    std::cout << (hits.empty() ? "]\n" : "\n]\n");
    return kExitOk;
  }
  std::cout << "TIME                           CLIENT                 METHOD                                         PURPOSE                   DOSSIER              PROCEDURE       OUTCOME          REQUEST ID\n";
  auto col = [](std::string_view s, std::size_t width) {
    std::string out(s);
    if (out.size() < width) out.append(width - out.size(), ' ');
    return out + " ";
  };
  for (const Hit& h : hits) {
    const v1::AuditRecord& r = h.record;
    std::cout << col(h.time, 30) << col(r.client(), 22) << col(r.method(), 46)
              << col(r.purpose(), 25) << col(r.dossier_id(), 20) << col(r.procedure(), 15)
              << col(h.outcome, 16) << r.request_id() << "\n";
  }
  std::cout << hits.size() << " read(s) of this subject's data\n";
  return kExitOk;
}

}  // namespace

void AddAuditCommands(CLI::App& app, Action& action) {
  auto options = std::make_shared<AuditOptions>();
  CLI::App* group = app.add_subcommand(
      "audit", "The audit log: check its chains and seals, find who read a citizen's data");
  group->require_subcommand(1);
  auto common = [options](CLI::App* command) {
    command->add_option("--config", options->config_file,
                        "The gateway's configuration file (default: the embedded default)");
    command->add_option("--data-dir", options->data_dir,
                        "The gateway's data directory (default: NDXP_DATA_DIR, the "
                        "configuration's data_dir, ./ndxp-data)");
  };
  CLI::App* verify = group->add_subcommand(
      "verify", "Check every segment's hash chain and seal in order; name the first break");
  common(verify);
  verify->add_option("--public-key", options->public_key,
                     "PEM public key of the seals (default: audit-ec.pub.pem beside the signing key)");
  verify->callback([&action, options] { action = [options] { return Verify(*options); }; });

  CLI::App* search = group->add_subcommand(
      "search", "Who read a subject's data, when and why (needs the subject key)");
  common(search);
  search->add_option("--subject", options->subject, "Personal id (or household, enterprise code)")
      ->required();
  search->add_option("--from", options->from, "First day, YYYY-MM-DD (the ledger's time zone)");
  search->add_option("--to", options->to, "Last day, YYYY-MM-DD (included)");
  search->add_option("--format", options->format, "table or json")->default_val("table");
  search->callback([&action, options] { action = [options] { return Search(*options); }; });
}

}  // namespace ndxp::ctl
