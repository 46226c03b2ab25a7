// The scanner behind parse_kept() and parse_whole(): a fast strict path for the common
// documents, and nlohmann's SAX parser as the careful path that decides everything else.
#include "core/json_scan.hpp"

#include <array>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <system_error>
#include <utility>
#include <vector>

namespace mspcore::json_util {

namespace {

/// The member of `keep` named `key`, or nullptr. A filter has a dozen members at most and
/// most keys of a payload are not among them: comparing lengths first rejects nearly all of
/// them without comparing any text.
const KeepMember* kept_member(const KeepFilter& keep, std::string_view key) {
  for (const KeepMember& m : keep.members) {
    if (m.key.size() == key.size() && std::memcmp(m.key.data(), key.data(), key.size()) == 0) return &m;
  }
  return nullptr;
}

// A SAX handler that builds the DOM nlohmann's own parser would build, minus the members a
// KeepFilter leaves out: their values are read by the lexer (and so checked) but never
// stored. Duplicate keys behave as in the DOM parser: the last one wins.
class KeptDom {
 public:
  explicit KeptDom(const KeepFilter& keep) : root_filter_(&keep) {}

  json take() { return std::move(root_); }

  bool null() { return scalar(nullptr); }
  bool boolean(bool v) { return scalar(v); }
  bool number_integer(json::number_integer_t v) { return scalar(v); }
  bool number_unsigned(json::number_unsigned_t v) { return scalar(v); }
  bool number_float(json::number_float_t v, const json::string_t&) { return scalar(v); }
  bool string(json::string_t& v) { return scalar(v); }
  bool binary(json::binary_t& v) { return scalar(json::binary(v)); }

  bool start_object(std::size_t) { return open(json::object()); }
  bool start_array(std::size_t) { return open(json::array()); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }

  bool key(json::string_t& k) {
    if (skipped_ > 0) return true;
    const KeepFilter* f = filters_.back();
    child_filter_ = nullptr;
    if (f != nullptr) {
      const KeepMember* member = kept_member(*f, k);
      if (member == nullptr) {
        skip_next_ = true;
        return true;
      }
      child_filter_ = member->filter;
    }
    key_ = k;
    return true;
  }

  template <class Exception>
  bool parse_error(std::size_t, const std::string&, const Exception& ex) {
    throw ex;  // the parser's own parse_error, as json::parse() throws it
  }

 private:
  template <class V>
  bool scalar(V&& v) {
    if (skipped_ > 0) return true;
    if (skip_next_) {
      skip_next_ = false;
      return true;
    }
    place(json(std::forward<V>(v)));
    return true;
  }

  bool open(json&& container) {
    if (skipped_ > 0 || skip_next_) {
      skip_next_ = false;
      ++skipped_;
      return true;
    }
    // The root takes the whole filter, an object member the filter its key named; arrays
    // and whatever lies in them are kept whole.
    const KeepFilter* f = stack_.empty() ? root_filter_ : stack_.back()->is_object() ? child_filter_ : nullptr;
    if (!container.is_object()) f = nullptr;
    stack_.push_back(place(std::move(container)));
    filters_.push_back(f);
    return true;
  }

  bool close() {
    if (skipped_ > 0) {
      --skipped_;
      return true;
    }
    stack_.pop_back();
    filters_.pop_back();
    return true;
  }

  json* place(json&& v) {
    if (stack_.empty()) {
      root_ = std::move(v);
      return &root_;
    }
    json& parent = *stack_.back();
    if (parent.is_array()) {
      parent.push_back(std::move(v));
      return &parent.back();
    }
    json& slot = parent[key_];
    slot = std::move(v);
    return &slot;
  }

  const KeepFilter* root_filter_;
  json root_;
  std::vector<json*> stack_;               // the containers being built
  std::vector<const KeepFilter*> filters_;  // their filters (nullptr: keep all)
  json::string_t key_;                      // the key of the next member value
  const KeepFilter* child_filter_ = nullptr;
  bool skip_next_ = false;                  // the next value belongs to a member left out
  std::size_t skipped_ = 0;                 // depth inside a container left out
};

// The fast path of parse_kept(): a strict scanner that checks the whole text and builds only
// the kept members, straight from the text where that is exact (strings without escapes,
// integers, true, false, null and the containers made of them) and through nlohmann for the
// other values (escapes, fractions, exponents). It accepts a subset of JSON — ASCII only, no
// escapes in the keys it builds, no surrogate escapes, no numbers it could not read exactly as
// nlohmann does — and answers nothing for the rest, which then goes the careful way: the same
// DOM and the same errors either way.
class KeptScan {
 public:
  explicit KeptScan(std::string_view text) : p_(text.data()), end_(text.data() + text.size()) {}

