// The shared parts of the vendor importers: byte source, emitter, JSON streamer, CSV reader,
// field readers (import_common.hpp).
#include "rmm/import_common.hpp"

#include <cctype>
#include <cerrno>
#include <cstring>
#include <istream>
#include <utility>

namespace mspcore::rmm_import {

// ---- Source ---------------------------------------------------------------------------------

Source::Source(const std::string& path) : name_(path), chunk_(64 * 1024) {
  file_ = std::fopen(path.c_str(), "rb");
  if (file_ == nullptr) {
    throw Error(ErrorCode::IO_ERROR, quoted(path) + ": cannot be opened (" + std::strerror(errno) + ")");
  }
  setg(chunk_.data(), chunk_.data(), chunk_.data());
}

Source::Source(std::string_view text, std::string name) : name_(std::move(name)) {
  // The streambuf API takes char*; nothing ever writes through it (no putback area is used).
  char* begin = const_cast<char*>(text.data());
  setg(begin, begin, begin + text.size());
}

Source::~Source() {
  if (file_ != nullptr) std::fclose(file_);
}

Source::int_type Source::underflow() {
  if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
  if (file_ == nullptr) return traits_type::eof();
  base_ += static_cast<std::size_t>(egptr() - eback());
  const std::size_t n = std::fread(chunk_.data(), 1, chunk_.size(), file_);
  if (n == 0) {
    if (std::ferror(file_) != 0) {
      throw Error(ErrorCode::IO_ERROR, quoted(name_) + ": read failed at byte " + std::to_string(base_) + " (" +
                                           std::strerror(errno) + ")");
    }
    setg(chunk_.data(), chunk_.data(), chunk_.data());
    return traits_type::eof();
  }
  setg(chunk_.data(), chunk_.data(), chunk_.data() + n);
  return traits_type::to_int_type(*gptr());
}

// ---- Emitter --------------------------------------------------------------------------------

Emitter::Emitter(std::string file, RmmVendor vendor, const ImportOptions& options, ImportSink& sink)
    : file_(std::move(file)), vendor_(vendor), options_(options), sink_(sink) {
  if (options.batch_rows == 0) throw Error(ErrorCode::INVALID_ARGUMENT, "ImportOptions.batch_rows must be >= 1");
}

void Emitter::counted() {
  if (++in_batch_ < options_.batch_rows) return;
  ImportBatch full = std::move(batch_);
  batch_ = ImportBatch{};
  in_batch_ = 0;
  sink_.consume(std::move(full));
}

void Emitter::add(Device&& d) {
  batch_.devices.push_back(std::move(d));
  counted();
}
void Emitter::add(BackupResult&& r) {
  batch_.backup_results.push_back(std::move(r));
  counted();
}
void Emitter::add(PatchRecord&& p) {
  batch_.patches.push_back(std::move(p));
  counted();
}
void Emitter::add(MonitoringEvent&& e) {
  batch_.events.push_back(std::move(e));
  counted();
}
void Emitter::issue(std::size_t row, std::string field, ErrorCode code, std::string message) {
  batch_.issues.push_back(ImportIssue{file_, row, std::move(field), code, std::move(message)});
  counted();
}

std::optional<std::string> Emitter::tenant(const std::string& site, std::size_t row, const std::string& field) {
  if (site.empty()) {
    if (!options_.default_tenant.empty()) return options_.default_tenant;
    issue(row, field, ErrorCode::INVALID_ARGUMENT,
          "no site or customer name, and no default tenant given: the record belongs to no tenant");
    return std::nullopt;
  }
  if (options_.tenants.empty()) return site;
  if (auto it = options_.tenants.find(site); it != options_.tenants.end()) return it->second;
  issue(row, field, ErrorCode::NOT_FOUND, "site " + quoted(site) + " is not in the tenant map");
  return std::nullopt;
}

void Emitter::finish() {
  if (batch_.empty()) return;
  ImportBatch last = std::move(batch_);
  batch_ = ImportBatch{};
  in_batch_ = 0;
  sink_.consume(std::move(last));
}

// ---- JSON streamer --------------------------------------------------------------------------

namespace {

// A SAX handler that keeps a stack of open containers. Outside Record/Maybe subtrees nothing
// is built, so memory is one record plus the small metadata an enclosing Maybe keeps.
class Streamer : public nlohmann::json_sax<json> {
 public:
  explicit Streamer(JsonFormat& format) : format_(format) {}

