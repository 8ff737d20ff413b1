#include "connectors/business/tax_prefixes.h"

#include <utility>

namespace ndxp::connectors::business {
namespace {

// {GSO province code (before 2025), enterprise-code prefix}.
constexpr std::pair<int, int> kPrefixes[] = {
    {1, 1},   {79, 3},  {31, 2},  {48, 4},  {36, 6},  {35, 7},  {30, 8},  {33, 9},  {34, 10},
    {80, 11}, {82, 12}, {83, 13}, {87, 14}, {86, 15}, {89, 16}, {91, 17}, {92, 18}, {95, 19},
    {96, 20}, {84, 21}, {94, 22}, {27, 23}, {24, 24}, {26, 25}, {25, 26}, {37, 27}, {38, 28},
    {40, 29}, {42, 30}, {44, 31}, {45, 32}, {46, 33}, {60, 34}, {77, 35}, {75, 36}, {74, 37},
    {70, 38}, {72, 39}, {49, 40}, {52, 41}, {56, 42}, {51, 43}, {54, 44}, {58, 45}, {19, 46},
    {6, 47},  {4, 48},  {20, 49}, {8, 50},  {2, 51},  {15, 52}, {10, 53}, {17, 54}, {14, 55},
    {11, 56}, {22, 57}, {68, 58}, {64, 59}, {66, 60}, {62, 61}, {12, 62}, {93, 63}, {67, 64},
};

}  // namespace

int TaxPrefixOf(int old_province_code) {
  for (const auto& [province, prefix] : kPrefixes) {
    if (province == old_province_code) return prefix;
  }
  return -1;
}

}  // namespace ndxp::connectors::business
