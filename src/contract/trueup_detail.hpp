// Private: helpers shared by the true-up sources.
#pragma once

#include <mspcore/contract/trueup.hpp>
#include <mspcore/contract/trueup_columns.hpp>

#include "contract/date_math.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace mspcore {
inline namespace v1 {

using namespace date_math;

/// "contracts[3] (tenant 'T' contract 'C-1' line 'L-2')": how errors name a line.
std::string describe_line(const ContractLine& line, std::size_t index);

/// Trimmed, ASCII lower case: the form SKU names and identities are compared in.
std::string normalize_key(std::string_view text);

}  // namespace v1
}  // namespace mspcore

namespace mspcore {
inline namespace v1 {

/// A half-open range of dates [start, end).
struct DateRange {
  sys_days start;
  sys_days end;
};

/// Whether the line bills on `day`: its term has begun and, unless it is an NCE term (which
/// renews itself), has not ended.
bool is_active(const ContractLine& line, sys_days day);

/// The term of a committed line (NCE, fixed) that contains `day`: terms repeat with the
/// length of [term_start, term_end), so an NCE renewal is the next such term.
DateRange term_containing(const ContractLine& line, sys_days day);

/// The billing period containing `day`, anchored at term_start.
DateRange billing_period_containing(const ContractLine& line, sys_days day);

/// Whether increases are co-termed to the term end (NCE and fixed) rather than the period end.
bool is_committed(const ContractLine& line);

/// unit price x quantity x the exact share of [from, to) summed over the billing periods
/// it touches, rounded once with `mode`.
Money value_between(const ContractLine& line, std::int64_t quantity, sys_days from, sys_days to, RoundingMode mode);

/// unit price x quantity x 12 / months per period (or per month with `per_year` false),
/// rounded once with `mode`.
Money recurring_value(const ContractLine& line, std::int64_t quantity, bool per_year, RoundingMode mode);

/// The proposal (or held change) that brings line `line_index` from `contracted` towards
/// `assigned`, appended to `out` for group `group`. Tolerance has been applied by the caller.
void propose_change(const ContractLine& line, std::uint32_t line_index, std::uint32_t group, std::int64_t contracted,
                    std::int64_t assigned, Instant as_of, const TrueUpRules& rules, ReconcileTables& out);

}  // namespace v1
}  // namespace mspcore
