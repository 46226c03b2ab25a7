// The RMM store through the C ABI: a handle around RmmStore, JSON in and out (the request and
// answer forms live in src/store/rmm_query.cpp).
#include "capi/boundary.hpp"
#include "capi/rmm_store_handle.hpp"

#include "store/rmm_query.hpp"

#include <string>

using namespace mspcore;
using capi::deref;
using capi::guarded;
using capi::text;

extern "C" {

msp_status msp_rmm_store_open(const char* path, msp_rmm_store** out, msp_error* err) {
  return guarded(err, [&] {
    deref(out, "out") = nullptr;
    *out = new msp_rmm_store{RmmStore(std::string(text(path, "path")))};
  });
}

void msp_rmm_store_close(msp_rmm_store* store) { delete store; }

msp_status msp_rmm_store_query_json(const msp_rmm_store* store, const char* request_json, char* buf,
                                    size_t buf_size, size_t* required, msp_error* err) {
  return guarded(err, [&] {
    const RmmStore& s = deref(store, "store").store;
    capi::write_string(detail::rmm_store::query_json(s, text(request_json, "request_json")), buf, buf_size, required);
  });
}

}  // extern "C"
