// RmmStore::import_file: a vendor importer (mspcore::import_file) delivering into the store,
// wrapped in the bookkeeping of one import run.
#include <mspcore/core/error.hpp>
#include <mspcore/rmm/import.hpp>
#include <mspcore/rmm/rmm_store.hpp>

#include <exception>
#include <string>
#include <utility>

namespace mspcore {
inline namespace v1 {

namespace {

// Commits each batch into the store, then hands a copy to `observer` (when given).
class Committing final : public ImportSink {
 public:
  Committing(RmmStore& store, ImportSink* observer) : store_(store), observer_(observer) {}
  void consume(ImportBatch&& batch) override {
    if (observer_ == nullptr) {
      store_.consume(std::move(batch));
      return;
    }
    ImportBatch copy = batch;
    store_.consume(std::move(batch));
    observer_->consume(std::move(copy));
  }

 private:
  RmmStore& store_;
  ImportSink* observer_;
};

}  // namespace

RmmImportReport RmmStore::import_file(const std::string& path, RmmVendor vendor, const ImportOptions& options,
                                      ImportSink* committed) {
  begin_run(path, std::string(to_string(vendor)));
  Committing sink(*this, committed);
  try {
    mspcore::import_file(path, vendor, options, sink);
  } catch (const Error& e) {
    // The run says why it stopped; the batches before stay committed. A store that cannot
    // even record that keeps the run open-ended ("not finished"), which is also true.
    try {
      fail_run(e.what());
    } catch (const Error&) {
    }
    throw;
  }
  return finish_run();
}

}  // namespace v1
}  // namespace mspcore
