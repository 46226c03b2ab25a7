// Helpers shared by the Catch2 tests.
#pragma once

#include <mspcore/core/error.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <stdexcept>
#include <string>

namespace mspcore::test {

/// The code of the Error that `f` throws (OK if it throws none); the message goes to `message`.
inline ErrorCode code_of(const std::function<void()>& f, std::string* message = nullptr) {
  try {
    f();
  } catch (const Error& e) {
    if (message) *message = e.what();
    return e.code();
  }
  return ErrorCode::OK;
}

/// "CODE_NAME: message" of the Error that `f` throws, or "no error": one string that an
/// expectation about a bad input compares whole.
inline std::string error_text_of(const std::function<void()>& f) {
  std::string message;
  const ErrorCode code = code_of(f, &message);
  return code == ErrorCode::OK ? "no error" : std::string(error_code_name(code)) + ": " + message;
}

/// A fresh directory under the system's temp folder, removed with everything in it afterwards.
struct TempDir {
  std::filesystem::path path;
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "mspcore-test-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed for " + pattern);
    path = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string file(const char* name) const { return (path / name).string(); }
};

/// How a writer killed by kill_mid_transaction() ended.
struct KilledWriter {
  bool finished_first = false;  ///< the write ended before the WAL grew: nothing was killed
  int status = 0;               ///< waitpid() status of the child
};

/// Runs `write` in a forked child and SIGKILLs it once its uncommitted pages spill into the
/// SQLite WAL of `path` (more than 1 MiB), i.e. in the middle of its transaction.
inline KilledWriter kill_mid_transaction(const std::string& path, const std::function<void()>& write) {
  KilledWriter out;
  const pid_t child = fork();
  if (child < 0) throw std::runtime_error("fork failed");
  if (child == 0) {
    // _exit: the child must not run Catch2's or the parent's cleanup.
    try {
      write();
    } catch (...) {
      _exit(2);
    }
    _exit(0);
  }
  for (;;) {
    if (waitpid(child, &out.status, WNOHANG) == child) {
      out.finished_first = true;
      return out;
    }
    std::error_code ec;
    const auto size = std::filesystem::file_size(path + "-wal", ec);
    if (!ec && size > (1u << 20)) break;
    usleep(1000);
  }
  if (kill(child, SIGKILL) != 0 || waitpid(child, &out.status, 0) != child) {
    throw std::runtime_error("could not kill and reap the writer");
  }
  return out;
}

}  // namespace mspcore::test
