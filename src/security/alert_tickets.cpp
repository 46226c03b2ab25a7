// Ticket requests: what the PSA is asked to do for an incident, and in which queue.
#include "security/alert_tickets.hpp"

#include <mspcore/core/error.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <string_view>
#include <utility>

namespace mspcore {
inline namespace v1 {
namespace detail::pipeline {

namespace {

constexpr std::array<std::string_view, 9> kPlaceholders{"tenant", "asset",       "threat",   "title", "priority",
                                                        "priority_label", "alert_count", "incident", "action"};

const std::string& queue_for(const AlertPipelineConfig& config, const std::string& tenant, int priority) {
  if (auto t = config.queue_by_tenant.find(tenant); t != config.queue_by_tenant.end()) return t->second;
  if (auto p = config.queue_by_priority.find(priority); p != config.queue_by_priority.end()) return p->second;
  return config.default_queue;
}

}  // namespace

TicketTemplate::TicketTemplate(const std::string& text, const char* what) {
  std::size_t i = 0;
  for (;;) {
    const std::size_t open = text.find('{', i);
    if (open == std::string::npos) break;
    const std::size_t close = text.find('}', open);
    if (close == std::string::npos) throw Error(ErrorCode::INVALID_ARGUMENT, std::string(what) + ": '{' without '}'");
    const std::string_view name(text.data() + open + 1, close - open - 1);
    const auto at = std::find(kPlaceholders.begin(), kPlaceholders.end(), name);
    if (at == kPlaceholders.end()) {
      std::string list;
      for (std::string_view k : kPlaceholders) list += (list.empty() ? "" : ", ") + std::string(k);
      throw Error(ErrorCode::INVALID_ARGUMENT,
                  std::string(what) + ": unknown placeholder " + quoted(name) + " (known: " + list + ")");
    }
    parts_.push_back({text.substr(i, open - i), static_cast<int>(at - kPlaceholders.begin())});
    i = close + 1;
  }
  parts_.push_back({text.substr(std::min(i, text.size())), -1});
}

std::string TicketTemplate::render(const Work& w, TicketAction action) const {
  std::string out;
  for (const Part& p : parts_) {
    out += p.text;
    switch (p.placeholder) {
      case -1: break;
      case 0: out += w.inc.tenant; break;
      case 1: out += w.inc.asset.empty() ? std::string_view("(no asset)") : std::string_view(w.inc.asset); break;
      case 2: out += w.inc.threat; break;
      case 3: out += w.title; break;
      case 4: out += std::to_string(w.inc.priority); break;
      case 5: out += itil_priority_label(w.inc.priority); break;
      case 6: out += std::to_string(w.inc.alert_count); break;
      case 7: out += std::to_string(w.inc.id); break;
      default: out += to_string(action); break;
    }
  }
  return out;
}

TicketRequest make_request(Work& w, TicketAction action, const AlertPipelineConfig& config,
                           const TicketTemplate& title, const TicketTemplate& body) {
  TicketRequest r;
  r.title = title.render(w, action);
  r.body = body.render(w, action);
  r.action = action;
  r.incident_id = w.inc.id;
  r.priority = w.inc.priority;
  const auto idx = static_cast<std::size_t>(w.inc.priority - 1);
  r.connectwise = config.priority.connectwise[idx];
  r.autotask = config.priority.autotask[idx];
  r.queue = queue_for(config, w.inc.tenant, w.inc.priority);
  r.tenant = w.inc.tenant;
  r.asset = w.inc.asset;
  r.threat = w.inc.threat;
  r.priority_explanation = w.explanation;
  r.dedup_key = w.inc.dedup_key;
  r.alert_count = w.inc.alert_count;
  r.alert_ids = std::move(w.alert_ids);
  return r;
}

}  // namespace detail::pipeline
}  // namespace v1
}  // namespace mspcore
