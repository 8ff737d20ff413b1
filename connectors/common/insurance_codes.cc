#include "connectors/common/insurance_codes.h"

#include <algorithm>
#include <cstdio>
#include <iterator>

#include "connectors/common/admin_units.h"
#include "gateway/core/status.h"
#include "gateway/core/strings.h"

namespace ndxp::connectors {
namespace {

// Ordered by code (binary search).
constexpr BeneficiaryGroup kGroups[] = {
    {"BT", 2, "Người thuộc diện hưởng trợ cấp bảo trợ xã hội hằng tháng"},
    {"CA", 5, "Sĩ quan, hạ sĩ quan, chiến sĩ Công an nhân dân"},
    {"CB", 4, "Cán bộ xã, phường, thị trấn đã nghỉ việc hưởng trợ cấp"},
    {"CC", 1, "Người có công với cách mạng"},
    {"CH", 4, "Cán bộ, công chức, viên chức nghỉ hưởng chế độ ốm đau dài ngày"},
    {"CK", 2, "Người có công với cách mạng (thân nhân)"},
    {"CN", 3, "Người thuộc hộ gia đình cận nghèo"},
    {"CS", 4, "Người đang hưởng trợ cấp thất nghiệp"},
    {"CT", 4, "Người từ đủ 80 tuổi trở lên đang hưởng trợ cấp tuất hằng tháng"},
    {"CY", 5, "Người làm công tác cơ yếu"},
    {"DK", 2, "Người sinh sống tại xã, thôn đặc biệt khó khăn"},
    {"DN", 4, "Người lao động làm việc trong doanh nghiệp"},
    {"DT", 2,
     "Người dân tộc thiểu số đang sinh sống tại vùng có điều kiện kinh tế - xã hội khó khăn"},
    {"GB", 4, "Người được ngân sách nhà nước đóng bảo hiểm y tế khác"},
    {"GD", 4, "Người tham gia bảo hiểm y tế theo hộ gia đình"},
    {"HC", 4, "Cán bộ, công chức, viên chức làm việc trong cơ quan nhà nước"},
    {"HD", 4, "Người hoạt động không chuyên trách ở cấp xã"},
    {"HG", 4, "Người lao động làm việc trong cơ quan, tổ chức khác"},
    {"HN", 2, "Người thuộc hộ gia đình nghèo"},
    {"HS", 4, "Học sinh"},
    {"HT", 3, "Người hưởng lương hưu, trợ cấp mất sức lao động hằng tháng"},
    {"HX", 4, "Người lao động làm việc trong hợp tác xã"},
    {"KC", 2, "Người tham gia kháng chiến"},
    {"LH", 2, "Người từ đủ 75 tuổi trở lên hưởng trợ cấp hưu trí xã hội"},
    {"LS", 4, "Lưu học sinh nước ngoài học tập tại Việt Nam"},
    {"MS", 4, "Người hưởng trợ cấp mất sức lao động"},
    {"NN", 4, "Người lao động làm việc trong cơ quan, tổ chức nước ngoài"},
    {"NO", 4, "Người đang hưởng chế độ ốm đau dài ngày"},
    {"PV", 4, "Người phục vụ người có công với cách mạng"},
    {"QN", 5, "Sĩ quan, quân nhân chuyên nghiệp, hạ sĩ quan, binh sĩ Quân đội nhân dân"},
    {"SV", 4, "Sinh viên"},
    {"TA", 4, "Người hưởng trợ cấp tai nạn lao động, bệnh nghề nghiệp"},
    {"TB", 4, "Thân nhân của người lao động hưởng trợ cấp hằng tháng"},
    {"TC", 3, "Thương binh, bệnh binh hưởng trợ cấp"},
    {"TE", 1, "Trẻ em dưới 6 tuổi"},
    {"TK", 4, "Người lao động làm việc trong tổ chức khác"},
    {"TL", 4, "Thân nhân liệt sĩ"},
    {"TN", 4, "Người hưởng trợ cấp thất nghiệp"},
    {"TQ", 4, "Thân nhân của quân nhân"},
    {"TS", 2, "Thân nhân liệt sĩ, người có công nuôi dưỡng liệt sĩ"},
    {"TV", 4, "Người thuộc hộ gia đình làm nông, lâm, ngư, diêm nghiệp có mức sống trung bình"},
    {"TY", 4, "Thân nhân của người làm công tác cơ yếu"},
    {"XB", 4, "Người lao động làm việc trong tổ chức xã hội"},
    {"XD", 2, "Xã viên, người dân tộc thiểu số sinh sống tại vùng đặc biệt khó khăn"},
    {"XK", 4, "Người lao động làm việc trong tổ chức kinh tế khác"},
    {"XN", 4, "Người lao động làm việc trong cơ sở sản xuất kinh doanh cá thể"},
    {"XV", 4, "Người lao động làm việc trong tổ chức khác của Nhà nước"},
};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsSeparator(char c) { return c == '-' || c == ' '; }

// The card code without separators, if the separators sit only between parts (after the group,
// the level, the province); an empty string when they do not.
std::string Compact(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!IsSeparator(text[i])) {
      out.push_back(text[i]);
      continue;
    }
    const std::size_t at = out.size();
    const bool between = at == 2 || at == 3 || at == 5;
    if (!between || (i + 1 < text.size() && IsSeparator(text[i + 1]))) return "";
  }
  return out;
}

}  // namespace

