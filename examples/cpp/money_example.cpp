// A C++ host using mspcore: exact invoice arithmetic and a DST-safe time conversion.
#include <mspcore/core/error.hpp>
#include <mspcore/money/money.hpp>
#include <mspcore/time/time_zone.hpp>

#include <iostream>
#include <vector>

int main() {
  using namespace mspcore;
  const Money monthly = Money::parse("1234.50", "EUR");
  const Money per_seat = divide(monthly, Decimal(7), RoundingMode::HalfEven);
  std::cout << monthly.to_string() << " over 7 seats: " << per_seat.to_string() << " each\n";

  const std::vector<Decimal> shares{Decimal(50), Decimal(30), Decimal(20)};
  Money check = Money::zero(monthly.currency());
  for (const Money& part : allocate(monthly, shares)) {
    std::cout << "  share " << part.to_string() << '\n';
    check += part;
  }
  std::cout << "  shares sum to " << check.to_string() << (check == monthly ? " (exact)\n" : " (WRONG)\n");

  const TimeZone berlin = TimeZone::locate("Europe/Berlin");
  const Instant t = berlin.to_utc(parse_local_time("2024-03-31T02:30:00"));
  std::cout << "Berlin 2024-03-31 02:30 (in the DST gap) is " << format_instant(t) << '\n';

  try {
    (void)(monthly + Money::parse("1", "USD"));
  } catch (const Error& e) {
    std::cout << "error " << error_code_name(e.code()) << ": " << e.what() << '\n';
  }
  return check == monthly ? 0 : 1;
}
