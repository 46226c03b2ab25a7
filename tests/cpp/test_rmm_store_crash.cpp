// kill -9 during an import loses no committed row and duplicates none. The test writes a Cove
// EnumerateAccountStatistics response of 200,000 accounts (each one device and one Files &
// Folders session: 400,000 records) into its temp directory; a forked child imports it with
// RmmStore::import_file in batches of 1,000 records, writing a line to a pipe after each batch
// has committed. The parent waits for a given number of lines (it blocks on the pipe: no
// clock), SIGKILLs the child and opens the store: every batch reported committed is there in
// full, at most the one after it too (it may commit before its line is written), nothing
// else, no record twice, and the killed run's progress row agrees. Each child imports the
// file from its start, as a re-run does; the last one runs to the end, and the counts equal
// the file's exactly.
#include <mspcore/rmm/rmm_store.hpp>

#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <fstream>
#include <string>

using namespace mspcore;
using mspcore::test::TempDir;

namespace {

constexpr int kAccounts = 200'000;
constexpr std::size_t kBatchRows = 1000;              // records per batch
constexpr int kAccountsPerBatch = kBatchRows / 2;     // an account is a device and a result
constexpr int kBatches = kAccounts / kAccountsPerBatch;  // 400

// Account i: id 1000000 + i, tenant "tenant-<i % 7>", a completed Files & Folders session.
void write_cove_file(const std::string& path) {
  std::ofstream out(path);
  out << R"({"id": "jsonrpc", "jsonrpc": "2.0", "result": {"result": [)";
  for (int i = 0; i < kAccounts; ++i) {
    const std::string id = std::to_string(1'000'000 + i);
    const std::string at = std::to_string(1'748'779'200 + i);
    out << (i == 0 ? "" : ",") << R"({"AccountId": )" << id << R"(, "PartnerId": 42, "Settings": [{"AU": ")" << id
        << R"("}, {"AN": "host-)" << i << R"("}, {"AR": "tenant-)" << i % 7
        << R"("}, {"AT": "1"}, {"OT": "2"}, {"I78": "D01"}, {"T0": "5"}, {"TL": ")" << at << R"("}, {"F0": "5"}, )"
        << R"({"FL": ")" << at << R"("}]})";
  }
  out << "]}}\n";
}

// The child's report: a line after each committed batch.
class Progress final : public ImportSink {
 public:
  explicit Progress(int fd) : fd_(fd) {}
  void consume(ImportBatch&&) override {
    const std::string line = std::to_string(++batches_) + "\n";
    if (write(fd_, line.data(), line.size()) != static_cast<ssize_t>(line.size())) _exit(3);
  }

 private:
  int fd_;
  int batches_ = 0;
};

[[noreturn]] void import_all(const std::string& store_path, const std::string& file, int fd) {
  try {
    RmmStore store(store_path);
    ImportOptions options;
    options.batch_rows = kBatchRows;
    Progress progress(fd);
    store.import_file(file, RmmVendor::Cove, options, &progress);
  } catch (...) {
    _exit(2);
  }
  _exit(0);
}

struct Child {
  pid_t pid = -1;
  FILE* reports = nullptr;
};

Child start(const std::string& store_path, const std::string& file) {
  int fds[2];
  REQUIRE(pipe(fds) == 0);
  const pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    close(fds[0]);
    import_all(store_path, file, fds[1]);
  }
  close(fds[1]);
  return {pid, fdopen(fds[0], "r")};
}

// Blocks until the child reported `n` committed batches (or ended); returns the last count.
int wait_for_reports(Child& c, int n) {
  int last = 0;
  while (last < n && std::fscanf(c.reports, "%d", &last) == 1) {
  }
  return last;
}

int end_of(Child& c) {
  int status = 0;
  waitpid(c.pid, &status, 0);
  std::fclose(c.reports);
  return status;
}

// Whole batches in the store: accounts 0 .. 500 * batches - 1 each as one device and one
// result, nothing else (the keys are primary keys: a record twice cannot hide in a count).
int stored_batches(const std::string& path) {
  SQLite::Database db(path);
  const int devices = db.execAndGet("SELECT count(*) FROM devices").getInt();
  REQUIRE(db.execAndGet("SELECT count(*) FROM backup_results").getInt() == devices);
  REQUIRE(devices % kAccountsPerBatch == 0);
  if (devices > 0) {
    REQUIRE(db.execAndGet("SELECT min(CAST(id AS INTEGER)) FROM devices").getInt() == 1'000'000);
    REQUIRE(db.execAndGet("SELECT max(CAST(id AS INTEGER)) FROM devices").getInt() == 1'000'000 + devices - 1);
    REQUIRE(db.execAndGet("SELECT count(*) FROM backup_results r JOIN devices d ON d.source = r.source AND d.id = r.device_id").getInt() ==
            devices);
  }
  REQUIRE(db.execAndGet("PRAGMA integrity_check").getString() == "ok");
  return devices / kAccountsPerBatch;
}

}  // namespace

TEST_CASE("rmm store: kill -9 during an import loses no committed batch and duplicates none", "[rmm_store][crash]") {
  TempDir dir;
  const std::string file = dir.file("cove_200k.json");
  const std::string path = dir.file("rmm.db");
  write_cove_file(file);
  int stored = 0;
  for (const int target : {3, 90, 260}) {
    CAPTURE(target);
    Child c = start(path, file);
    REQUIRE(wait_for_reports(c, target) == target);
    kill(c.pid, SIGKILL);
    REQUIRE(WIFSIGNALED(end_of(c)));
    const int now = stored_batches(path);
    // Reported means committed; the next batch may have committed before its report.
    REQUIRE(now >= target);
    REQUIRE(now <= target + 1);
    REQUIRE(now >= stored);
    stored = now;
    // The run's progress was committed with its batches: it agrees with the rows.
    const RmmStore store(path);
    const ImportRun run = store.runs(TenantScope::all()).back();
    CHECK_FALSE(run.finished.has_value());
    CHECK(run.report.batches == static_cast<std::size_t>(now));
  }
  // A complete re-import: what was stored is unchanged, the rest inserted, nothing twice.
  Child c = start(path, file);
  REQUIRE(wait_for_reports(c, kBatches) == kBatches);
  const int status = end_of(c);
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);
  REQUIRE(stored_batches(path) == kBatches);
  const RmmStore store(path);
  CHECK(store.devices(TenantScope::all()).size() == static_cast<std::size_t>(kAccounts));
  CHECK(store.backup_results(TenantScope::all()).size() == static_cast<std::size_t>(kAccounts));
  const ImportRun last = store.runs(TenantScope::all()).back();
  REQUIRE(last.finished.has_value());
  CHECK(last.report.batches == static_cast<std::size_t>(kBatches));
  CHECK(last.report.unchanged == static_cast<std::size_t>(stored) * kBatchRows);
  CHECK(last.report.inserted == static_cast<std::size_t>(2 * kAccounts) - last.report.unchanged);
  CHECK(last.report.updated == 0);
  CHECK(last.report.issues == 0);
}
