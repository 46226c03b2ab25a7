// Private to the C ABI: what an msp_rmm_store handle holds (shared by its two files).
#pragma once

#include <mspcore.h>
#include <mspcore/rmm/rmm_store.hpp>

struct msp_rmm_store {
  mspcore::RmmStore store;
};