  // `keep` nullptr: every member.
  std::optional<json> run(const KeepFilter* keep) {
    json out = json::object();
    ws();
    if (!object(keep, out, 0)) return std::nullopt;
    ws();
    if (p_ != end_) return std::nullopt;
    return out;
  }

 private:
  static constexpr int kMaxDepth = 64;

  // Bytes that end the plain run of a string: the quote, a backslash, control characters and
  // everything outside ASCII.
  static constexpr std::array<bool, 256> kStringStop = [] {
    std::array<bool, 256> t{};
    for (int c = 0; c < 256; ++c) t[static_cast<std::size_t>(c)] = c < 0x20 || c >= 0x80 || c == '"' || c == '\\';
    return t;
  }();

  void ws() {
    while (p_ != end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) ++p_;
  }

  bool eat(char c) {
    if (p_ == end_ || *p_ != c) return false;
    ++p_;
    return true;
  }

  static bool hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
  static bool digit(char c) { return c >= '0' && c <= '9'; }

  // Whether any of the 8 bytes in `v` is a kStringStop byte (bit tricks of "Bit Twiddling
  // Hacks": a byte below n sets its high bit in (x - n) & ~x; false alarms are possible only
  // next to a true one, and the byte loop after it decides).
  static bool any_stop(std::uint64_t v) {
    constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
    constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
    const auto below = [](std::uint64_t x, std::uint64_t n) { return (x - kOnes * n) & ~x & kHigh; };
    return ((v & kHigh) | below(v, 0x20) | below(v ^ (kOnes * '"'), 1) | below(v ^ (kOnes * '\\'), 1)) != 0;
  }

  // A string from its opening quote; `plain` says whether it had no escapes.
  bool string(bool& plain) {
    if (!eat('"')) return false;
    plain = true;
    for (;;) {
      // Eight plain bytes at a time, then byte by byte up to the byte that ends the run.
      for (std::uint64_t v = 0; end_ - p_ >= 8; p_ += 8) {
        std::memcpy(&v, p_, 8);
        if (any_stop(v)) break;
      }
      while (p_ != end_ && !kStringStop[static_cast<unsigned char>(*p_)]) ++p_;
      if (p_ == end_) return false;
      if (*p_ == '"') {
        ++p_;
        return true;
      }
      if (*p_ != '\\') return false;  // a control character or not ASCII
      plain = false;
      if (++p_ == end_) return false;
      const char e = *p_;
      if (e == 'u') {
        if (end_ - p_ < 5 || !hex(p_[1]) || !hex(p_[2]) || !hex(p_[3]) || !hex(p_[4])) return false;
        const char h = static_cast<char>(p_[1] | 0x20);
        if (h == 'd' && ((p_[2] >= '8' && p_[2] <= '9') || (p_[2] | 0x20) >= 'a')) return false;  // surrogates
        p_ += 4;
      } else if (e != '"' && e != '\\' && e != '/' && e != 'b' && e != 'f' && e != 'n' && e != 'r' && e != 't') {
        return false;
      }
      ++p_;
    }
  }

  // A number; `integer` says whether it has neither fraction nor exponent.
  bool number(bool& integer) {
    const char* start = p_;
    eat('-');
    if (eat('0')) {
    } else if (p_ != end_ && *p_ >= '1' && *p_ <= '9') {
      while (p_ != end_ && digit(*p_)) ++p_;
    } else {
      return false;
    }
    integer = true;
    if (eat('.')) {
      integer = false;
      if (p_ == end_ || !digit(*p_)) return false;
      while (p_ != end_ && digit(*p_)) ++p_;
    }
    if (p_ != end_ && (*p_ == 'e' || *p_ == 'E')) {
      integer = false;
      ++p_;
      if (!eat('+')) eat('-');
      const char* exp = p_;
      while (p_ != end_ && digit(*p_)) ++p_;
      if (p_ == exp || p_ - exp > 2) return false;  // a large exponent could overflow
    }
    return p_ - start <= 100;
  }

  // An integer as nlohmann's DOM holds it: unsigned when not negative, else signed; one that
  // fits neither (nlohmann makes it a float) goes through nlohmann.
  static json integer_value(const char* start, const char* end) {
    if (*start != '-') {
      std::uint64_t u = 0;
      const auto [at, ec] = std::from_chars(start, end, u);
      if (ec == std::errc() && at == end) return json(u);
    } else {
      std::int64_t i = 0;
      const auto [at, ec] = std::from_chars(start, end, i);
      if (ec == std::errc() && at == end) return json(i);
    }
    return json::parse(start, end);
  }

