// Private: the one place where C++ exceptions become msp_status + msp_error.
#pragma once

#include <mspcore.h>
#include <mspcore/core/error.hpp>

#include <cstring>
#include <new>
#include <string_view>

namespace mspcore::capi {

inline msp_status fail(msp_error* err, msp_status code, std::string_view message, std::int64_t row = -1) noexcept {
  if (err != nullptr) {
    err->code = code;
    err->row = row;
    const std::size_t n = std::min(message.size(), sizeof err->message - 1);
    std::memcpy(err->message, message.data(), n);
    err->message[n] = '\0';
  }
  return code;
}

/// Runs `body` and turns anything it throws into a status; no exception crosses the ABI.
template <class Body>
msp_status guarded(msp_error* err, Body&& body) noexcept {
  try {
    body();
    if (err != nullptr) {
      err->code = MSP_STATUS_OK;
      err->row = -1;
      err->message[0] = '\0';
    }
    return MSP_STATUS_OK;
  } catch (const Error& e) {
    return fail(err, static_cast<msp_status>(e.code()), e.what(), e.row());
  } catch (const std::bad_alloc&) {
    return fail(err, MSP_STATUS_OUT_OF_MEMORY, "out of memory");
  } catch (const std::exception& e) {
    return fail(err, MSP_STATUS_INTERNAL, e.what());
  } catch (...) {
    return fail(err, MSP_STATUS_INTERNAL, "unknown internal error");
  }
}

/// Throws Error(INVALID_ARGUMENT) when a required pointer argument is NULL.
template <class T>
T& deref(T* p, const char* name) {
  if (p == nullptr) throw Error(ErrorCode::INVALID_ARGUMENT, std::string(name) + " must not be NULL");
  return *p;
}

inline std::string_view text(const char* s, const char* name) {
  return std::string_view(&deref(s, name));
}

/// Copies `value` and its NUL into a caller buffer; reports the size needed either way.
/// (NULL, 0) asks for the size only and succeeds: BUFFER_TOO_SMALL means a buffer was given
/// and is too small.
inline void write_string(std::string_view value, char* buf, std::size_t size, std::size_t* required) {
  if (required != nullptr) *required = value.size() + 1;
  if (buf == nullptr) {
    if (size != 0) throw Error(ErrorCode::INVALID_ARGUMENT, "buf is NULL but buf_size is " + std::to_string(size));
    if (required == nullptr) {
      throw Error(ErrorCode::INVALID_ARGUMENT, "a size query (buf NULL, buf_size 0) needs `required`");
    }
    return;
  }
  if (size < value.size() + 1) {
    throw Error(ErrorCode::BUFFER_TOO_SMALL, "buffer of " + std::to_string(size) + " bytes is too small: " +
                                                 std::to_string(value.size() + 1) + " needed");
  }
  std::memcpy(buf, value.data(), value.size());
  buf[value.size()] = '\0';
}

/// write_string for bytes (which may hold NULs): the same protocol, no terminating NUL, so
/// `*required` is the length itself.
inline void write_bytes(std::string_view value, unsigned char* buf, std::size_t size, std::size_t* required) {
  if (required != nullptr) *required = value.size();
  if (buf == nullptr) {
    if (size != 0) throw Error(ErrorCode::INVALID_ARGUMENT, "buf is NULL but buf_size is " + std::to_string(size));
    if (required == nullptr) {
      throw Error(ErrorCode::INVALID_ARGUMENT, "a size query (buf NULL, buf_size 0) needs `required`");
    }
    return;
  }
  if (size < value.size()) {
    throw Error(ErrorCode::BUFFER_TOO_SMALL, "buffer of " + std::to_string(size) + " bytes is too small: " +
                                                 std::to_string(value.size()) + " needed");
  }
  std::memcpy(buf, value.data(), value.size());
}

}  // namespace mspcore::capi
