// Money strings: parse, and for what parses, format -> parse gives the same value back.
#include "fuzz_check.hpp"

#include <fuzzer/FuzzedDataProvider.h>

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  static const char* const kCurrencies[] = {"EUR", "JPY", "KWD", "USD", "XXX", "eur", ""};
  const std::string currency = in.ConsumeBool() ? in.PickValueInArray(kCurrencies) : in.ConsumeRandomLengthString(4);
  const auto mode = static_cast<msp_rounding>(in.ConsumeIntegralInRange<int>(0, 8));
  const std::string amount = in.ConsumeRemainingBytesAsString();

  msp_error err{};
  msp_money money{};
  msp_status status = msp_money_parse(amount.c_str(), currency.c_str(), &money, &err);
  fuzz::check(status, err, "msp_money_parse");
  if (status != MSP_STATUS_OK) return 0;

  std::string formatted;
  fuzz::with_buffer(
      [&](char* buf, std::size_t cap, std::size_t* required, msp_error* e) {
        const msp_status s = msp_money_format(&money, buf, cap, required, e);
        if (s == MSP_STATUS_OK && buf != nullptr) formatted = buf;
        return s;
      },
      "msp_money_format");
  msp_money again{};
  err = msp_error{};
  status = msp_money_parse(formatted.c_str(), currency.c_str(), &again, &err);
  if (status != MSP_STATUS_OK || again.lo != money.lo || again.hi != money.hi || again.scale != money.scale) {
    std::fprintf(stderr, "'%s' formats as '%s', which does not parse back to it\n", amount.c_str(), formatted.c_str());
    std::abort();
  }
  msp_money out{};
  err = msp_error{};
  fuzz::check(msp_money_add(&money, &money, &out, &err), err, "msp_money_add");
  err = msp_error{};
  fuzz::check(msp_money_subtract(&money, &money, &out, &err), err, "msp_money_subtract");
  err = msp_error{};
  fuzz::check(msp_money_round(&money, mode, &out, &err), err, "msp_money_round");
  return 0;
}
