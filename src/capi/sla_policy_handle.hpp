// Private: the SLA policy handle of the C ABI, shared by the SLA and KPI functions.
#pragma once

#include <mspcore.h>
#include <mspcore/sla/sla_policy.hpp>

#include <memory>

struct msp_sla_policy {
  std::shared_ptr<const mspcore::SlaPolicy> policy;
};
