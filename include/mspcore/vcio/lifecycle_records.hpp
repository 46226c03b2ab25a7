/// @file lifecycle_records.hpp
/// @brief The one decoder of lifecycle records (assets, licences) and the lifecycle policy,
/// whatever carries them: the C ABI's JSON, Python dicts and DataFrames, a host's rows.
#pragma once

#include <mspcore/records/fields.hpp>
#include <mspcore/vcio/lifecycle.hpp>

#include <array>
#include <cstddef>
#include <memory>
#include <string>
#include <vector>
#include <string_view>

namespace mspcore {
inline namespace v1 {

/// The fields of an asset, numbered as in kAssetFields.
enum class AssetField : std::size_t {
  id, tenant, type, make, model, serial, purchase_date, warranty_end, os, os_version, os_edition,
  replacement_value, currency, criticality
};
inline constexpr std::array<std::string_view, 14> kAssetFields = {
    "id",           "tenant", "type",       "make",       "model",             "serial",   "purchase_date",
    "warranty_end", "os",     "os_version", "os_edition", "replacement_value", "currency", "criticality"};

/// The fields of a licence, numbered as in kLicenceFields.
enum class LicenceField : std::size_t { tenant, sku, seats, term_end, renewal_price, currency, auto_renew };
inline constexpr std::array<std::string_view, 7> kLicenceFields = {"tenant",        "sku",      "seats",     "term_end",
                                                                   "renewal_price", "currency", "auto_renew"};

/// The fields of a service record, numbered as in kServiceFields.
enum class ServiceField : std::size_t { tenant, asset_id, date, kind, minutes, hours, reactive };
inline constexpr std::array<std::string_view, 7> kServiceFields = {"tenant",  "asset_id", "date",    "kind",
                                                                   "minutes", "hours",    "reactive"};

/// Asset `index` ("assets[index]" in errors, which carry the row). Required: id, tenant, type
/// (an AssetType name). Optional: make, model, serial, purchase_date, warranty_end (not before
/// the purchase date), os, os_version, os_edition, replacement_value (a decimal >= 0, with
/// currency), criticality (default unknown).
Asset read_asset(const Fields& fields, std::size_t index);

/// Licence `index` ("licences[index]"). Required: tenant, sku, seats (a whole number >= 0).
/// Optional: term_end, renewal_price (a decimal >= 0, with currency), auto_renew (default false).
Licence read_licence(const Fields& fields, std::size_t index);

/// Service record `index` ("service[index]"). Required: tenant, asset_id, date. Optional: kind
/// (ticket, the default, or time_entry), minutes (a whole number) or hours (an exact decimal of
/// whole minutes), not both, 0 .. 527040 (a leap year of minutes); reactive (default true).
ServiceRecord read_service_record(const Fields& fields, std::size_t index);

/// The policy from its JSON object: {"windows": {"server": 120, "licence": 60, "default": 90},
/// "typical_life_years": {"network": 7, "other": 4}, "tracks_os": {"network": true}}; "null" or
/// "" gives the defaults. A key that is not an asset type is Error(INVALID_ARGUMENT) listing them.
LifecyclePolicy lifecycle_policy_from_json(std::string_view text);

/// The JSON request of msp_lifecycle_evaluate_json: {"as_of": "YYYY-MM-DD", "assets": [...],
/// "licences": [...], "service": [...], "policy": {...}, "os_table": {"version": ..., "rows":
/// [...]}} (all but as_of optional; os_table's rows are laid over the shipped table) evaluated,
/// as the result document: {"as_of", "os_table_version", "assets": [...], "licences": [...]}.
std::string lifecycle_evaluate_json(std::string_view request);

/// A request of msp_lifecycle_evaluate_json decoded and evaluated: its records and the result
/// (whose OS rows point into `table` or the shipped table, so keep this together).
struct LifecycleEvaluation {
  std::vector<Asset> assets;
  std::vector<Licence> licences;
  std::vector<ServiceRecord> service;
  std::unique_ptr<OsLifecycleTable> table;  ///< the user's rows over the shipped ones; null: shipped
  LifecycleResult result;
};
/// `what` names the request in errors about its syntax ("request", "lifecycle").
LifecycleEvaluation evaluate_lifecycle_request(std::string_view request, const std::string& what = "request");

/// A result as the JSON document of msp_lifecycle_evaluate_json; `assets` and `licences` are
/// the inputs it was evaluated from (their ids and values are repeated in the records).
std::string lifecycle_result_json(const LifecycleResult& result, const std::vector<Asset>& assets,
                                  const std::vector<Licence>& licences);

}  // namespace v1
}  // namespace mspcore
