#include "capi/boundary.hpp"
#include "capi/sla_policy_handle.hpp"
#include "capi/struct_size.hpp"

#include <mspcore/sla/sla_engine.hpp>

#include <vector>

using namespace mspcore;
using capi::deref;
using capi::guarded;
using capi::text;

namespace {

// Sizes of every released layout, the current one last (0.2.0: the first of each).
constexpr std::size_t kSlaColumnsSizes[] = {sizeof(msp_sla_columns)};
constexpr std::size_t kSlaResultColumnsSizes[] = {sizeof(msp_sla_result_columns)};

std::span<const std::int64_t> optional_column(const int64_t* p, size_t n, std::vector<std::int64_t>& none) {
  if (p != nullptr) return {p, n};
  none.assign(n, kNoInstant);
  return none;
}

SlaResultColumns result_columns(const msp_sla_result_columns* given, size_t n, const char* name) {
  if (given == nullptr) return {};
  const msp_sla_result_columns c = capi::read_sized(given, kSlaResultColumnsSizes, name, "msp_sla_result_columns", name);
  if (!c.status || !c.due || !c.elapsed_seconds || !c.remaining_minutes || !c.consumed_ratio) {
    throw Error(ErrorCode::INVALID_ARGUMENT, std::string(name) + ": all five result columns are needed");
  }
  return {{c.status, n}, {c.due, n}, {c.elapsed_seconds, n}, {c.remaining_minutes, n}, {c.consumed_ratio, n},
          {}};  // the C ABI gives elapsed_seconds; minutes are its floor
}

}  // namespace

extern "C" {

msp_status msp_sla_policy_new_from_json(const char* json, msp_sla_policy** out, msp_error* err) {
  return guarded(err, [&] {
    deref(out, "out") = nullptr;
    auto handle = std::make_unique<msp_sla_policy>();
    handle->policy = SlaPolicy::from_json(text(json, "json"));
    *out = handle.release();
  });
}

void msp_sla_policy_free(msp_sla_policy* policy) { delete policy; }

msp_status msp_sla_evaluate_json(const msp_sla_policy* policy, const char* ticket_json, int64_t now, int explain,
                                 char* buf, size_t buf_size, size_t* required, msp_error* err) {
  return guarded(err, [&] {
    const SlaPolicy& p = *deref(policy, "policy").policy;
    const SlaEvaluation result = evaluate_sla(SlaTicket::from_json(text(ticket_json, "ticket_json")), p,
                                              from_unix_seconds(now), explain != 0);
    capi::write_string(sla_evaluation_to_json(result), buf, buf_size, required);
  });
}

msp_status msp_sla_evaluate_columns(const msp_sla_policy* policy, const msp_sla_columns* in, int64_t now,
                                    msp_sla_result_columns* response, msp_sla_result_columns* resolution,
                                    msp_sla_result_columns* plan, int32_t* row_status, msp_error* err) {
  return guarded(err, [&] {
    const SlaPolicy& p = *deref(policy, "policy").policy;
    const msp_sla_columns c = capi::read_sized(in, kSlaColumnsSizes, "in", "msp_sla_columns");
    const size_t n = c.n;
    std::vector<std::int64_t> no_first, no_resolved;
    std::vector<std::string> names;
    if (c.n_priority_names > 0) deref(c.priority_names, "priority_names");
    for (size_t i = 0; i < c.n_priority_names; ++i) names.emplace_back(text(c.priority_names[i], "priority_names[i]"));
    SlaColumns cols;
    if (n > 0) {
      cols.created = {&deref(c.created, "created"), n};
      cols.priority = {&deref(c.priority, "priority"), n};
    }
    cols.first_response = optional_column(c.first_response, n, no_first);
    cols.resolved = optional_column(c.resolved, n, no_resolved);
    if (c.planned != nullptr) cols.planned = {c.planned, n};
    cols.priority_names = names;
    if (c.pause_offsets != nullptr) {
      cols.pause_offsets = {c.pause_offsets, n + 1};
      const auto pauses = static_cast<size_t>(c.pause_offsets[n]);
      if (pauses > 0) {
        cols.pause_starts = {&deref(c.pause_starts, "pause_starts"), pauses};
        cols.pause_ends = {&deref(c.pause_ends, "pause_ends"), pauses};
      }
    }
    std::vector<std::int32_t> scratch;
    std::span<std::int32_t> errors;
    if (row_status != nullptr) {
      errors = {row_status, n};
    } else {
      scratch.resize(n);
      errors = scratch;
    }
    evaluate_sla_columns(cols, p, from_unix_seconds(now),
                         {result_columns(response, n, "response"), result_columns(resolution, n, "resolution"),
                          result_columns(plan, n, "plan")},
                         errors);
  });
}

}  // extern "C"
