// Private: what the vendor importers share (docs/rmm-import.md): the byte source (a file read
// in chunks or text in memory), the emitter that fills batches and hands them to the sink, the
// JSON record streamer (one record's DOM at a time) and the CSV record reader, and the
// per-field readers that turn a bad value into an ImportIssue instead of an exception.
#pragma once

#include <mspcore/rmm/import.hpp>

#include "core/json_util.hpp"

#include <cstdint>
#include <cstdio>
#include <optional>
#include <streambuf>
#include <string>
#include <string_view>
#include <vector>

namespace mspcore::rmm_import {

using json = nlohmann::json;

/// mspcore::quoted for a non-const string, which std::quoted would otherwise win by ADL.
inline std::string quoted(std::string& value) { return mspcore::quoted(std::string_view(value)); }
using mspcore::quoted;

/// The bytes of an export: a file read 64 KiB at a time, or text in memory. offset() is the
/// absolute byte position of the next character, for error messages.
class Source : public std::streambuf {
 public:
  /// Error(IO_ERROR) naming the path when it cannot be opened.
  explicit Source(const std::string& path);
  Source(std::string_view text, std::string name);
  ~Source() override;
  Source(const Source&) = delete;
  Source& operator=(const Source&) = delete;
  const std::string& name() const noexcept { return name_; }
  std::size_t offset() const noexcept { return base_ + static_cast<std::size_t>(gptr() - eback()); }

 protected:
  int_type underflow() override;

 private:
  std::FILE* file_ = nullptr;
  std::string name_;
  std::vector<char> chunk_;
  std::size_t base_ = 0;
};

/// Collects records into batches of options.batch_rows and hands each full one to the sink.
class Emitter {
 public:
  Emitter(std::string file, RmmVendor vendor, const ImportOptions& options, ImportSink& sink);
  const std::string& file() const noexcept { return file_; }
  std::string source() const { return std::string(to_string(vendor_)); }
  void add(Device&& d);
  void add(BackupResult&& r);
  void add(PatchRecord&& p);
  void add(MonitoringEvent&& e);
  void issue(std::size_t row, std::string field, ErrorCode code, std::string message);
  /// The tenant of a vendor site/customer name, or nullopt after an issue: an empty name,
  /// or a name missing from options.tenants when that map is not empty. With an empty name
  /// options.default_tenant is used when given.
  std::optional<std::string> tenant(const std::string& site, std::size_t row, const std::string& field);
  /// Hands the last, partly filled batch to the sink.
  void finish();

 private:
  void counted();
  std::string file_;
  RmmVendor vendor_;
  const ImportOptions& options_;
  ImportSink& sink_;
  ImportBatch batch_;
  std::size_t in_batch_ = 0;
};

/// Where a JSON value sits in the document: its depth (0 = a top-level value), whether its
/// parent is an array, and the key it sits under (an array element: the array's key).
enum class Kind : std::uint8_t { Object, Array, Scalar };
struct Where {
  Kind kind = Kind::Scalar;
  std::size_t depth = 0;
  bool in_array = false;
  std::string_view key;
};

/// What the streamer does with a container or value at a place.
enum class Role : std::uint8_t {
  Pass,    ///< walk through it; nothing inside is kept unless an enclosing Maybe keeps it
  Record,  ///< a record: build its DOM and deliver it (a scalar here is delivered too, to be refused)
  Maybe,   ///< build it; deliver it if is_record() says so when it closes, else keep it in its parent
};

/// A vendor's JSON format for the streamer.
class JsonFormat {
 public:
  virtual ~JsonFormat() = default;
  virtual Role role(const Where& where) const = 0;
  virtual bool is_record(const json& /*object*/) const { return false; }
  /// Record `number` (1-based in the file) at `where`.
  virtual void record(json&& value, const Where& where, std::size_t number) = 0;
};

/// Reads every top-level JSON value of `source` (one document, JSON Lines or concatenated
/// documents), building only what the format's roles keep. Error(PARSE_ERROR) naming the
/// file, the byte offset and the top-level value number for malformed JSON; the records
/// before that point have been delivered. Returns the number of records delivered.
std::size_t stream_json(Source& source, JsonFormat& format);

/// One CSV record (RFC 4180: quoted fields with commas, quotes doubled, line breaks inside
/// quotes; CRLF or LF). `line` is the 1-based line the record starts on.
struct CsvRecord {
  std::vector<std::string> fields;
  std::size_t line = 0;
};

/// Reads CSV records one at a time; blank lines are skipped. Error(PARSE_ERROR) naming the
/// file and line for an unterminated quote or text after a closing quote.
class CsvReader {
 public:
  explicit CsvReader(Source& source) : source_(source) {}
  bool next(CsvRecord& out);

 private:
  Source& source_;
  std::size_t line_ = 1;
};

// ---- field readers: a bad value is an issue, never an exception ---------------------------

/// The reader of one record: its row number and the emitter to report on.
struct RowContext {
  Emitter& out;
  std::size_t row;
  void issue(const std::string& field, ErrorCode code, const std::string& message) const {
    out.issue(row, field, code, message);
  }
};

/// `value` as text for a message: strings quoted, others as JSON.
std::string shown(const json& value);

/// The member `key` of an object, or nullptr when absent or null.
const json* member(const json& object, std::string_view key);

/// A string member ("" when absent or null); another type is an issue and "".
std::string text_field(const RowContext& row, const json& object, std::string_view key, const std::string& field);
/// A boolean member (nullopt when absent or null); another type is an issue.
std::optional<bool> bool_field(const RowContext& row, const json& object, std::string_view key,
                               const std::string& field);
/// An integer (a JSON integer or a string of digits) or nullopt after an issue / when absent.
std::optional<std::int64_t> int_value(const RowContext& row, const json* value, const std::string& field);
/// An ISO-8601 instant with offset, or nullopt after an issue / when absent.
std::optional<Instant> iso_instant(const RowContext& row, const json* value, const std::string& field);
std::optional<Instant> iso_instant_text(const RowContext& row, std::string_view text, const std::string& field);

/// The unit a vendor documents for an epoch number.
enum class EpochUnit : std::uint8_t { Seconds, Milliseconds };
/// An epoch number in `unit`, or nullopt after an issue / when absent. 0 is returned as 0
/// (callers decide what "never" means). A number in the range of the other unit (seconds
/// below 10^11, i.e. before 1973 in milliseconds; milliseconds from 10^11 on, i.e. after
/// 5138 in seconds) or negative is OUT_OF_RANGE naming the field and the value.
std::optional<std::int64_t> epoch_value(const RowContext& row, const json* value, const std::string& field,
                                        EpochUnit unit);
/// epoch_value() as an instant; 0 is nullopt without an issue ("never").
std::optional<Instant> epoch_instant(const RowContext& row, const json* value, const std::string& field,
                                     EpochUnit unit);

/// ASCII lower case, for case-insensitive vendor names.
std::string lower(std::string_view text);

}  // namespace mspcore::rmm_import
