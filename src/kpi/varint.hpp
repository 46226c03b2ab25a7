// Private: LEB128 varints for the byte form of mergeable partial states.
#pragma once

#include <mspcore/core/error.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace mspcore::detail {

inline void put_varint(std::string& out, std::uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>(v | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

inline void put_text(std::string& out, std::string_view text) {
  put_varint(out, text.size());
  out.append(text);
}

/// Reads what put_varint and put_text wrote; every failure names `what` and what it should be.
struct VarintReader {
  std::string_view bytes;
  std::string_view what;
  std::string_view kind;
  std::size_t at = 0;

  std::uint64_t varint() {
    std::uint64_t v = 0;
    for (unsigned shift = 0; shift < 64; shift += 7) {
      if (at >= bytes.size()) fail("ends early");
      const auto byte = static_cast<unsigned char>(bytes[at++]);
      v |= std::uint64_t{byte & 0x7fu} << shift;
      if (!(byte & 0x80)) return v;
    }
    fail("has an over-long number");
  }
  std::int64_t count() {
    const std::uint64_t v = varint();
    if (v > static_cast<std::uint64_t>(INT64_MAX)) fail("has a count beyond 64 bits");
    return static_cast<std::int64_t>(v);
  }
  std::string_view text() {
    const std::uint64_t size = varint();
    if (size > bytes.size() - at) fail("ends early");
    const std::string_view out = bytes.substr(at, size);
    at += size;
    return out;
  }
  [[noreturn]] void fail(const char* why) const {
    throw Error(ErrorCode::PARSE_ERROR, std::string(what) + " is not " + std::string(kind) + ": it " + why);
  }
};

}  // namespace mspcore::detail
