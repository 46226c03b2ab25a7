// Private: the calendar handle of the C ABI, shared by the C functions that take a calendar.
#pragma once

#include <mspcore.h>
#include <mspcore/calendar/business_calendar.hpp>

#include <memory>

// The handle owns a shared calendar, so C callers and C++ code can share one.
struct msp_calendar {
  std::shared_ptr<const mspcore::BusinessCalendar> calendar;
};
