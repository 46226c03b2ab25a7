#include <mspcore/core/error.hpp>
#include <mspcore/time/instant.hpp>

#include <cstdio>
#include <optional>

namespace mspcore {
inline namespace v1 {
namespace {

using namespace std::chrono;

// A small cursor over the text: the grammar is tiny and a parser of our own gives
// error messages that say exactly which part is wrong.
struct Cursor {
  std::string_view text;
  std::size_t pos = 0;

  bool done() const { return pos >= text.size(); }
  char peek() const { return done() ? '\0' : text[pos]; }
  bool accept(char c) {
    if (peek() != c) return false;
    ++pos;
    return true;
  }
  std::optional<int> digits(int count) {
    int value = 0;
    for (int i = 0; i < count; ++i) {
      char c = peek();
      if (c < '0' || c > '9') return std::nullopt;
      value = value * 10 + (c - '0');
      ++pos;
    }
    return value;
  }
};

[[noreturn]] void invalid(std::string_view text, const std::string& why) {
  throw Error(ErrorCode::INVALID_TIME, quoted(text) + " is not a valid ISO-8601 time (" + why + ")");
}

sys_days read_date(Cursor& in) {
  auto y = in.digits(4);
  if (!y || !in.accept('-')) invalid(in.text, "expected YYYY-MM-DD");
  auto m = in.digits(2);
  if (!m || !in.accept('-')) invalid(in.text, "expected YYYY-MM-DD");
  auto d = in.digits(2);
  if (!d) invalid(in.text, "expected YYYY-MM-DD");
  year_month_day ymd{year{*y}, month{static_cast<unsigned>(*m)}, day{static_cast<unsigned>(*d)}};
  if (!ymd.ok()) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", *y, *m, *d);
    invalid(in.text, std::string("no such date ") + buf);
  }
  return sys_days{ymd};
}

// hh:mm[:ss[.fraction]] -> seconds since midnight; 24:00 only when allowed.
std::int32_t read_clock(Cursor& in, bool allow_fraction, bool allow_24) {
  auto h = in.digits(2);
  if (!h || !in.accept(':')) invalid(in.text, "expected hh:mm");
  auto mi = in.digits(2);
  if (!mi) invalid(in.text, "expected hh:mm");
  int s = 0;
  if (in.accept(':')) {
    auto sec = in.digits(2);
    if (!sec) invalid(in.text, "expected seconds after ':'");
    s = *sec;
    if (allow_fraction && (in.accept('.') || in.accept(','))) {
      if (!in.digits(1)) invalid(in.text, "expected digits after the decimal point");
      while (in.peek() >= '0' && in.peek() <= '9') ++in.pos;  // truncated: whole seconds
    }
  }
  const bool end_of_day = allow_24 && *h == 24 && *mi == 0 && s == 0;
  if ((*h > 23 && !end_of_day) || *mi > 59 || s > 59) {
    invalid(in.text, "hour, minute or second out of range");
  }
  return *h * 3600 + *mi * 60 + s;
}

std::string format_seconds(sys_seconds t) {
  const sys_days day = floor<days>(t);
  const year_month_day ymd{day};
  const hh_mm_ss hms{t - day};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()));
  return buf;
}

}  // namespace

void check_instant_range(Instant t, std::string_view what) {
  if (t < kMinInstant || t > kMaxInstant) {
    throw Error(ErrorCode::OUT_OF_RANGE, std::string(what) + " " + std::to_string(t.time_since_epoch().count()) +
                                             " s is outside the years 1-9999");
  }
}

Instant parse_instant(std::string_view text) {
  Cursor in{text};
  const sys_days day = read_date(in);
  if (in.done()) {
    throw Error(ErrorCode::NAIVE_DATETIME,
                quoted(text) + " is a date, not an instant: add a time and 'Z' or an offset");
  }
  if (!in.accept('T') && !in.accept('t') && !in.accept(' ')) invalid(text, "expected 'T' after the date");
  const std::int32_t clock = read_clock(in, true, false);
  if (in.done()) {
    throw Error(ErrorCode::NAIVE_DATETIME,
                quoted(text) + " has no UTC offset: add 'Z' or an offset such as '+01:00'");
  }
  int offset = 0;
  if (!in.accept('Z') && !in.accept('z')) {
    const char sign = in.peek();
    if (sign != '+' && sign != '-') invalid(text, "expected 'Z' or an offset such as '+01:00'");
    ++in.pos;
    auto oh = in.digits(2);
    if (!oh) invalid(text, "expected the offset's hours");
    int om = 0;
    if (!in.done()) {
      in.accept(':');
      auto m = in.digits(2);
      if (!m) invalid(text, "expected the offset's minutes");
      om = *m;
    }
    if (*oh > 23 || om > 59) invalid(text, "offset out of range");
    offset = (sign == '-' ? -1 : 1) * (*oh * 3600 + om * 60);
  }
  if (!in.done()) invalid(text, "unexpected text after the offset");
  return Instant{day} + seconds{clock - offset};
}

std::string format_instant(Instant t) {
  check_instant_range(t);
  return format_seconds(t) + "Z";
}

LocalSeconds parse_local_time(std::string_view text) {
  Cursor in{text};
  const sys_days day = read_date(in);
  if (!in.accept('T') && !in.accept(' ')) invalid(text, "expected 'T' after the date");
  const std::int32_t clock = read_clock(in, true, false);
  if (!in.done()) invalid(text, "a local time takes no offset");
  return LocalSeconds{day.time_since_epoch() + seconds{clock}};
}

std::string format_local_time(LocalSeconds t) {
  check_instant_range(sys_seconds{t.time_since_epoch()}, "local time");
  return format_seconds(sys_seconds{t.time_since_epoch()});
}

sys_days parse_date(std::string_view text) {
  Cursor in{text};
  const sys_days day = read_date(in);
  if (!in.done()) invalid(text, "expected only YYYY-MM-DD");
  return day;
}

std::string format_date(sys_days day) {
  check_instant_range(sys_seconds{day}, "date");
  return format_seconds(sys_seconds{day}).substr(0, 10);
}

std::int32_t parse_time_of_day(std::string_view text) {
  Cursor in{text};
  if (text.size() != 5 && text.size() != 8) invalid(text, "expected HH:MM or HH:MM:SS");
  const std::int32_t clock = read_clock(in, false, true);
  if (!in.done()) invalid(text, "expected HH:MM or HH:MM:SS");
  return clock;
}

}  // namespace v1
}  // namespace mspcore
