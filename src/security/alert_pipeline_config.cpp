// AlertPipelineConfig: its JSON form and its checks, and the names of the pipeline's enums.
#include "security/alert_pipeline_config.hpp"

#include "core/json_util.hpp"
#include "security/alert_tickets.hpp"

#include <map>
#include <string>

namespace mspcore {
inline namespace v1 {

namespace detail::pipeline {

void check_config(const AlertPipelineConfig& c) {
  if (c.correlation_window.count() < 0) throw Error(ErrorCode::INVALID_ARGUMENT, "correlation_window must not be negative");
  if (c.reopen_within.count() < 0) throw Error(ErrorCode::INVALID_ARGUMENT, "reopen_within must not be negative");
  for (const auto& [p, q] : c.queue_by_priority) {
    if (p < 1 || p > 5) {
      throw Error(ErrorCode::INVALID_ARGUMENT, "queue_by_priority: priority " + std::to_string(p) + " is not 1-5");
    }
  }
  // Compiling a template checks it.
  TicketTemplate(c.title_template, "title_template");
  TicketTemplate(c.body_template, "body_template");
}

}  // namespace detail::pipeline

namespace {

using json_util::json;

ReopenPolicy parse_reopen_policy(const std::string& s) {
  if (s == "reopen") return ReopenPolicy::Reopen;
  if (s == "new_incident") return ReopenPolicy::NewIncident;
  throw Error(ErrorCode::INVALID_ARGUMENT, "reopen_policy: unknown value " + quoted(s) + " (known: reopen, new_incident)");
}

std::int64_t number(const json& v, const std::string& where) {
  if (!v.is_number_integer()) {
    throw Error(ErrorCode::INVALID_ARGUMENT, where + ": expected an integer, got " + v.dump());
  }
  return v.get<std::int64_t>();
}

std::map<std::string, std::string> string_map(const json& v, const std::string& where) {
  if (!v.is_object()) throw Error(ErrorCode::INVALID_ARGUMENT, where + ": expected an object");
  std::map<std::string, std::string> out;
  for (const auto& item : v.items()) out[item.key()] = json_util::require_string(item.value(), where + "." + item.key());
  return out;
}

}  // namespace

std::string_view to_string(ReopenPolicy policy) noexcept {
  return policy == ReopenPolicy::Reopen ? "reopen" : "new_incident";
}

std::string_view to_string(TicketAction action) noexcept {
  switch (action) {
    case TicketAction::Create: return "create";
    case TicketAction::Update: return "update";
    case TicketAction::Reopen: return "reopen";
  }
  return "create";
}

AlertPipelineConfig AlertPipelineConfig::from_json(std::string_view text) {
  const json doc = json_util::parse(text, "alert pipeline config");
  if (!doc.is_object()) throw Error(ErrorCode::INVALID_ARGUMENT, "alert pipeline config: expected an object");
  json_util::reject_unknown_keys(doc, "alert pipeline config",
                                 {"correlation_window_hours", "reopen_policy", "reopen_within_days", "priority",
                                  "default_queue", "queue_by_tenant", "queue_by_priority", "title_template",
                                  "body_template"});
  AlertPipelineConfig c;
  if (doc.contains("correlation_window_hours")) {
    c.correlation_window = std::chrono::hours{number(doc["correlation_window_hours"], "correlation_window_hours")};
  }
  if (doc.contains("reopen_policy")) {
    c.reopen_policy = parse_reopen_policy(json_util::require_string(doc["reopen_policy"], "reopen_policy"));
  }
  if (doc.contains("reopen_within_days")) {
    c.reopen_within = std::chrono::hours{24 * number(doc["reopen_within_days"], "reopen_within_days")};
  }
  if (doc.contains("priority")) {
    c.priority = json_util::in_context("priority", [&] { return PriorityConfig::from_json(doc["priority"].dump()); });
  }
  if (doc.contains("default_queue")) c.default_queue = json_util::require_string(doc["default_queue"], "default_queue");
  if (doc.contains("queue_by_tenant")) c.queue_by_tenant = string_map(doc["queue_by_tenant"], "queue_by_tenant");
  if (doc.contains("queue_by_priority")) {
    for (const auto& [k, q] : string_map(doc["queue_by_priority"], "queue_by_priority")) {
      if (k.size() != 1 || k[0] < '1' || k[0] > '5') {
        throw Error(ErrorCode::INVALID_ARGUMENT, "queue_by_priority: key " + quoted(k) + " is not a priority 1-5");
      }
      c.queue_by_priority[k[0] - '0'] = q;
    }
  }
  if (doc.contains("title_template")) c.title_template = json_util::require_string(doc["title_template"], "title_template");
  if (doc.contains("body_template")) c.body_template = json_util::require_string(doc["body_template"], "body_template");
  detail::pipeline::check_config(c);
  return c;
}

std::string AlertPipelineConfig::to_json() const {
  json doc = json::object();
  doc["correlation_window_hours"] = std::chrono::duration_cast<std::chrono::hours>(correlation_window).count();
  doc["reopen_policy"] = std::string(to_string(reopen_policy));
  doc["reopen_within_days"] = std::chrono::duration_cast<std::chrono::hours>(reopen_within).count() / 24;
  doc["priority"] = json::parse(priority.to_json());
  doc["default_queue"] = default_queue;
  doc["queue_by_tenant"] = queue_by_tenant;
  json by_priority = json::object();
  for (const auto& [p, q] : queue_by_priority) by_priority[std::to_string(p)] = q;
  doc["queue_by_priority"] = by_priority;
  doc["title_template"] = title_template;
  doc["body_template"] = body_template;
  return doc.dump();
}

}  // namespace v1
}  // namespace mspcore
