// Private: how errors name a monitoring event once its keys are read, for the decoder and for
// availability (which finds an event's device missing only later).
#pragma once

#include <mspcore/core/error.hpp>
#include <mspcore/records/field_reader.hpp>

#include <cstddef>
#include <string>

namespace mspcore::rmm {

/// "events[2] (tenant 'acme' device 'SRV-1' event 'A-7')"; the id only when there is one.
inline std::string event_where(const std::string& tenant, const std::string& device, const std::string& id,
                               std::size_t index) {
  std::string where = record_where("events", index) + " (tenant " + mspcore::quoted(tenant) + " device " +
                      mspcore::quoted(device);
  if (!id.empty()) where += " event " + mspcore::quoted(id);
  return where + ")";
}

}  // namespace mspcore::rmm
