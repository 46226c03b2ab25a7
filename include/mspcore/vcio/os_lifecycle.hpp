/// @file os_lifecycle.hpp
/// @brief The OS end-of-life table: the shipped rows (data/os_lifecycle.json, embedded at build
/// time) and the user's rows, which win over shipped rows with the same key.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <set>
#include <utility>
#include <string>
#include <string_view>
#include <vector>

namespace mspcore {
inline namespace v1 {

/// One row: the support dates of one OS version (and edition, where the dates differ by it).
struct OsLifecycleRow {
  std::string os;       ///< product name, e.g. "Windows 11", "Windows Server", "Ubuntu"
  std::string version;  ///< e.g. "23H2", "2012 R2", "22.04"
  std::string edition;  ///< e.g. "Pro", "Enterprise"; "" when the dates do not depend on it
  std::optional<std::chrono::sys_days> mainstream_end;  ///< end of mainstream / full support, informative
  /// The last day of free security fixes: the date the status is decided on. None: the vendor
  /// publishes no date (macOS versions whose n+3 successor is not out), so the status is unknown.
  std::optional<std::chrono::sys_days> support_end;
  std::string extension;                                ///< what may follow ("ESU (paid)", "ESM (Ubuntu Pro)"), or ""
  std::optional<std::chrono::sys_days> extension_end;   ///< when that ends
  bool estimate = false;  ///< the vendor publishes no date: support_end is mspcore's documented estimate
  std::string source;     ///< the vendor's lifecycle page the dates come from
  std::string note;
  std::string table;      ///< the version of the table the row came from (shipped or the user's)

  /// "Windows 11 23H2 Pro", "Ubuntu 22.04".
  std::string label() const;
};

/// The shipped rows plus the user's, looked up by OS, version and edition.
class OsLifecycleTable {
 public:
  /// The table shipped with the library (data/os_lifecycle.json as it was at build time).
  static const OsLifecycleTable& shipped();
  /// The shipped table's version, e.g. "mspcore-os-1".
  static std::string_view shipped_version();

  /// A table from its JSON document {"version": "...", "aliases": {...}, "rows": [...]} (the
  /// format of data/os_lifecycle.json). Errors name `what` and the row: what.rows[3].support_end.
  static OsLifecycleTable from_json(std::string_view text, const std::string& what);

  /// This table with `overrides` laid over it: a row with the same (os, version, edition) key
  /// replaces this table's row, a new key is added; aliases are merged the same way.
  OsLifecycleTable with(const OsLifecycleTable& overrides) const;

  const std::string& version() const noexcept { return version_; }
  const std::vector<OsLifecycleRow>& rows() const noexcept { return rows_; }
  const std::map<std::string, std::string>& aliases() const noexcept { return aliases_; }

  /// The product name an asset's OS text stands for: case, spaces and aliases normalised
  /// ("microsoft windows 11" -> "windows 11"); the key rows are matched on.
  std::string canonical_os(std::string_view os) const;
  /// The rows of (os, version) for a canonical OS and an exact version, every edition.
  std::vector<const OsLifecycleRow*> rows_of(const std::string& canonical_os, std::string_view version) const;
  /// Whether any row is about this canonical OS.
  bool knows(const std::string& canonical_os) const;

  /// How names, versions and editions are compared: lower case, runs of spaces, '_' and '-'
  /// as one space, trimmed ("Windows_11" and "windows 11" are the same product).
  static std::string normalised(std::string_view text);

  /// The table as its JSON document.
  std::string to_json() const;

 private:
  void reindex();

  std::string version_;
  std::vector<OsLifecycleRow> rows_;
  std::map<std::string, std::string> aliases_;  // normalised alias -> normalised product
  // Lookups by normalised (os, version) and os, so an asset costs a few map probes.
  std::map<std::pair<std::string, std::string>, std::vector<std::size_t>> by_version_;
  std::set<std::string> products_;
};

}  // namespace v1
}  // namespace mspcore
