#pragma once
// Reference tables compiled into the binary (connectors/common/data/*.tsv, embedded by
// embedded_data.cc), so that no data file is needed at run time.

#include <string_view>

namespace ndxp::connectors::embedded {

// UTF-8 TSV, one record a line; see connectors/common/data/README.md for the columns.
std::string_view ProvincesTsv();
std::string_view OldProvincesTsv();
std::string_view CommunesTsv();
std::string_view OldCommunesTsv();

// Short SHA-256 prefixes of the tables, as embedded (identifies the data version).
std::string_view DataHash();

}  // namespace ndxp::connectors::embedded
