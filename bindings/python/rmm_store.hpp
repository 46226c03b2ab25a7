// Private to the extension: the RMM store as Python holds it (shared by the store's reads in
// rmm_store.cpp and the imports in rmm_import.cpp).
#pragma once

#include <mspcore/core/error.hpp>
#include <mspcore/rmm/rmm_store.hpp>

#include <mutex>
#include <optional>
#include <string>

namespace mspcore::python {

// The GIL is released while SQLite works (a busy file may wait seconds), so the connection
// gets its own lock; close() drops it for good.
class RmmStoreHandle {
 public:
  explicit RmmStoreHandle(const std::string& path) : store_(RmmStore(path)) {}

  template <class Body>
  auto with(Body&& body) {
    const std::lock_guard lock(mutex_);
    if (!store_) throw Error(ErrorCode::INVALID_STATE, "the RMM store is closed");
    return body(*store_);
  }
  void close() {
    const std::lock_guard lock(mutex_);
    store_.reset();
  }

 private:
  std::mutex mutex_;
  std::optional<RmmStore> store_;
};

}  // namespace mspcore::python
