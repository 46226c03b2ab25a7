// Private: the vendor importers behind import_file()/import_text(), one file each.
#pragma once

#include "rmm/import_common.hpp"

namespace mspcore::rmm_import {

void import_datto_rmm(Source& source, Emitter& out);
void import_datto_bcdr(Source& source, Emitter& out);
void import_cove(Source& source, Emitter& out);
void import_ncentral(Source& source, Emitter& out);

}  // namespace mspcore::rmm_import