  bool literal(std::string_view word) {
    if (static_cast<std::size_t>(end_ - p_) < word.size() || std::string_view(p_, word.size()) != word) return false;
    p_ += word.size();
    return true;
  }

  // The value at p_, checked, and built into *out unless `out` is nullptr (a member left out).
  bool value(json* out, int depth) {
    if (p_ == end_ || depth > kMaxDepth) return false;
    const char* start = p_;
    const auto set = [out](json v) {
      if (out != nullptr) *out = std::move(v);
      return true;
    };
    switch (*p_) {
      case '{': return container('}', out, depth);
      case '[': return container(']', out, depth);
      case '"': {
        bool plain = true;
        if (!string(plain)) return false;
        if (out == nullptr) return true;
        return set(plain ? json(std::string(start + 1, p_ - 1)) : json::parse(start, p_));
      }
      case 't': return literal("true") && set(json(true));
      case 'f': return literal("false") && set(json(false));
      case 'n': return literal("null") && set(json(nullptr));
      default: {
        bool integer = false;
        if (!number(integer)) return false;
        if (out == nullptr) return true;
        return set(integer ? integer_value(start, p_) : json::parse(start, p_));
      }
    }
  }

  // An object or array from its opening bracket, kept whole: checked, and built into *out
  // unless `out` is nullptr.
  bool container(char close, json* out, int depth) {
    ++p_;
    if (out != nullptr) *out = close == '}' ? json::object() : json::array();
    ws();
    if (eat(close)) return true;
    for (;;) {
      json* slot = nullptr;
      if (close == '}') {
        const char* key = p_ + 1;
        bool plain = true;
        // An escaped key would have to be decoded: the careful way does that.
        if (!string(plain) || (out != nullptr && !plain)) return false;
        // operator[] on a key seen before: the last value wins, as in nlohmann's DOM.
        if (out != nullptr) slot = &(*out)[std::string(key, p_ - 1)];
        ws();
        if (!eat(':')) return false;
        ws();
      } else if (out != nullptr) {
        out->push_back(nullptr);
        slot = &out->back();
      }
      if (!value(slot, depth + 1)) return false;
      ws();
      if (eat(close)) return true;
      if (!eat(',')) return false;
      ws();
    }
  }

  // The object at p_ into `out`, with only the members `keep` names (every member when
  // `keep` is nullptr).
  bool object(const KeepFilter* keep, json& out, int depth) {
    if (!eat('{')) return false;
    ws();
    if (eat('}')) return true;
    for (;;) {
      const char* key_start = p_ + 1;
      bool plain = true;
      if (!string(plain) || !plain) return false;
      const std::string_view k(key_start, static_cast<std::size_t>(p_ - 1 - key_start));
      ws();
      if (!eat(':')) return false;
      ws();
      const KeepMember* member = keep != nullptr ? kept_member(*keep, k) : nullptr;
      if (keep != nullptr && member == nullptr) {
        if (!value(nullptr, depth + 1)) return false;
      } else if (member != nullptr && member->filter != nullptr && p_ != end_ && *p_ == '{') {
        json& slot = out[std::string(k)];
        slot = json::object();  // a member seen before: the last one wins
        if (!object(member->filter, slot, depth + 1)) return false;
      } else {
        if (!value(&out[std::string(k)], depth + 1)) return false;
      }
      ws();
      if (eat('}')) return true;
      if (!eat(',')) return false;
      ws();
    }
  }

  const char* p_;
  const char* end_;
};

}  // namespace

json parse_kept(std::string_view text, const KeepFilter& keep, const std::string& what) {
  try {
    if (auto fast = KeptScan(text).run(&keep)) return std::move(*fast);
  } catch (const json::exception&) {
    // Not expected (the scanner checked the text first); the careful way below decides.
  }
  KeptDom dom(keep);
  try {
    json::sax_parse(text.data(), text.data() + text.size(), &dom);
  } catch (const json::parse_error& e) {
    throw malformed(what, e);
  } catch (const json::out_of_range& e) {
    throw malformed(what, e);
  }
  return dom.take();
}

json parse_whole(std::string_view text, const std::string& what) {
  try {
    if (auto fast = KeptScan(text).run(nullptr)) return std::move(*fast);
  } catch (const json::exception&) {
    // Not expected (the scanner checked the text first); the careful way below decides.
  }
  return parse(text, what);
}

}  // namespace mspcore::json_util