  std::size_t records() const noexcept { return records_; }
  std::size_t error_position() const noexcept { return error_position_; }
  const std::string& error_text() const noexcept { return error_text_; }

  bool null() override { return scalar(json(nullptr)); }
  bool boolean(bool v) override { return scalar(json(v)); }
  bool number_integer(number_integer_t v) override { return scalar(json(v)); }
  bool number_unsigned(number_unsigned_t v) override { return scalar(json(v)); }
  bool number_float(number_float_t v, const string_t&) override { return scalar(json(v)); }
  bool string(string_t& v) override { return scalar(json(std::move(v))); }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return open(json::object()); }
  bool start_array(std::size_t) override { return open(json::array()); }
  bool end_object() override { return close(); }
  bool end_array() override { return close(); }
  bool key(string_t& k) override {
    frames_.back().pending_key = std::move(k);
    return true;
  }
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& e) override {
    error_position_ = position;
    error_text_ = e.what();
    return false;
  }

 private:
  struct Frame {
    json value;
    Role role = Role::Pass;
    bool building = false;  // this container's value is being kept
    std::string key;        // the key this container sits under (an element: its array's key)
    bool in_array = false;
    std::string pending_key;  // objects: the key of the member being read
  };

  Where where_next() const {
    if (frames_.empty()) return Where{Kind::Scalar, 0, false, {}};
    const Frame& parent = frames_.back();
    const bool array = parent.value.is_array();
    return Where{Kind::Scalar, frames_.size(), array,
                 array ? std::string_view(parent.key) : std::string_view(parent.pending_key)};
  }

  bool parent_building() const { return !frames_.empty() && frames_.back().building; }
  bool inside_record() const {
    for (const Frame& f : frames_) {
      if (f.role == Role::Record) return true;
    }
    return false;
  }

  void attach(json&& value) {
    Frame& parent = frames_.back();
    if (parent.value.is_array()) {
      parent.value.push_back(std::move(value));
    } else {
      parent.value[parent.pending_key] = std::move(value);
    }
  }

  bool scalar(json&& value) {
    if (inside_record()) {
      attach(std::move(value));
      return true;
    }
    const Where where = where_next();
    if (format_.role(where) == Role::Record) {
      format_.record(std::move(value), where, ++records_);
    } else if (parent_building()) {
      attach(std::move(value));
    }
    return true;
  }

  bool open(json&& empty) {
    Frame f;
    Where where = where_next();
    where.kind = empty.is_array() ? Kind::Array : Kind::Object;
    f.key = std::string(where.key);
    f.in_array = where.in_array;
    if (inside_record()) {
      f.building = true;
    } else {
      f.role = format_.role(where);
      f.building = f.role != Role::Pass || parent_building();
    }
    if (f.building) f.value = std::move(empty);
    else f.value = empty.is_array() ? json::array() : json::object();  // the kind is all a Pass frame needs
    frames_.push_back(std::move(f));
    return true;
  }

  bool close() {
    Frame f = std::move(frames_.back());
    frames_.pop_back();
    const Where where{f.value.is_array() ? Kind::Array : Kind::Object, frames_.size(), f.in_array, f.key};
    const bool deliver = f.role == Role::Record || (f.role == Role::Maybe && format_.is_record(f.value));
    if (deliver && !inside_record()) {
      format_.record(std::move(f.value), where, ++records_);
    } else if (f.building && parent_building()) {
      attach(std::move(f.value));
    }
    return true;
  }

  JsonFormat& format_;
  std::vector<Frame> frames_;
  std::size_t records_ = 0;
  std::size_t error_position_ = 0;
  std::string error_text_;
};

