#include "connectors/legal/legal_texts.h"

#include "gateway/core/strings.h"

namespace ndxp::connectors::legal {
namespace {

constexpr Topic kTopics[] = {
    {"thuế thu nhập cá nhân", "Thuế thu nhập cá nhân", "BTC", "Thuế - Phí - Lệ phí", 5},
    {"thuế thu nhập doanh nghiệp", "Thuế thu nhập doanh nghiệp", "BTC", "Thuế - Phí - Lệ phí", 4},
    {"thuế giá trị gia tăng", "Thuế giá trị gia tăng", "BTC", "Thuế - Phí - Lệ phí", 4},
    {"quản lý thuế", "Quản lý thuế", "BTC", "Thuế - Phí - Lệ phí", 5},
    {"phí và lệ phí", "Phí và lệ phí", "BTC", "Thuế - Phí - Lệ phí", 5},
    {"giá", "Giá", "BTC", "Giá", 3},
    {"ngân sách nhà nước", "Ngân sách nhà nước", "BTC", "Tài chính nhà nước", 4},
    {"kế toán", "Kế toán", "BTC", "Kế toán - Kiểm toán", 3},
    {"hải quan", "Hải quan", "BTC", "Xuất nhập khẩu", 3},
    {"bảo hiểm xã hội", "Bảo hiểm xã hội", "BLĐTBXH", "Bảo hiểm", 4},
    {"bảo hiểm y tế", "Bảo hiểm y tế", "BYT", "Bảo hiểm", 4},
    {"khám bệnh, chữa bệnh", "Khám bệnh, chữa bệnh", "BYT", "Thể thao - Y tế", 4},
    {"dược", "Dược", "BYT", "Thể thao - Y tế", 3},
    {"căn cước", "Căn cước", "BCA", "Quyền dân sự", 3},
    {"cư trú", "Cư trú", "BCA", "Quyền dân sự", 3},
    {"xuất cảnh, nhập cảnh của công dân Việt Nam", "Xuất cảnh, nhập cảnh của công dân Việt Nam",
     "BCA", "Xuất nhập cảnh", 2},
    {"trật tự, an toàn giao thông đường bộ", "Trật tự, an toàn giao thông đường bộ", "BCA",
     "Giao thông - Vận tải", 3},
    {"phòng cháy, chữa cháy", "Phòng cháy, chữa cháy và cứu nạn, cứu hộ", "BCA",
     "Trách nhiệm hình sự", 2},
    {"đất đai", "Đất đai", "BTNMT", "Bất động sản", 5},
    {"bảo vệ môi trường", "Bảo vệ môi trường", "BTNMT", "Tài nguyên - Môi trường", 4},
    {"tài nguyên nước", "Tài nguyên nước", "BTNMT", "Tài nguyên - Môi trường", 2},
    {"xây dựng", "Xây dựng", "BXD", "Xây dựng - Đô thị", 4},
    {"nhà ở", "Nhà ở", "BXD", "Bất động sản", 3},
    {"kinh doanh bất động sản", "Kinh doanh bất động sản", "BXD", "Bất động sản", 3},
    {"giáo dục", "Giáo dục", "BGDĐT", "Giáo dục", 4},
    {"giáo dục nghề nghiệp", "Giáo dục nghề nghiệp", "BLĐTBXH", "Giáo dục", 2},
    {"doanh nghiệp", "Doanh nghiệp", "BKHĐT", "Doanh nghiệp", 4},
    {"đầu tư", "Đầu tư", "BKHĐT", "Đầu tư", 3},
    {"đầu tư công", "Đầu tư công", "BKHĐT", "Đầu tư", 3},
    {"đấu thầu", "Đấu thầu", "BKHĐT", "Đầu tư", 3},
    {"hộ tịch", "Hộ tịch", "BTP", "Quyền dân sự", 3},
    {"lý lịch tư pháp", "Lý lịch tư pháp", "BTP", "Thủ tục Tố tụng", 2},
    {"ban hành văn bản quy phạm pháp luật", "Ban hành văn bản quy phạm pháp luật", "BTP",
     "Bộ máy hành chính", 2},
    {"xử lý vi phạm hành chính", "Xử lý vi phạm hành chính", "BTP", "Vi phạm hành chính", 3},
    {"công chứng", "Công chứng", "BTP", "Dịch vụ pháp lý", 2},
    {"cán bộ, công chức", "Cán bộ, công chức", "BNV", "Bộ máy hành chính", 4},
    {"thi đua, khen thưởng", "Thi đua, khen thưởng", "BNV", "Bộ máy hành chính", 2},
    {"tổ chức chính quyền địa phương", "Tổ chức chính quyền địa phương", "BNV",
     "Bộ máy hành chính", 2},
    {"giao dịch điện tử", "Giao dịch điện tử", "BTTTT", "Công nghệ thông tin", 3},
    {"an toàn thông tin mạng", "An toàn thông tin mạng", "BTTTT", "Công nghệ thông tin", 2},
    {"viễn thông", "Viễn thông", "BTTTT", "Công nghệ thông tin", 2},
    {"bưu chính", "Bưu chính", "BTTTT", "Công nghệ thông tin", 1},
    {"đường bộ", "Đường bộ", "BGTVT", "Giao thông - Vận tải", 3},
    {"đăng kiểm phương tiện giao thông cơ giới đường bộ", "Đường bộ", "BGTVT",
     "Giao thông - Vận tải", 2},
    {"thương mại điện tử", "Thương mại", "BCT", "Thương mại", 3},
    {"điện lực", "Điện lực", "BCT", "Tài nguyên - Môi trường", 3},
    {"kinh doanh xăng dầu", "Thương mại", "BCT", "Thương mại", 2},
    {"cạnh tranh", "Cạnh tranh", "BCT", "Thương mại", 2},
    {"trồng trọt", "Trồng trọt", "BNNPTNT", "Lĩnh vực khác", 2},
    {"chăn nuôi", "Chăn nuôi", "BNNPTNT", "Lĩnh vực khác", 2},
    {"thủy sản", "Thủy sản", "BNNPTNT", "Lĩnh vực khác", 2},
    {"lao động", "Lao động", "BLĐTBXH", "Lao động - Tiền lương", 4},
    {"việc làm", "Việc làm", "BLĐTBXH", "Lao động - Tiền lương", 2},
    {"các tổ chức tín dụng", "Các tổ chức tín dụng", "NHNN", "Tiền tệ - Ngân hàng", 3},
    {"phòng, chống rửa tiền", "Phòng, chống rửa tiền", "NHNN", "Tiền tệ - Ngân hàng", 1},
    {"khoa học và công nghệ", "Khoa học và công nghệ", "BKHCN", "Công nghệ thông tin", 2},
    {"du lịch", "Du lịch", "BVHTTDL", "Văn hóa - Xã hội", 2},
    {"di sản văn hóa", "Di sản văn hóa", "BVHTTDL", "Văn hóa - Xã hội", 1},
    {"quốc phòng", "Quốc phòng", "BQP", "Bộ máy hành chính", 1},
};

// Title forms per kind; {t} the topic phrase, {l} the law's name.
constexpr std::string_view kLaw[] = {"Luật {l}"};
constexpr std::string_view kAssembly[] = {
    "Nghị quyết về thí điểm một số cơ chế, chính sách đặc thù về {t}",
    "Nghị quyết về kết quả giám sát chuyên đề việc thực hiện chính sách, pháp luật về {t}"};
constexpr std::string_view kStanding[] = {
    "Nghị quyết giải thích một số điều của Luật {l}",
    "Nghị quyết hướng dẫn áp dụng một số quy định của pháp luật về {t}"};
constexpr std::string_view kDecree[] = {
    "Nghị định quy định chi tiết một số điều và biện pháp thi hành Luật {l}",
    "Nghị định quy định xử phạt vi phạm hành chính trong lĩnh vực {t}",
    "Nghị định quy định về {t}"};
constexpr std::string_view kGovernment[] = {
    "Nghị quyết về các nhiệm vụ, giải pháp chủ yếu cải thiện môi trường và thúc đẩy {t}",
    "Nghị quyết về phương án đơn giản hóa thủ tục hành chính trong lĩnh vực {t}"};
constexpr std::string_view kDecision[] = {
    "Quyết định phê duyệt Chiến lược phát triển {t} đến năm 2030, tầm nhìn đến năm 2045",
    "Quyết định ban hành Quy chế phối hợp trong quản lý nhà nước về {t}",
    "Quyết định về cơ chế, chính sách hỗ trợ trong lĩnh vực {t}"};
constexpr std::string_view kCircular[] = {
    "Thông tư hướng dẫn thi hành một số điều của Luật {l}",
    "Thông tư quy định chế độ báo cáo thống kê về {t}",
    "Thông tư ban hành quy chuẩn kỹ thuật quốc gia về {t}",
    "Thông tư quy định mẫu biểu, hồ sơ thủ tục hành chính về {t}"};
constexpr std::string_view kJoint[] = {
    "Thông tư liên tịch hướng dẫn phối hợp thực hiện một số quy định của pháp luật về {t}"};

std::span<const std::string_view> FormsOf(DocumentKind kind) {
  switch (kind) {
    case DocumentKind::kLaw:
      return kLaw;
    case DocumentKind::kAssemblyResolution:
      return kAssembly;
    case DocumentKind::kStandingResolution:
      return kStanding;
    case DocumentKind::kDecree:
      return kDecree;
    case DocumentKind::kGovernmentResolution:
      return kGovernment;
    case DocumentKind::kDecision:
      return kDecision;
    case DocumentKind::kCircular:
      return kCircular;
    case DocumentKind::kJointCircular:
      return kJoint;
  }
  return kCircular;
}

constexpr std::string_view kScopes[] = {
    "trình tự, thủ tục và hồ sơ",
    "quyền, nghĩa vụ và trách nhiệm của tổ chức, cá nhân",
    "nguyên tắc, điều kiện và tiêu chuẩn",
    "trách nhiệm quản lý nhà nước của các bộ, ngành và địa phương",
    "chế độ báo cáo, kiểm tra và thanh tra",
};
constexpr std::string_view kSubjects[] = {
    "cơ quan nhà nước, tổ chức, cá nhân có liên quan",
    "doanh nghiệp, hợp tác xã, hộ kinh doanh và cá nhân kinh doanh",
    "Ủy ban nhân dân các cấp và cơ quan chuyên môn thuộc Ủy ban nhân dân",
    "công dân Việt Nam và người nước ngoài cư trú tại Việt Nam",
    "cơ quan, tổ chức, cá nhân trong nước và nước ngoài có hoạt động liên quan",
};

void Substitute(std::string& out, std::string_view form, const Topic& topic) {
  for (std::size_t i = 0; i < form.size(); ++i) {
    if (form[i] == '{' && i + 2 < form.size() && form[i + 2] == '}') {
      out.append(form[i + 1] == 't' ? topic.phrase : topic.law);
      i += 2;
    } else {
      out.push_back(form[i]);
    }
  }
}

}  // namespace

std::span<const Topic> Topics() { return kTopics; }

int MinistryOf(const Topic& topic, std::int32_t day) {
  static const std::int32_t kReorganisation = ToDays({2025, 3, 1});
  std::string_view code = topic.ministry;
  if (day >= kReorganisation) {
    if (code == "BTNMT" || code == "BNNPTNT") code = "BNNMT";
    else if (code == "BLĐTBXH") code = "BNV";
    else if (code == "BGTVT") code = "BXD";
    else if (code == "BTTTT") code = "BKHCN";
    else if (code == "BKHĐT") code = "BTC";
  }
  return FindIssuer(code);
}

int FormCount(DocumentKind kind) { return static_cast<int>(FormsOf(kind).size()); }
int ScopeCount() { return static_cast<int>(std::size(kScopes)); }
int SubjectCount() { return static_cast<int>(std::size(kSubjects)); }

std::string TitleText(const TitleParts& p) {
  std::string out;
  if (p.amends) {
    if (p.kind == DocumentKind::kLaw) {
      core::Append(out, "Luật sửa đổi, bổ sung một số điều của Luật ", p.topic->law);
    } else {
      core::Append(out, DocumentKindName(p.kind), " sửa đổi, bổ sung một số điều của ",
                   DocumentKindName(p.target_kind), " số ", p.target_number, " về ",
                   p.topic->phrase);
    }
    return out;
  }
  const auto forms = FormsOf(p.kind);
  Substitute(out, forms[p.form % forms.size()], *p.topic);
  return out;
}

std::string SummaryText(const TitleParts& p, std::uint8_t scope, std::uint8_t subjects,
                        bool replaces, std::string_view replaced_number) {
  std::string out;
  std::string_view kind = DocumentKindName(p.kind);
  core::Append(out, kind, " này quy định ", kScopes[scope % std::size(kScopes)], " về ",
               p.topic->phrase, ". Đối tượng áp dụng: ", kSubjects[subjects % std::size(kSubjects)],
               ".");
  if (p.amends) {
    core::Append(out, " Sửa đổi, bổ sung một số điều của ", DocumentKindName(p.target_kind),
                 " số ", p.target_number, ".");
  }
  if (replaces) core::Append(out, " Thay thế ", kind, " số ", replaced_number, ".");
  return out;
}

}  // namespace ndxp::connectors::legal
