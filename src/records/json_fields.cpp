#include "records/json_fields.hpp"

#include <mspcore/core/error.hpp>
#include <mspcore/records/field_reader.hpp>

#include <limits>

namespace mspcore {
inline namespace v1 {

using nlohmann::json;

JsonFields::JsonFields(const json& value, FieldNames names, const std::string& where)
    : self_(value), fields_(names.size(), nullptr) {
  if (!value.is_object()) return;
  for (const auto& item : value.items()) {
    std::size_t f = 0;
    while (f < names.size() && names[f] != item.key()) ++f;
    if (f == names.size()) throw unknown_field(where, item.key(), names);
    fields_[f] = &item.value();
  }
}

const JsonFields& JsonFields::require_object(const std::string& where) const {
  if (!self_.is_object()) throw not_a_record(where, self_.dump());
  return *this;
}

FieldKind JsonFields::kind(std::size_t field) const {
  const json* v = at(field);
  if (v == nullptr || v->is_null()) return FieldKind::Missing;
  switch (v->type()) {
    case json::value_t::string:
      return FieldKind::Text;
    case json::value_t::boolean:
      return FieldKind::Flag;
    case json::value_t::number_integer:
      return FieldKind::Whole;
    case json::value_t::number_unsigned:
      return v->get<std::uint64_t>() <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())
                 ? FieldKind::Whole
                 : FieldKind::Float;
    case json::value_t::number_float:
      return FieldKind::Float;
    case json::value_t::array:
      return FieldKind::List;
    case json::value_t::object:
      return FieldKind::Object;
    default:
      return FieldKind::Other;
  }
}

std::string_view JsonFields::text(std::size_t field) const { return at(field)->get_ref<const std::string&>(); }
std::int64_t JsonFields::whole(std::size_t field) const { return at(field)->get<std::int64_t>(); }
double JsonFields::number(std::size_t field) const { return at(field)->get<double>(); }
// JSON has no decimal objects, no booleans that are not Flag, no date or time objects.
std::string JsonFields::decimal(std::size_t field) const { return at(field)->dump(); }
bool JsonFields::flag(std::size_t field) const { return at(field)->get<bool>(); }
std::chrono::sys_days JsonFields::date(std::size_t) const { return {}; }
Instant JsonFields::instant(std::size_t) const { return {}; }

std::string JsonFields::describe(std::size_t field) const {
  const json* v = at(field);
  return v == nullptr || v->is_null() ? std::string("nothing") : v->dump();
}

std::size_t JsonFields::size(std::size_t field) const { return at(field)->size(); }

std::unique_ptr<Fields> JsonFields::item(std::size_t field, std::size_t j, FieldNames names,
                                         const std::string& where) const {
  return std::make_unique<JsonFields>((*at(field))[j], names, where);
}

}  // namespace v1
}  // namespace mspcore
