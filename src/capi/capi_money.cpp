#include "capi/boundary.hpp"
#include "capi/money_convert.hpp"

#include <mspcore/money/money.hpp>

#include <vector>

using namespace mspcore;
using capi::deref;
using capi::guarded;
using capi::text;
using capi::to_c;
using capi::to_cpp;

// RoundingMode and msp_rounding are written separately (the core does not include the C
// header): their values must agree, as rounding_mode_from_int() converts by value.
static_assert(static_cast<int>(RoundingMode::HalfEven) == MSP_ROUNDING_HALF_EVEN);
static_assert(static_cast<int>(RoundingMode::HalfUp) == MSP_ROUNDING_HALF_UP);
static_assert(static_cast<int>(RoundingMode::HalfDown) == MSP_ROUNDING_HALF_DOWN);
static_assert(static_cast<int>(RoundingMode::Up) == MSP_ROUNDING_UP);
static_assert(static_cast<int>(RoundingMode::Down) == MSP_ROUNDING_DOWN);
static_assert(static_cast<int>(RoundingMode::Ceiling) == MSP_ROUNDING_CEILING);
static_assert(static_cast<int>(RoundingMode::Floor) == MSP_ROUNDING_FLOOR);
static_assert(static_cast<int>(RoundingMode::Unnecessary) == MSP_ROUNDING_UNNECESSARY);

extern "C" {

msp_status msp_money_parse(const char* amount, const char* currency, msp_money* out, msp_error* err) {
  return guarded(err, [&] {
    deref(out, "out");
    to_c(Money::parse(text(amount, "amount"), text(currency, "currency")), out);
  });
}

msp_status msp_money_format(const msp_money* money, char* buf, size_t buf_size, size_t* required,
                            msp_error* err) {
  return guarded(err, [&] { capi::write_string(to_cpp(money, "money").amount().to_string(), buf, buf_size, required); });
}

msp_status msp_money_add(const msp_money* a, const msp_money* b, msp_money* out, msp_error* err) {
  return guarded(err, [&] { to_c(to_cpp(a, "a") + to_cpp(b, "b"), &deref(out, "out")); });
}

msp_status msp_money_subtract(const msp_money* a, const msp_money* b, msp_money* out, msp_error* err) {
  return guarded(err, [&] { to_c(to_cpp(a, "a") - to_cpp(b, "b"), &deref(out, "out")); });
}

msp_status msp_money_round(const msp_money* money, msp_rounding mode, msp_money* out, msp_error* err) {
  return guarded(err, [&] {
    to_c(to_cpp(money, "money").round(rounding_mode_from_int(static_cast<int>(mode))), &deref(out, "out"));
  });
}

msp_status msp_money_allocate(const msp_money* total, const int64_t* ratios, size_t n, msp_money* parts,
                              msp_error* err) {
  return guarded(err, [&] {
    if (n > 0) {
      deref(ratios, "ratios");
      deref(parts, "parts");
    }
    std::vector<Decimal> weights(ratios, ratios + n);
    const std::vector<Money> result = allocate(to_cpp(total, "total"), weights);
    for (std::size_t i = 0; i < result.size(); ++i) to_c(result[i], &parts[i]);
  });
}

msp_status msp_currency_minor_units(const char* currency, int32_t* out, msp_error* err) {
  return guarded(err, [&] { deref(out, "out") = Currency::from_code(text(currency, "currency")).minor_units(); });
}

}  // extern "C"
