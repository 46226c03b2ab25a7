// Private: reading a caller's struct that starts with `size_t struct_size` (docs/c-abi.md,
// "Structs that grow"). The caller may have been compiled against an older or newer header.
#pragma once

#include "capi/boundary.hpp"

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <span>
#include <string>
#include <type_traits>

namespace mspcore::capi {

/// The caller's struct as this library's layout T. `known` lists the sizes of every released
/// layout of T, the current one last; each layout appends members to the one before. A known
/// older size is copied as far as it goes and the members it lacks stay zero (NULL: not given).
/// A larger size from a newer header is accepted only if the bytes past T are all zero, that is
/// the caller left every member this library does not know zero or NULL.
template <class T>
T read_sized(const T* p, std::span<const std::size_t> known, const char* param, const char* type,
             const char* where = nullptr) {
  // No padding: then "bytes past T are zero" means exactly "the unknown members are zero".
  static_assert(std::has_unique_object_representations_v<T>, "a struct that grows has no padding");
  static_assert(std::is_trivially_copyable_v<T>);
  const T& c = deref(p, param);
  const std::size_t size = c.struct_size;
  const auto refuse = [&](const std::string& why) {
    std::string expected;
    for (const std::size_t k : known) expected += (expected.empty() ? "" : " or ") + std::to_string(k);
    throw Error(ErrorCode::INVALID_ARGUMENT, (where != nullptr ? std::string(where) + ": " : std::string()) + type +
                                                 ".struct_size " + std::to_string(size) +
                                                 " is not a size this library knows (expected " + expected + ")" +
                                                 why);
  };
  if (size > sizeof(T)) {
    const auto* bytes = reinterpret_cast<const unsigned char*>(p);
    const auto* set = std::find_if(bytes + sizeof(T), bytes + size, [](unsigned char b) { return b != 0; });
    if (set != bytes + size) {
      refuse(": byte " + std::to_string(set - bytes) + " is not zero, so the caller set a member newer than this library");
    }
  } else if (std::find(known.begin(), known.end(), size) == known.end()) {
    refuse("");
  }
  T out{};
  std::memcpy(&out, p, std::min(size, sizeof(T)));
  return out;
}

}  // namespace mspcore::capi
