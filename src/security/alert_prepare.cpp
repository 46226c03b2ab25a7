// The work on a record that needs no state: normalising, prioritising and fingerprinting. It
// runs on several threads at once, so it only reads what it is given.
#include "security/alert_prepare.hpp"

#include "core/parallel.hpp"
#include "security/alert_keys.hpp"

#include <utility>

namespace mspcore {
inline namespace v1 {
namespace detail::pipeline {

Prepared prepare(const AlertRecord& item, const PriorityConfig& config) {
  NormalizedAlert a = normalize_alert(item.source, item.payload);
  Prepared p;
  p.tenant = a.tenant.account_id ? *a.tenant.account_id : a.tenant.account_name ? *a.tenant.account_name : "";
  if (p.tenant.empty()) {
    throw Error(ErrorCode::INVALID_ARGUMENT, std::string(to_string(a.source)) + " alert " +
                                                 quoted(std::string_view(a.source_id)) +
                                                 ": no tenant (account id or account name)");
  }
  try {
    const PriorityResult r = prioritize_alert(a, PriorityContext{}, config);
    p.priority = r.priority;
    p.explanation = r.explanation();
  } catch (...) {
    p.priority_failure = std::current_exception();
  }
  p.source = a.source;
  p.alert_id = alert_id(a.source, a.source_id);
  p.source_id = std::move(a.source_id);
  p.asset = a.asset.id ? std::move(*a.asset.id) : a.asset.name ? std::move(*a.asset.name) : "";
  p.incident_key = incident_key(p.tenant, p.asset, a.threat);
  p.title = a.title.empty() ? a.threat : std::move(a.title);
  p.threat = std::move(a.threat);
  p.first_seen = a.first_seen;
  p.last_seen = a.last_seen;
  return p;
}

std::vector<std::int64_t> fingerprints_of(std::span<const AlertRecord> items, bool parallel) {
  const std::size_t parts = parallel ? parts_for(items.size(), kParallelRecords / 2) : 1;
  std::vector<std::int64_t> out(items.size());
  run_parts(parts, [&](std::size_t k) {
    for (std::size_t i = items.size() * k / parts; i < items.size() * (k + 1) / parts; ++i) {
      out[i] = fingerprint(items[i].source, items[i].payload);
    }
  });
  return out;
}

}  // namespace detail::pipeline
}  // namespace v1
}  // namespace mspcore
