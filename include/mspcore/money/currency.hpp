/// @file currency.hpp
/// @brief ISO 4217 currencies with their minor units.
#pragma once

#include <string_view>
#include <vector>

namespace mspcore {
inline namespace v1 {

/// An active ISO 4217 currency: its three-letter code and minor units
/// (EUR 2, JPY 0, BHD 3, CLF 4). Cheap to copy; compare by code.
class Currency {
 public:
  /// Look up an active code ("EUR"). Throws Error(UNKNOWN_CURRENCY) naming the code otherwise.
  static Currency from_code(std::string_view code);
  /// Every active code with minor units defined, sorted by code.
  static const std::vector<Currency>& all();

  std::string_view code() const noexcept { return {code_, 3}; }
  int minor_units() const noexcept { return minor_units_; }

  friend bool operator==(const Currency& a, const Currency& b) noexcept {
    return a.code() == b.code();
  }

 private:
  friend struct CurrencyTable;
  constexpr Currency(const char (&code)[4], int minor_units)
      : code_{code[0], code[1], code[2], '\0'}, minor_units_(minor_units) {}
  char code_[4];
  int minor_units_;
};

}  // namespace v1
}  // namespace mspcore
