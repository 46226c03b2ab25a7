// The JSON forms of the RACI functions: the request documents (through the records layer's
// decoders) and the result documents (docs/comanaged-raci.md).
#include <mspcore/comanaged/raci.hpp>
#include <mspcore/records/field_reader.hpp>

#include "core/json_util.hpp"
#include "records/json_fields.hpp"

#include <array>

namespace mspcore {
inline namespace v1 {

namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 3> kRequestFields = {"tickets", "matrix", "routing"};

json text_or_null(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

RaciMatrix matrix_of(const json& doc) { return read_raci_matrix(JsonFields(doc, kRaciMatrixFields, "matrix"), "matrix"); }
RaciRouting routing_of(const json& doc) {
  return read_raci_routing(JsonFields(doc, kRaciRoutingFields, "routing"), "routing");
}

struct Request {
  std::vector<RaciTicket> tickets;
  RaciMatrix matrix;
  std::optional<RaciRouting> routing;
};

Request request_of(std::string_view text, bool routing_required) {
  const json doc = json_util::parse(text, "request");
  const JsonFields fields(doc, kRequestFields, "request");
  fields.require_object("request");
  const FieldReader r(fields, kRequestFields, "request");
  Request q;
  if (!doc.contains("matrix") || doc["matrix"].is_null()) throw Error(ErrorCode::INVALID_ARGUMENT, "request: matrix is missing");
  q.matrix = matrix_of(doc["matrix"]);
  if (doc.contains("routing") && !doc["routing"].is_null()) {
    q.routing = routing_of(doc["routing"]);
  } else if (routing_required) {
    throw Error(ErrorCode::INVALID_ARGUMENT, "request: routing is missing");
  }
  if (r.has(0)) {
    const json& list = doc["tickets"];
    if (!list.is_array()) throw Error(ErrorCode::INVALID_ARGUMENT, "request.tickets: expected a list, got " + list.dump());
    q.tickets.reserve(list.size());
    for (std::size_t i = 0; i < list.size(); ++i) {
      const std::string where = record_where("tickets", i);
      q.tickets.push_back(read_raci_ticket(JsonFields(list[i], kRaciTicketFields, where).require_object(where), i));
    }
  }
  return q;
}

}  // namespace

RaciMatrix raci_matrix_from_json(std::string_view text) { return matrix_of(json_util::parse(text, "matrix")); }
RaciRouting raci_routing_from_json(std::string_view text) { return routing_of(json_util::parse(text, "routing")); }

std::string raci_problems_json(const std::vector<RaciProblem>& problems) {
  json rows = json::array();
  for (const RaciProblem& p : problems) {
    rows.push_back({{"problem", to_string(p.kind)},
                    {"tenant", text_or_null(p.tenant)},
                    {"lane", text_or_null(p.lane)},
                    {"party", text_or_null(p.party)},
                    {"cell", p.cell ? json(*p.cell) : json(nullptr)},
                    {"message", p.message}});
  }
  return json{{"valid", problems.empty()}, {"problems", rows}}.dump();
}

std::string raci_routes_json(const std::vector<RaciRoute>& routes, const std::vector<RaciTicket>& tickets) {
  json rows = json::array();
  for (std::size_t i = 0; i < routes.size(); ++i) {
    const RaciRoute& r = routes[i];
    const RaciTicket& t = tickets.at(i);
    rows.push_back({{"tenant", t.tenant},
                    {"id", t.id},
                    {"category", text_or_null(t.category)},
                    {"lane", text_or_null(r.lane.lane)},
                    {"lane_source", to_string(r.lane.source)},
                    {"rule", r.lane.rule ? json(*r.lane.rule) : json(nullptr)},
                    {"party", text_or_null(r.party)},
                    {"queue", text_or_null(r.queue)},
                    {"status", to_string(r.status)}});
  }
  return json{{"routes", rows}}.dump();
}

std::string raci_violations_result_json(const std::vector<RaciViolation>& violations,
                                        const std::vector<RaciTicket>& tickets) {
  json rows = json::array();
  for (const RaciViolation& v : violations) {
    const RaciTicket& t = tickets.at(v.ticket);
    rows.push_back({{"ticket", v.ticket},
                    {"tenant", t.tenant},
                    {"id", t.id},
                    {"owner", t.owner},
                    {"lane", text_or_null(v.lane)},
                    {"violation", to_string(v.kind)},
                    {"owner_raci", text_or_null(v.owner_raci)},
                    {"responsible", text_or_null(v.responsible)},
                    {"accountable", text_or_null(v.accountable)},
                    {"message", v.message}});
  }
  return json{{"violations", rows}}.dump();
}

std::string raci_validate_json(std::string_view matrix) { return raci_problems_json(raci_validate(raci_matrix_from_json(matrix))); }

std::string raci_route_json(std::string_view request) {
  const Request q = request_of(request, true);
  return raci_routes_json(raci_route(q.tickets, q.matrix, *q.routing), q.tickets);
}

std::string raci_violations_json(std::string_view request) {
  const Request q = request_of(request, false);
  return raci_violations_result_json(raci_violations(q.tickets, q.matrix, q.routing ? &*q.routing : nullptr), q.tickets);
}

}  // namespace v1
}  // namespace mspcore
