// TenantScope: the checked constructor and the text form.
#include <mspcore/core/error.hpp>
#include <mspcore/store/tenant_scope.hpp>

#include <utility>

namespace mspcore {
inline namespace v1 {

TenantScope TenantScope::only(std::string tenant) {
  if (tenant.empty()) {
    throw Error(ErrorCode::INVALID_ARGUMENT, "tenant scope: the tenant must not be empty (use TenantScope::all())");
  }
  TenantScope scope;
  scope.tenant_ = std::move(tenant);
  return scope;
}

std::string TenantScope::to_string() const { return tenant_ ? "tenant " + quoted(*tenant_) : "all tenants"; }

}  // namespace v1
}  // namespace mspcore