std::span<const BeneficiaryGroup> BeneficiaryGroups() { return kGroups; }

const BeneficiaryGroup* FindBeneficiaryGroup(std::string_view code) {
  auto it =
      std::lower_bound(std::begin(kGroups), std::end(kGroups), code,
                       [](const BeneficiaryGroup& g, std::string_view c) { return g.code < c; });
  return it != std::end(kGroups) && it->code == code ? &*it : nullptr;
}

absl::StatusOr<std::uint64_t> ParseSocialInsuranceNumber(std::string_view text,
                                                         std::string_view field) {
  if (text.size() != 10) return core::FieldViolation(field, "must be exactly 10 digits");
  std::uint64_t value = 0;
  for (char c : text) {
    if (!IsDigit(c)) return core::FieldViolation(field, "must contain only digits 0-9");
    value = value * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return value;
}

std::string FormatSocialInsuranceNumber(std::uint64_t number) {
  char text[24];
  std::snprintf(text, sizeof text, "%010llu",
                static_cast<unsigned long long>(number % 10'000'000'000ULL));
  return text;
}

absl::StatusOr<HealthInsuranceCardCode> ParseHealthInsuranceCardCode(std::string_view text,
                                                                     std::string_view field) {
  constexpr std::string_view kShape =
      "must be 15 characters: a 2-letter group code, the benefit level 1-5, a 2-digit province "
      "code and the 10-digit social insurance number (e.g. DN4797912345678)";
  if (text.empty() || text.size() > 24) return core::FieldViolation(field, kShape);
  const std::string code = Compact(text);
  if (code.size() != 15) return core::FieldViolation(field, kShape);
  HealthInsuranceCardCode card;
  const std::string_view group(code.data(), 2);
  for (char c : group) {
    if (c < 'A' || c > 'Z') {
      return core::FieldViolation(field,
                                  "characters 1-2 must be a beneficiary group code in capital "
                                  "letters (e.g. DN, HS, TE)");
    }
  }
  card.group = FindBeneficiaryGroup(group);
  if (card.group == nullptr) {
    return core::FieldViolation(
        field,
        core::Cat("characters 1-2 must be a beneficiary group code: ", group, " is not one"));
  }
  if (code[2] < '1' || code[2] > '5') {
    return core::FieldViolation(field, "character 3 must be the benefit level, a digit 1-5");
  }
  card.benefit_level = code[2] - '0';
  if (!IsDigit(code[3]) || !IsDigit(code[4])) {
    return core::FieldViolation(field, "characters 4-5 must be the two-digit province code");
  }
  card.province_code = (code[3] - '0') * 10 + (code[4] - '0');
  if (AdminUnits::Get().FindOldProvince(card.province_code) < 0) {
    return core::FieldViolation(
        field, core::Cat("characters 4-5 must be a province code: ", code.substr(3, 2),
                         " is not the code of a province"));
  }
  for (std::size_t i = 5; i < 15; ++i) {
    if (!IsDigit(code[i])) {
      return core::FieldViolation(
          field, "characters 6-15 must be the 10-digit social insurance number (digits only)");
    }
    card.social_insurance_number =
        card.social_insurance_number * 10 + static_cast<std::uint64_t>(code[i] - '0');
  }
  return card;
}

std::string FormatHealthInsuranceCardCode(std::string_view group, int benefit_level,
                                          int province_code,
                                          std::uint64_t social_insurance_number) {
  char text[8];
  std::snprintf(text, sizeof text, "%d%02d", benefit_level % 10, province_code % 100);
  std::string out(group);
  out.append(text);
  out.append(FormatSocialInsuranceNumber(social_insurance_number));
  return out;
}

}  // namespace ndxp::connectors
