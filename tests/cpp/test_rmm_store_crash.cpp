// kill -9 during an import loses no committed row and duplicates none. A forked child
// imports 200,000 backup results (and 400 devices) in batches of 500 into a store, writing
// the number of each batch to a pipe once it has committed; the parent waits for a given
// number of reports (no clock: it blocks on the pipe), SIGKILLs the child, and reopens the
// store. Every batch reported committed is there in full, at most the one after it also
// (it may commit before its report is written), nothing else, and the killed run's progress
// row agrees. Each child re-imports from the first batch, as a re-run of the same file does;
// the last one runs to the end, and the counts equal the file's exactly.
#include <mspcore/rmm/rmm_store.hpp>

#include "rmm_store_fixtures.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <string>

using namespace mspcore;
using mspcore::test::TempDir;

namespace {

constexpr int kBatches = 400;
constexpr int kResultsPerBatch = 500;  // 400 x 500 = 200,000 results

ImportBatch batch(int k) {
  ImportBatch b;
  b.devices.push_back(test::device("tenant-" + std::to_string(k % 7), "D" + std::to_string(k)));
  b.backup_results.reserve(kResultsPerBatch);
  for (int i = 0; i < kResultsPerBatch; ++i) {
    BackupResult r = test::result("tenant-" + std::to_string(k % 7), "D" + std::to_string(k),
                                  "R" + std::to_string(k) + "-" + std::to_string(i));
    r.detail = "batch " + std::to_string(k);
    b.backup_results.push_back(std::move(r));
  }
  return b;
}

// The child: the whole import, one line per committed batch on `fd`.
[[noreturn]] void import_all(const std::string& path, int fd) {
  try {
    RmmStore store(path);
    store.begin_run("generated.json", "cove");
    for (int k = 0; k < kBatches; ++k) {
      store.consume(batch(k));
      const std::string line = std::to_string(k) + "\n";
      if (write(fd, line.data(), line.size()) != static_cast<ssize_t>(line.size())) _exit(3);
    }
    store.finish_run();
  } catch (...) {
    _exit(2);
  }
  _exit(0);
}

struct Child {
  pid_t pid = -1;
  FILE* reports = nullptr;
};

Child start(const std::string& path) {
  int fds[2];
  REQUIRE(pipe(fds) == 0);
  const pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    close(fds[0]);
    import_all(path, fds[1]);
  }
  close(fds[1]);
  return {pid, fdopen(fds[0], "r")};
}

// Blocks until the child reported batch `k` committed; returns the last batch reported.
int wait_for_report(Child& c, int k) {
  int last = -1;
  while (last < k && std::fscanf(c.reports, "%d", &last) == 1) {
  }
  return last;
}

// Batches in the store: each must be complete (kResultsPerBatch results and its device).
int committed_batches(const std::string& path) {
  SQLite::Database db(path);
  SQLite::Statement q(db, "SELECT detail, count(*), count(DISTINCT id) FROM backup_results GROUP BY detail");
  int batches = 0;
  while (q.executeStep()) {
    REQUIRE(q.getColumn(1).getInt() == kResultsPerBatch);
    REQUIRE(q.getColumn(2).getInt() == kResultsPerBatch);
    ++batches;
  }
  // Exactly batches 0 .. batches-1: no gap, nothing of a later one.
  if (batches > 0) {
    REQUIRE(db.execAndGet("SELECT count(*) FROM backup_results WHERE CAST(substr(detail, 7) AS INTEGER) >= " +
                          std::to_string(batches))
                .getInt() == 0);
  }
  REQUIRE(db.execAndGet("SELECT count(*) FROM devices").getInt() == batches);
  REQUIRE(db.execAndGet("PRAGMA integrity_check").getString() == "ok");
  return batches;
}

}  // namespace

TEST_CASE("rmm store: kill -9 during an import loses no committed batch and duplicates none", "[rmm_store][crash]") {
  TempDir dir;
  const std::string path = dir.file("rmm.db");
  int stored = 0;
  // Kill points: early, and after the file has grown; each child re-imports from batch 0.
  for (const int target : {3, 40, 150, 290}) {
    CAPTURE(target);
    Child c = start(path);
    const int reported = wait_for_report(c, target);
    REQUIRE(reported == target);
    kill(c.pid, SIGKILL);
    int status = 0;
    waitpid(c.pid, &status, 0);
    std::fclose(c.reports);
    REQUIRE(WIFSIGNALED(status));
    const int now = committed_batches(path);
    // Reported means committed; the next batch may have committed before its report.
    REQUIRE(now >= reported + 1);
    REQUIRE(now <= reported + 2);
    REQUIRE(now >= stored);
    stored = now;
    // The killed run's progress was committed with its batches: it agrees with the rows.
    const RmmStore store(path);
    const ImportRun run = store.runs(TenantScope::all()).back();
    CHECK_FALSE(run.finished.has_value());
    CHECK(run.report.batches == static_cast<std::size_t>(now));
  }
  // A complete re-import: what was there is unchanged, the rest inserted, nothing twice.
  Child c = start(path);
  REQUIRE(wait_for_report(c, kBatches - 1) == kBatches - 1);
  int status = 0;
  waitpid(c.pid, &status, 0);
  std::fclose(c.reports);
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);
  REQUIRE(committed_batches(path) == kBatches);
  const RmmStore store(path);
  CHECK(store.backup_results(TenantScope::all()).size() == static_cast<std::size_t>(kBatches * kResultsPerBatch));
  const ImportRun last = store.runs(TenantScope::all()).back();
  REQUIRE(last.finished.has_value());
  const std::size_t rows = kBatches * (kResultsPerBatch + 1);
  CHECK(last.report.unchanged == static_cast<std::size_t>(stored * (kResultsPerBatch + 1)));
  CHECK(last.report.inserted == rows - last.report.unchanged);
  CHECK(last.report.updated == 0);
}
