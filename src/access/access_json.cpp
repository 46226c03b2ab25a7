// The JSON forms of the access model: the model document, a decision, an authorize request.
#include <mspcore/access/access_records.hpp>

#include <mspcore/records/field_reader.hpp>

#include "core/json_util.hpp"
#include "records/json_fields.hpp"

namespace mspcore {
inline namespace v1 {

using nlohmann::json;

namespace {
constexpr std::array<std::string_view, 3> kAuthorizeRequestFields = {"principal", "action", "resource"};
}  // namespace

std::shared_ptr<const AccessModel> access_model_from_json(std::string_view text) {
  const json doc = json_util::parse(text, "model");
  return AccessModel::compile(read_access_model(JsonFields(doc, kAccessModelFields, "model")));
}

std::string access_decision_json(const AccessDecision& d) {
  json out{{"allowed", d.allowed}, {"reason", std::string(to_string(d.reason))}, {"chain", d.chain}};
  out["role"] = d.role.empty() ? json(nullptr) : json(d.role);
  out["grant_index"] = d.grant_index ? json(*d.grant_index) : json(nullptr);
  out["grant_id"] = d.grant_id.empty() ? json(nullptr) : json(d.grant_id);
  return out.dump();
}

std::string access_authorize_json(const AccessModel& model, std::string_view request) {
  const json doc = json_util::parse(request, "request");
  const JsonFields fields(doc, kAuthorizeRequestFields, "request");
  fields.require_object("request");
  const FieldReader r(fields, kAuthorizeRequestFields, "request");
  const std::string principal = r.required_text(0);
  const AccessAction action = r.name(1, parse_access_action);
  if (!r.has(2)) throw Error(ErrorCode::INVALID_ARGUMENT, "request: resource is missing");
  const AccessResource resource = read_access_resource(JsonFields(doc["resource"], kAccessResourceFields, "resource"));
  return access_decision_json(model.authorize(principal, action, resource));
}

}  // namespace v1
}  // namespace mspcore
