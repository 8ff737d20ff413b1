#include "connectors/common/embedded_data.h"

// The assembler copies each file into .rodata between two symbols. NDXP_CONNECTORS_DATA_DIR is
// an absolute path set by CMake, which also makes this file depend on the data files.
#if !defined(NDXP_CONNECTORS_DATA_DIR) || !defined(NDXP_CONNECTORS_DATA_HASH)
#error "NDXP_CONNECTORS_DATA_DIR and NDXP_CONNECTORS_DATA_HASH must be defined by the build"
#endif

// clang-format off
#define NDXP_INCBIN(symbol, file)                                  \
  asm(".pushsection .rodata\n"                                     \
      ".global " #symbol "_begin\n"                                \
      ".hidden " #symbol "_begin\n"                                \
      #symbol "_begin:\n"                                          \
      ".incbin \"" NDXP_CONNECTORS_DATA_DIR "/" file "\"\n"        \
      ".global " #symbol "_end\n"                                  \
      ".hidden " #symbol "_end\n"                                  \
      #symbol "_end:\n"                                            \
      ".popsection\n");                                            \
  extern "C" const char symbol##_begin[];                          \
  extern "C" const char symbol##_end[]
// clang-format on

NDXP_INCBIN(ndxp_data_provinces, "provinces.tsv");
NDXP_INCBIN(ndxp_data_old_provinces, "old_provinces.tsv");
NDXP_INCBIN(ndxp_data_communes, "communes.tsv");
NDXP_INCBIN(ndxp_data_old_communes, "old_communes.tsv");

namespace ndxp::connectors::embedded {
namespace {
std::string_view View(const char* begin, const char* end) {
  return std::string_view(begin, static_cast<std::size_t>(end - begin));
}
}  // namespace

std::string_view DataHash() { return NDXP_CONNECTORS_DATA_HASH; }

std::string_view ProvincesTsv() { return View(ndxp_data_provinces_begin, ndxp_data_provinces_end); }
std::string_view OldProvincesTsv() {
  return View(ndxp_data_old_provinces_begin, ndxp_data_old_provinces_end);
}
std::string_view CommunesTsv() { return View(ndxp_data_communes_begin, ndxp_data_communes_end); }
std::string_view OldCommunesTsv() {
  return View(ndxp_data_old_communes_begin, ndxp_data_old_communes_end);
}

}  // namespace ndxp::connectors::embedded
