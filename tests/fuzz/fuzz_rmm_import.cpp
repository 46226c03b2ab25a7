// The RMM and backup importers over text in memory (import_text), every vendor: the first
// byte picks the vendor, the rest is the export. Whatever the bytes, an import ends in records
// and issues or in an Error with a code other than INTERNAL; the result document always parses.
#include <mspcore/rmm/import.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

struct Sink : mspcore::ImportSink {
  std::size_t items = 0;
  void consume(mspcore::ImportBatch&& b) override {
    if (b.empty()) {
      std::fprintf(stderr, "an empty batch reached the sink\n");
      std::abort();
    }
    items += b.devices.size() + b.backup_results.size() + b.patches.size() + b.events.size() + b.issues.size();
    (void)nlohmann::json::parse(mspcore::import_result_json(b));  // throws (and aborts) if not valid JSON
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const auto vendor = static_cast<mspcore::RmmVendor>(data[0] % mspcore::kRmmVendorCount);
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  mspcore::ImportOptions options;
  options.batch_rows = 1 + data[0] / mspcore::kRmmVendorCount % 4;  // batches of 1-4
  if (data[0] & 0x80) options.tenants = {{"Acme", "acme"}};
  Sink sink;
  try {
    mspcore::import_text(text, "fuzz", vendor, options, sink);
  } catch (const mspcore::Error& e) {
    if (e.code() == mspcore::ErrorCode::INTERNAL || e.what()[0] == '\0') {
      std::fprintf(stderr, "import_text: %s: '%s'\n", std::string(mspcore::error_code_name(e.code())).c_str(), e.what());
      std::abort();
    }
  }
  return 0;
}
