// Private: JSON as a carrier of records (include/mspcore/records/fields.hpp), for every
// decoder that reads JSON documents.
#pragma once

#include <mspcore/records/fields.hpp>

#include <nlohmann/json.hpp>

#include <vector>

namespace mspcore {
inline namespace v1 {

class JsonFields final : public Fields {
 public:
  /// `value` bound to `names`: an object (an unknown key is an error naming `where`), or
  /// any other value, which is then only the record itself at kSelf.
  JsonFields(const nlohmann::json& value, FieldNames names, const std::string& where);
  /// Error(INVALID_ARGUMENT) naming `where` when this is not an object.
  const JsonFields& require_object(const std::string& where) const;

  FieldKind kind(std::size_t field) const override;
  std::string_view text(std::size_t field) const override;
  std::int64_t whole(std::size_t field) const override;
  double number(std::size_t field) const override;
  std::string decimal(std::size_t field) const override;
  bool flag(std::size_t field) const override;
  std::chrono::sys_days date(std::size_t field) const override;
  Instant instant(std::size_t field) const override;
  std::string describe(std::size_t field) const override;
  std::size_t size(std::size_t field) const override;
  std::unique_ptr<Fields> item(std::size_t field, std::size_t j, FieldNames names,
                               const std::string& where) const override;

 private:
  const nlohmann::json* at(std::size_t field) const { return field == kSelf ? &self_ : fields_[field]; }

  const nlohmann::json& self_;
  std::vector<const nlohmann::json*> fields_;  // by field index; nullptr when absent
};

}  // namespace v1
}  // namespace mspcore
