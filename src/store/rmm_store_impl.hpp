// Private to the RMM store: the state one RmmStore object holds (the connection and the run
// it has open), shared by its write and read files.
#pragma once

#include <mspcore/rmm/rmm_store.hpp>

#include "store/sqlite_db.hpp"

#include <memory>
#include <optional>
#include <string>
#include <utility>

namespace mspcore {
inline namespace v1 {

namespace detail::rmm_store {
struct Writers;  // the prepared upserts, made on the first batch (rmm_store.cpp)
}

struct RmmStore::Impl {
  struct OpenRun {
    std::string file;
    RmmImportReport report;  ///< as of the last committed batch
  };

  Impl(std::string p, SQLite::Database d);
  ~Impl();

  std::string path;
  SQLite::Database db;
  std::optional<OpenRun> run;
  std::unique_ptr<detail::rmm_store::Writers> writers;

  template <class Body>
  auto write(Body&& body) {
    return store::write_transaction(db, path, std::forward<Body>(body));
  }
  template <class Body>
  auto read(Body&& body) {
    return store::guard(path, std::forward<Body>(body));
  }
};

}  // namespace v1
}  // namespace mspcore
