#include <mspcore/sla/sla_ticket.hpp>

#include "core/json_util.hpp"

namespace mspcore {
inline namespace v1 {
namespace {

using json = nlohmann::json;

Instant instant_at(const json& value, const std::string& where) {
  const std::string text = json_util::require_string(value, where);
  return json_util::in_context(where, [&] { return parse_instant(text); });
}

std::optional<Instant> optional_instant(const json& doc, const char* key) {
  if (!doc.contains(key) || doc[key].is_null()) return std::nullopt;
  return instant_at(doc[key], std::string("ticket.") + key);
}

std::vector<std::pair<Instant, std::string>> history(const json& doc, const char* key) {
  std::vector<std::pair<Instant, std::string>> out;
  for (const auto& [i, item] : json_util::list(doc, key, "ticket")) {
    const std::string where = std::string("ticket.") + key + "[" + std::to_string(i) + "]";
    if (!item.is_array() || item.size() != 2) {
      throw Error(ErrorCode::INVALID_ARGUMENT, where + ": expected [at, value], got " + item.dump());
    }
    out.emplace_back(instant_at(item[0], where + "[0]"), json_util::require_string(item[1], where + "[1]"));
  }
  return out;
}

}  // namespace

SlaTicket SlaTicket::from_json(std::string_view text) {
  const json doc = json_util::parse(text, "ticket");
  if (!doc.is_object()) throw Error(ErrorCode::INVALID_ARGUMENT, "ticket: expected a JSON object");
  SlaTicket t;
  if (!doc.contains("created")) throw Error(ErrorCode::INVALID_ARGUMENT, "ticket.created is missing");
  t.created = instant_at(doc["created"], "ticket.created");
  t.first_response = optional_instant(doc, "first_response");
  t.resolved = optional_instant(doc, "resolved");
  t.planned = optional_instant(doc, "planned");
  if (doc.contains("priority") && !doc["priority"].is_null()) {
    const json& p = doc["priority"];
    t.priority = p.is_number_integer() ? std::to_string(p.get<std::int64_t>()) : json_util::require_string(p, "ticket.priority");
  }
  t.status_history = history(doc, "status_history");
  t.priority_history = history(doc, "priority_history");
  for (const auto& [i, item] : json_util::list(doc, "reopened", "ticket")) {
    t.reopened.push_back(instant_at(item, "ticket.reopened[" + std::to_string(i) + "]"));
  }
  return t;
}

}  // namespace v1
}  // namespace mspcore
