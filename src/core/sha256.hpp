// Private: SHA-256 (FIPS 180-4) for input fingerprints. Not for secrets: no constant-time care.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace mspcore {
inline namespace v1 {

/// Incremental SHA-256: update() any number of times, then hex() once.
class Sha256 {
 public:
  Sha256() noexcept;
  void update(std::string_view data) noexcept;
  /// The 32-byte digest; the object must not be updated afterwards.
  std::array<std::uint8_t, 32> finish() noexcept;
  /// finish() as lower-case hex digits: of its first `bytes` bytes (all 32: 64 digits).
  std::string hex(std::size_t bytes = 32);

 private:
  void compress(const std::uint8_t* block) noexcept;

  std::array<std::uint32_t, 8> state_;
  std::array<std::uint8_t, 64> buffer_{};
  std::size_t buffered_ = 0;
  std::uint64_t length_ = 0;  // bytes hashed so far
};

/// SHA-256 of `data` as 64 lower-case hex digits.
std::string sha256_hex(std::string_view data);

}  // namespace v1
}  // namespace mspcore
