#pragma once
// The two-digit range prefix of enterprise codes by the pre-2025 province whose tax department
// issued the code. 01 Hà Nội and 03 TP Hồ Chí Minh are confirmed by real codes; the others are
// UNCONFIRMED (from memory of real codes, no official table found): see
// docs/decisions/0103-enterprise-code-prefixes.md. A code keeps its prefix when the enterprise
// moves or its province merges.

namespace ndxp::connectors::business {

// The prefix (1..64) for a pre-2025 GSO province code, or -1 for an unknown code.
int TaxPrefixOf(int old_province_code);

}  // namespace ndxp::connectors::business
