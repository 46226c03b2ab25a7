// Field access shared by the alert normalisers: vendor payloads are full of nulls and of
// ids that are sometimes strings and sometimes numbers, so every reader here treats null as
// absent and names the field in its errors.
#include "security/alert_detail.hpp"

#include <mspcore/security/cvss.hpp>

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <optional>

namespace mspcore {
inline namespace v1 {
namespace detail::alert {

using json_util::in_context;

bool match_word(std::string_view table_word, std::string_view raw) noexcept {
  if (table_word.size() != raw.size()) return false;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    char c = static_cast<char>(std::tolower(static_cast<unsigned char>(raw[i])));
    if (c == ' ' || c == '-') c = '_';
    if (c != table_word[i]) return false;
  }
  return true;
}

const json* find(const json& object, std::initializer_list<std::string_view> path) {
  const json* at = &object;
  for (std::string_view key : path) {
    if (!at->is_object()) return nullptr;
    const auto it = at->find(key);
    if (it == at->end() || it->is_null()) return nullptr;
    at = &*it;
  }
  return at;
}

const json* first_of(std::initializer_list<const json*> candidates) {
  for (const json* c : candidates) {
    if (c != nullptr) return c;
  }
  return nullptr;
}

std::optional<std::string> text(const json* value, const std::string& where) {
  if (value == nullptr) return std::nullopt;
  if (value->is_string()) return value->get<std::string>();
  if (value->is_number_integer()) return value->dump();
  throw Error(ErrorCode::INVALID_ARGUMENT, where + ": expected a string, got " + value->dump());
}

std::string require_id(const json* value, const std::string& where) {
  const bool ok = value != nullptr && (value->is_number_integer() || (value->is_string() && !value->get_ref<const std::string&>().empty()));
  if (!ok) {
    throw Error(ErrorCode::INVALID_ARGUMENT, where + ": expected a non-empty string or integer id, got " +
                                                 (value == nullptr ? std::string("nothing") : value->dump()));
  }
  return *text(value, where);
}

std::optional<Instant> instant(const json* value, const std::string& where) {
  if (value == nullptr) return std::nullopt;
  const std::string s = json_util::require_string(*value, where);
  return in_context(where, [&] { return parse_instant(s); });
}

std::optional<std::string> hash_key(const json* value, std::string_view kind, const std::string& where) {
  std::optional<std::string> hex = text(value, where);
  if (!hex || hex->empty() || match_word("n/a", *hex)) return std::nullopt;
  std::transform(hex->begin(), hex->end(), hex->begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return std::string(kind) + ":" + *hex;
}

std::string threat_key(std::initializer_list<std::optional<std::string>> hashes, const std::optional<std::string>& name,
                       const std::string& source_id) {
  for (const auto& h : hashes) {
    if (h) return *h;
  }
  if (name && !name->empty()) return "name:" + *name;
  return "id:" + source_id;
}

void set_seen(NormalizedAlert& alert, const std::optional<Instant>& first, const std::optional<Instant>& last,
              const std::string& first_fields) {
  if (!first) throw Error(ErrorCode::INVALID_TIME, first_fields + ": the first-seen time is missing");
  alert.first_seen = *first;
  alert.last_seen = last.value_or(*first);
  if (alert.last_seen < alert.first_seen) {
    throw Error(ErrorCode::INVALID_TIMELINE, "last seen " + format_instant(alert.last_seen) +
                                                 " lies before first seen " + format_instant(alert.first_seen));
  }
}

std::string record_name(AlertSource source, const std::string& id) {
  static constexpr std::string_view kKinds[] = {"SentinelOne threat", "SentinelOne UAM alert", "RocketCyber incident",
                                                "Barracuda XDR alarm"};
  const std::string kind(kKinds[static_cast<int>(source)]);
  return id.empty() ? kind : kind + " " + quoted(id);
}

void set_vulnerability(NormalizedAlert& alert, const json* cves, const json* cvss_vector) {
  if (cves != nullptr) {
    if (!cves->is_array()) throw Error(ErrorCode::INVALID_ARGUMENT, "cves: expected a list, got " + cves->dump());
    for (std::size_t i = 0; i < cves->size(); ++i) {
      const std::string where = "cves[" + std::to_string(i) + "]";
      std::string id = json_util::require_string((*cves)[i], where);
      std::transform(id.begin(), id.end(), id.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
      // CVE-YYYY-NNNN with four or more digits in the sequence number (the CVE id syntax since 2014).
      const bool ok = id.size() >= 13 && id.compare(0, 4, "CVE-") == 0 && id[8] == '-' &&
                      std::all_of(id.begin() + 4, id.begin() + 8, [](unsigned char c) { return std::isdigit(c); }) &&
                      std::all_of(id.begin() + 9, id.end(), [](unsigned char c) { return std::isdigit(c); });
      if (!ok) throw Error(ErrorCode::INVALID_ARGUMENT, where + ": " + quoted(std::string_view(id)) + " is not a CVE id (CVE-YYYY-NNNN)");
      alert.cves.push_back(std::move(id));
    }
  }
  if (cvss_vector != nullptr) {
    const std::string vector = json_util::require_string(*cvss_vector, "cvss_vector");
    alert.cvss_score_tenths = in_context("cvss_vector", [&] { return cvss_score(vector).score_tenths; });
    alert.cvss_vector = vector;
  }
}

}  // namespace detail::alert
}  // namespace v1
}  // namespace mspcore
