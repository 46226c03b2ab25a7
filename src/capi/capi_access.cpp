// The C ABI of access control (include/mspcore.h, docs/access-control.md): thin wrappers.
#include "capi/boundary.hpp"

#include <mspcore/access/access_records.hpp>

#include <memory>

using namespace mspcore;
using capi::deref;
using capi::guarded;
using capi::text;

struct msp_access_model {
  std::shared_ptr<const AccessModel> model;
};

extern "C" {

msp_status msp_access_model_new_from_json(const char* json, msp_access_model** out, msp_error* err) {
  return guarded(err, [&] {
    deref(out, "out") = nullptr;
    auto handle = std::make_unique<msp_access_model>();
    handle->model = access_model_from_json(text(json, "json"));
    *out = handle.release();
  });
}

void msp_access_model_free(msp_access_model* model) { delete model; }

msp_status msp_access_authorize_json(const msp_access_model* model, const char* request_json, char* buf,
                                     size_t buf_size, size_t* required, msp_error* err) {
  return guarded(err, [&] {
    const AccessModel& m = *deref(model, "model").model;
    capi::write_string(access_authorize_json(m, text(request_json, "request_json")), buf, buf_size, required);
  });
}

msp_status msp_access_allows(const msp_access_model* model, const char* principal, const char* action,
                             const char* kind, const char* tenant, const char* scope, int* allowed, msp_error* err) {
  return guarded(err, [&] {
    deref(allowed, "allowed") = 0;
    const AccessModel& m = *deref(model, "model").model;
    const AccessResource r{parse_resource_kind(text(kind, "kind")), std::string(text(tenant, "tenant")),
                           scope == nullptr ? std::string() : std::string(scope)};
    *allowed = m.allows(text(principal, "principal"), parse_access_action(text(action, "action")), r) ? 1 : 0;
  });
}

msp_status msp_access_scope_for(const msp_access_model* model, const char* principal, const char* action,
                                const char* kind, const char* tenant, int* all_tenants, char* buf, size_t buf_size,
                                size_t* required, msp_error* err) {
  return guarded(err, [&] {
    deref(all_tenants, "all_tenants") = 0;
    const AccessModel& m = *deref(model, "model").model;
    const std::optional<std::string> named = tenant == nullptr ? std::nullopt : std::optional<std::string>(tenant);
    const TenantScope s = m.scope_for(text(principal, "principal"), parse_access_action(text(action, "action")),
                                      parse_resource_kind(text(kind, "kind")), named);
    capi::write_string(s.tenant().value_or(std::string()), buf, buf_size, required);
    *all_tenants = s.is_all() ? 1 : 0;
  });
}

}  // extern "C"
