// Private to the RMM store: the file's schema and the SQL built from each table's fields.
#pragma once

#include "store/rmm_tables.hpp"
#include "store/sqlite_db.hpp"

#include <string>

namespace mspcore {
inline namespace v1 {
namespace detail::rmm_store {

/// The store file's schema: its migrations, in order.
const store::Schema& rmm_schema() noexcept;

/// `"a", "b", ...`: the table's columns in field order (quoted: `at`, `copy` and friends are
/// names of ours, not SQL).
template <class R>
std::string columns() {
  std::string out;
  for (std::string_view f : Table<R>::fields) out += (out.empty() ? "\"" : ", \"") + std::string(f) + "\"";
  return out;
}

/// `"source" = ?3 AND "id" = ?4`: the key, against the parameters numbered by field.
template <class R>
std::string key_match() {
  std::string out;
  for (std::size_t k : Table<R>::key) {
    out += (out.empty() ? "\"" : " AND \"") + std::string(Table<R>::fields[k]) + "\" = ?" + std::to_string(k + 1);
  }
  return out;
}

/// The stored row's tenant and whether it equals the bound record (`IS`: NULL equals NULL).
template <class R>
std::string probe_sql() {
  std::string same;
  for (std::size_t i = 0; i < Table<R>::fields.size(); ++i) {
    same += (i == 0 ? "(\"" : " AND \"") + std::string(Table<R>::fields[i]) + "\" IS ?" + std::to_string(i + 1);
  }
  return "SELECT \"tenant\", " + same + ") FROM " + Table<R>::name + " WHERE " + key_match<R>();
}

/// Parameter N + 1 is the run that writes the row.
template <class R>
std::string insert_sql() {
  const std::size_t n = Table<R>::fields.size();
  std::string values;
  for (std::size_t i = 1; i <= n + 1; ++i) values += (i == 1 ? "?" : ", ?") + std::to_string(i);
  return std::string("INSERT INTO ") + Table<R>::name + " (" + columns<R>() + ", run_id) VALUES (" + values + ")";
}

template <class R>
std::string update_sql() {
  const std::size_t n = Table<R>::fields.size();
  std::string set;
  for (std::size_t i = 0; i < n; ++i) {
    set += "\"" + std::string(Table<R>::fields[i]) + "\" = ?" + std::to_string(i + 1) + ", ";
  }
  return std::string("UPDATE ") + Table<R>::name + " SET " + set + "run_id = ?" + std::to_string(n + 1) + " WHERE " +
         key_match<R>();
}

/// "SELECT <columns> FROM <table> ": for a WHERE clause to follow.
template <class R>
std::string select_sql() {
  return "SELECT " + columns<R>() + " FROM " + Table<R>::name + " ";
}

}  // namespace detail::rmm_store
}  // namespace v1
}  // namespace mspcore