// nlohmann's messages start with its own tag, which names the library, not the input.
std::string without_tag(std::string text) {
  if (text.rfind("[json.exception.", 0) == 0) {
    if (const auto end = text.find("] "); end != std::string::npos) text.erase(0, end + 2);
  }
  return text;
}

}  // namespace

std::size_t stream_json(Source& source, JsonFormat& format) {
  std::istream in(&source);
  std::size_t total = 0;
  for (std::size_t value = 1;; ++value) {
    while (true) {
      const auto c = source.sgetc();
      if (c == std::char_traits<char>::eof()) return total;
      if (!std::isspace(static_cast<unsigned char>(std::char_traits<char>::to_char_type(c)))) break;
      source.sbumpc();
    }
    const std::size_t start = source.offset();
    Streamer streamer(format);
    // strict = false: stop after one top-level value, so JSON Lines and concatenated
    // documents are read value by value.
    const bool ok = json::sax_parse(in, &streamer, json::input_format_t::json, false);
    total += streamer.records();
    if (!ok) {
      const std::size_t at = start + (streamer.error_position() > 0 ? streamer.error_position() - 1 : 0);
      throw Error(ErrorCode::PARSE_ERROR, quoted(source.name()) + ": malformed JSON in top-level value " +
                                              std::to_string(value) + " at byte " + std::to_string(at) + " (" +
                                              without_tag(streamer.error_text()) + ")");
    }
    in.clear();
  }
}

// ---- CSV ------------------------------------------------------------------------------------

bool CsvReader::next(CsvRecord& out) {
  using traits = std::char_traits<char>;
  out.fields.clear();
  // Skip blank lines.
  while (true) {
    const auto c = source_.sgetc();
    if (c == traits::eof()) return false;
    if (c == '\r') {
      source_.sbumpc();
      continue;
    }
    if (c == '\n') {
      source_.sbumpc();
      ++line_;
      continue;
    }
    break;
  }
  out.line = line_;
  std::string field;
  bool quoted_field = false;
  bool after_quote = false;  // a quoted field has closed; only a separator may follow
  bool at_start = true;      // nothing of the current field read yet
  while (true) {
    const auto ci = source_.sbumpc();
    if (ci == traits::eof()) {
      if (quoted_field) {
        throw Error(ErrorCode::PARSE_ERROR, quoted(source_.name()) + ": line " + std::to_string(out.line) +
                                                ": a quoted field is not closed before the end of the file");
      }
      out.fields.push_back(std::move(field));
      return true;
    }
    const char c = traits::to_char_type(ci);
    if (quoted_field) {
      if (c == '"') {
        if (source_.sgetc() == '"') {
          source_.sbumpc();
          field += '"';
        } else {
          quoted_field = false;
          after_quote = true;
        }
      } else {
        if (c == '\n') ++line_;
        field += c;
      }
      continue;
    }
    if (c == ',') {
      out.fields.push_back(std::move(field));
      field.clear();
      after_quote = false;
      at_start = true;
      continue;
    }
    if (c == '\r' && source_.sgetc() == '\n') continue;  // CRLF: the LF ends the record
    if (c == '\n') {
      ++line_;
      out.fields.push_back(std::move(field));
      return true;
    }
    if (after_quote) {
      throw Error(ErrorCode::PARSE_ERROR, quoted(source_.name()) + ": line " + std::to_string(line_) +
                                              ": text after the closing quote of field " +
                                              std::to_string(out.fields.size() + 1));
    }
    if (c == '"' && at_start) {
      quoted_field = true;
      at_start = false;
      continue;
    }
    at_start = false;
    field += c;
  }
}

// ---- field readers --------------------------------------------------------------------------

std::string shown(const json& value) {
  if (value.is_string()) return quoted(value.get<std::string>());
  return quoted(value.dump());
}

const json* member(const json& object, std::string_view key) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return nullptr;
  return &*it;
}

