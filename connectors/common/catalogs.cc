#include "connectors/common/catalogs.h"

#include <algorithm>
#include <iterator>
#include <vector>

#include "connectors/common/document_number.h"

namespace ndxp::connectors {
namespace {

// Days since 1970-01-01 of a civil date, at compile time (the same arithmetic as ToDays).
constexpr std::int32_t Day(int y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

constexpr std::int32_t kMinistriesReorganised = Day(2025, 3, 1);  // Nghị quyết 176/2025/QH15

// Danh mục các dân tộc Việt Nam (Quyết định 121-TCTK/PPCĐ, 1979), in its order; spellings as the
// statistics office writes them, other names in the note.
constexpr CatalogEntry kEthnicGroups[] = {
    {"01", "Kinh", "Việt"},
    {"02", "Tày", ""},
    {"03", "Thái", ""},
    {"04", "Hoa", "Hán"},
    {"05", "Khơ-me", "Khmer"},
    {"06", "Mường", ""},
    {"07", "Nùng", ""},
    {"08", "Mông", "H'Mông, Mèo"},
    {"09", "Dao", ""},
    {"10", "Gia-rai", "Gia Rai, Jrai"},
    {"11", "Ngái", ""},
    {"12", "Ê-đê", "Ê Đê, Rhade"},
    {"13", "Ba-na", "Ba Na, Bahnar"},
    {"14", "Xơ-đăng", "Xơ Đăng, Sedang"},
    {"15", "Sán Chay", "Cao Lan - Sán Chỉ"},
    {"16", "Cơ-ho", "Cơ Ho, Koho"},
    {"17", "Chăm", "Chàm"},
    {"18", "Sán Dìu", ""},
    {"19", "Hrê", ""},
    {"20", "Mnông", "M'Nông"},
    {"21", "Ra-glai", "Raglay"},
    {"22", "Xtiêng", "Stiêng"},
    {"23", "Bru-Vân Kiều", ""},
    {"24", "Thổ", ""},
    {"25", "Giáy", ""},
    {"26", "Cơ-tu", "Katu"},
    {"27", "Gié-Triêng", ""},
    {"28", "Mạ", ""},
    {"29", "Khơ-mú", "Khmu"},
    {"30", "Co", ""},
    {"31", "Tà-ôi", "Ta Oi"},
    {"32", "Chơ-ro", ""},
    {"33", "Kháng", ""},
    {"34", "Xinh-mun", ""},
    {"35", "Hà Nhì", ""},
    {"36", "Chu-ru", ""},
    {"37", "Lào", ""},
    {"38", "La Chí", ""},
    {"39", "La Ha", ""},
    {"40", "Phù Lá", ""},
    {"41", "La Hủ", ""},
    {"42", "Lự", ""},
    {"43", "Lô Lô", ""},
    {"44", "Chứt", ""},
    {"45", "Mảng", ""},
    {"46", "Pà Thẻn", ""},
    {"47", "Cờ Lao", ""},
    {"48", "Cống", ""},
    {"49", "Bố Y", ""},
    {"50", "Si La", ""},
    {"51", "Pu Péo", ""},
    {"52", "Brâu", ""},
    {"53", "Ơ-đu", ""},
    {"54", "Rơ-măm", ""},
};
static_assert(std::size(kEthnicGroups) == kEthnicGroupCount);

// The religions the state has recognised (16), and "none"; codes are this project's.
constexpr CatalogEntry kReligions[] = {
    {"00", "Không", "no religion"},
    {"01", "Phật giáo", ""},
    {"02", "Công giáo", ""},
    {"03", "Tin lành", ""},
    {"04", "Cao Đài", ""},
    {"05", "Phật giáo Hòa Hảo", ""},
    {"06", "Hồi giáo", ""},
    {"07", "Bà-la-môn", "Chăm Bà-la-môn"},
    {"08", "Tôn giáo Baha'i", ""},
    {"09", "Tịnh độ Cư sĩ Phật hội Việt Nam", ""},
    {"10", "Cơ đốc Phục lâm", ""},
    {"11", "Phật giáo Tứ Ân Hiếu Nghĩa", ""},
    {"12", "Minh Sư đạo", ""},
    {"13", "Minh Lý đạo - Tam Tông Miếu", ""},
    {"14", "Bửu Sơn Kỳ Hương", ""},
    {"15", "Giáo hội Các Thánh hữu Ngày sau của Chúa Giê-su Ky-tô", ""},
    {"16", "Giáo hội Phật đường Nam tông Minh Sư đạo", ""},
};
static_assert(std::size(kReligions) == kReligionCount);

// Nationalities most often recorded (ISO 3166-1 alpha-2 codes), not the whole ISO list.
constexpr CatalogEntry kNationalities[] = {
    {"AU", "Ô-xtrây-li-a", "Australia"},
    {"CA", "Ca-na-đa", "Canada"},
    {"CN", "Trung Quốc", "China"},
    {"DE", "Đức", "Germany"},
    {"FR", "Pháp", "France"},
    {"GB", "Vương quốc Anh", "United Kingdom"},
    {"ID", "In-đô-nê-xi-a", "Indonesia"},
    {"IN", "Ấn Độ", "India"},
    {"IT", "I-ta-li-a", "Italy"},
    {"JP", "Nhật Bản", "Japan"},
    {"KH", "Cam-pu-chia", "Cambodia"},
    {"KR", "Hàn Quốc", "Republic of Korea"},
    {"LA", "Lào", "Lao PDR"},
    {"MM", "Mi-an-ma", "Myanmar"},
    {"MY", "Ma-lai-xi-a", "Malaysia"},
    {"NL", "Hà Lan", "Netherlands"},
    {"PH", "Phi-líp-pin", "Philippines"},
    {"RU", "Liên bang Nga", "Russian Federation"},
    {"SG", "Xin-ga-po", "Singapore"},
    {"TH", "Thái Lan", "Thailand"},
    {"TW", "Đài Loan (Trung Quốc)", "Taiwan"},
    {"US", "Hoa Kỳ", "United States"},
    {"VN", "Việt Nam", "Viet Nam"},
    {"XX", "Không quốc tịch", "stateless"},
};

// Documents that prove identity; the 9-digit CMND ceased to be valid at the end of 2024 and the
// căn cước card replaced the citizen identity card from 1 July 2024 (Luật Căn cước 2023).
constexpr CatalogEntry kIdentityDocuments[] = {
    {"CC", "Thẻ căn cước", "from 1 July 2024", Day(2024, 7, 1)},
    {"CCCD", "Thẻ căn cước công dân", "issued until 30 June 2024, valid until its expiry",
     Day(2016, 1, 1)},
    {"CMND", "Giấy chứng minh nhân dân", "9 or 12 digits; valid until 31 December 2024",
     kAlwaysValidFrom, Day(2024, 12, 31)},
    {"DDDT", "Tài khoản định danh điện tử (VNeID)", "level 2 electronic identity", Day(2022, 7, 1)},
    {"GKS", "Giấy khai sinh", "for children"},
    {"HC", "Hộ chiếu", "passport"},
};

// Types of administrative documents that have no number of their own in document_number.h
// (domain-formats.md §8b); the legal normative types (Luật, Nghị định, Nghị quyết, Quyết định,
// Thông tư, Thông tư liên tịch) are added from there, so each name is written once.
constexpr CatalogEntry kOtherDocumentTypes[] = {
    {"BC", "Báo cáo", "report"},
    {"CT", "Chỉ thị", "directive"},
    {"CV", "Công văn", "official letter; no symbol of its own"},
    {"HP", "Hiến pháp", "constitution"},
    {"KH", "Kế hoạch", "plan"},
    {"LT", "Lệnh", "order of the President"},
    {"PL", "Pháp lệnh", "ordinance of the National Assembly Standing Committee"},
    {"TB", "Thông báo", "notice"},
    {"TTr", "Tờ trình", "submission"},
};

struct NumberedType {
  std::string_view code;
  DocumentKind kind;
  std::string_view note;
};
constexpr NumberedType kNumberedTypes[] = {
    {"L", DocumentKind::kLaw, "law, numbered NN/YYYY/QHnn"},
    {"NQ", DocumentKind::kGovernmentResolution, "resolution"},
    {"NĐ", DocumentKind::kDecree, "Government decree"},
    {"QĐ", DocumentKind::kDecision, "decision"},
    {"TT", DocumentKind::kCircular, "circular"},
    {"TTLT", DocumentKind::kJointCircular, "joint circular"},
};

// What became of the issuers the reorganisation of 1 March 2025 changed (codes, not names).
struct IssuerNote {
  std::string_view code, note;
};
constexpr IssuerNote kIssuerNotes[] = {
    {"BGTVT", "merged into BXD on 1 March 2025"},
    {"BKHĐT", "merged into BTC on 1 March 2025"},
    {"BLĐTBXH", "merged into BNV on 1 March 2025"},
    {"BNNMT", "formed from BNNPTNT and BTNMT on 1 March 2025"},
    {"BNNPTNT", "merged with BTNMT into BNNMT on 1 March 2025"},
    {"BTNMT", "merged with BNNPTNT into BNNMT on 1 March 2025"},
    {"BTTTT", "merged into BKHCN on 1 March 2025"},
};

std::vector<CatalogEntry> SortedByCode(std::vector<CatalogEntry> entries) {
  std::sort(entries.begin(), entries.end(),
            [](const CatalogEntry& a, const CatalogEntry& b) { return a.code < b.code; });
  return entries;
}

// The issuers of legal normative documents, from document_number.h (the legal connector's
// parser): years there, days here for the changes of 1 March 2025.
const std::vector<CatalogEntry>& Agencies() {
  static const auto* const kEntries = [] {
    std::vector<CatalogEntry> entries;
    for (const Issuer& issuer : Issuers()) {
      CatalogEntry entry{issuer.code, issuer.name, ""};
      for (const IssuerNote& n : kIssuerNotes) {
        if (n.code == issuer.code) entry.note = n.note;
      }
      if (issuer.first_year == 2025) entry.valid_from = kMinistriesReorganised;
      if (issuer.last_year == 2025) entry.valid_to = kMinistriesReorganised - 1;
      if (issuer.last_year < 2025) entry.valid_to = Day(issuer.last_year, 12, 31);
      entries.push_back(entry);
    }
    return new std::vector<CatalogEntry>(SortedByCode(std::move(entries)));
  }();
  return *kEntries;
}

const std::vector<CatalogEntry>& LegalDocumentTypes() {
  static const auto* const kEntries = [] {
    std::vector<CatalogEntry> entries(std::begin(kOtherDocumentTypes),
                                      std::end(kOtherDocumentTypes));
    for (const NumberedType& t : kNumberedTypes) {
      entries.push_back({t.code, DocumentKindName(t.kind), t.note});
    }
    return new std::vector<CatalogEntry>(SortedByCode(std::move(entries)));
  }();
  return *kEntries;
}

const std::vector<CatalogList>& Lists() {
  static const auto* const kLists = new std::vector<CatalogList>{
      {"agencies", "Danh mục cơ quan ban hành văn bản quy phạm pháp luật",
       "the bodies that issue legal normative documents (National Assembly, Government, Prime "
       "Minister, ministries), by the symbol in document numbers",
       "the issuers of connectors/common/document_number (the legal connector's); the changes of "
       "1 March 2025 by Nghị quyết 176/2025/QH15",
       Agencies()},
      {"ethnic-groups", "Danh mục các dân tộc Việt Nam", "the 54 ethnic groups of Vietnam",
       "Quyết định 121-TCTK/PPCĐ (1979), codes 01-54 in its order", kEthnicGroups},
      {"identity-document-types", "Danh mục loại giấy tờ tùy thân",
       "documents that prove a person's identity",
       "Luật Căn cước 2023 (26/2023/QH15); codes are this project's", kIdentityDocuments},
      {"legal-document-types", "Danh mục loại văn bản",
       "types of legal and administrative documents, by the abbreviation in their numbers",
       "Nghị định 30/2020/NĐ-CP and the law on legal normative documents", LegalDocumentTypes()},
      {"nationalities", "Danh mục quốc tịch",
       "nationalities most often recorded, by ISO 3166-1 alpha-2 code (not the whole list)",
       "ISO 3166-1; Vietnamese names as the Ministry of Foreign Affairs writes them",
       kNationalities},
      {"religions", "Danh mục tôn giáo", "religions recognised in Vietnam, and none (00)",
       "Ban Tôn giáo Chính phủ (16 recognised religions); codes are this project's", kReligions},
  };
  return *kLists;
}

}  // namespace

std::span<const CatalogList> CatalogLists() { return Lists(); }

const CatalogList* FindCatalogList(std::string_view id) {
  for (const CatalogList& list : Lists()) {
    if (list.id == id) return &list;
  }
  return nullptr;
}

const CatalogEntry* FindCatalogEntry(const CatalogList& list, std::string_view code) {
  for (const CatalogEntry& entry : list.entries) {
    if (entry.code == code) return &entry;
  }
  return nullptr;
}

std::string_view EthnicGroupName(int code) {
  return code >= 1 && code <= kEthnicGroupCount ? kEthnicGroups[code - 1].name : "";
}

std::string_view ReligionName(int code) {
  return code >= 0 && code < kReligionCount ? kReligions[code].name : "";
}

std::string_view NationalityName(std::string_view alpha2) {
  for (const CatalogEntry& entry : kNationalities) {
    if (entry.code == alpha2) return entry.name;
  }
  return "";
}

}  // namespace ndxp::connectors