std::string text_field(const RowContext& row, const json& object, std::string_view key, const std::string& field) {
  const json* v = member(object, key);
  if (v == nullptr) return "";
  if (v->is_string()) return v->get<std::string>();
  if (v->is_number_integer()) return v->dump();  // ids delivered as numbers
  row.issue(field, ErrorCode::INVALID_TYPE, field + ": expected a string, got " + shown(*v));
  return "";
}

std::optional<bool> bool_field(const RowContext& row, const json& object, std::string_view key,
                               const std::string& field) {
  const json* v = member(object, key);
  if (v == nullptr) return std::nullopt;
  if (v->is_boolean()) return v->get<bool>();
  row.issue(field, ErrorCode::INVALID_TYPE, field + ": expected true or false, got " + shown(*v));
  return std::nullopt;
}

std::optional<std::int64_t> int_value(const RowContext& row, const json* v, const std::string& field) {
  if (v == nullptr) return std::nullopt;
  if (v->is_number_integer()) {
    if (v->is_number_unsigned() && v->get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX)) {
      row.issue(field, ErrorCode::OUT_OF_RANGE, field + ": " + v->dump() + " does not fit a 64-bit integer");
      return std::nullopt;
    }
    return v->get<std::int64_t>();
  }
  if (v->is_string()) {
    const std::string& s = v->get_ref<const std::string&>();
    std::size_t i = (!s.empty() && s[0] == '-') ? 1 : 0;
    bool digits = s.size() > i && s.size() - i <= 18;
    for (std::size_t k = i; digits && k < s.size(); ++k) digits = std::isdigit(static_cast<unsigned char>(s[k])) != 0;
    if (digits) return std::stoll(s);
  }
  row.issue(field, ErrorCode::INVALID_ARGUMENT, field + ": expected an integer, got " + shown(*v));
  return std::nullopt;
}

std::optional<Instant> iso_instant_text(const RowContext& row, std::string_view text, const std::string& field) {
  try {
    return parse_instant(text);
  } catch (const Error& e) {
    row.issue(field, e.code(), field + ": " + e.what());
    return std::nullopt;
  }
}

std::optional<Instant> iso_instant(const RowContext& row, const json* v, const std::string& field) {
  if (v == nullptr) return std::nullopt;
  if (!v->is_string()) {
    row.issue(field, ErrorCode::INVALID_TYPE, field + ": expected an ISO-8601 date-time, got " + shown(*v));
    return std::nullopt;
  }
  return iso_instant_text(row, v->get_ref<const std::string&>(), field);
}

std::optional<std::int64_t> epoch_value(const RowContext& row, const json* v, const std::string& field,
                                        EpochUnit unit) {
  const auto n = int_value(row, v, field);
  if (!n || *n == 0) return n;
  constexpr std::int64_t kSplit = 100'000'000'000;  // 10^11: 5138 in seconds, 1973 in milliseconds
  const bool ms = unit == EpochUnit::Milliseconds;
  if (*n < 0 || (ms && *n < kSplit) || (!ms && *n >= kSplit) || *n >= kSplit * 1000) {
    std::string why = *n < 0 ? "negative" : ms ? "too small for epoch milliseconds (seconds?)"
                                               : "too large for epoch seconds (milliseconds?)";
    if (*n >= kSplit * 1000) why = "beyond the year 9999";
    row.issue(field, ErrorCode::OUT_OF_RANGE,
              field + ": " + std::to_string(*n) + " is " + why + "; the vendor documents " + field + " in epoch " +
                  (ms ? "milliseconds" : "seconds"));
    return std::nullopt;
  }
  return n;
}

std::optional<Instant> epoch_instant(const RowContext& row, const json* v, const std::string& field,
                                     EpochUnit unit) {
  const auto n = epoch_value(row, v, field, unit);
  if (!n || *n == 0) return std::nullopt;
  // Milliseconds are truncated to the second (the clock counts whole seconds).
  return from_unix_seconds(unit == EpochUnit::Milliseconds ? *n / 1000 : *n);
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace mspcore::rmm_import
