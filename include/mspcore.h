/**
 * @file mspcore.h
 * @brief The stable C ABI of mspcore: one self-contained C99 header.
 *
 * Conventions (see docs/c-abi.md):
 * - every symbol is `msp_*`, every macro `MSP_*`;
 * - every fallible function returns an ::msp_status and takes an optional
 *   caller-owned ::msp_error as its last parameter (NULL is allowed);
 * - no exception, global or thread-local error state crosses this boundary;
 * - strings are UTF-8 and NUL-terminated; output strings go into caller
 *   buffers and the required size (including the NUL) is always reported.
 */
#ifndef MSPCORE_H
#define MSPCORE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** @name Version */
/**@{*/
#define MSP_VERSION_MAJOR 0 /**< ABI major: also the SONAME suffix. */
#define MSP_VERSION_MINOR 1 /**< Backwards-compatible additions. */
#define MSP_VERSION_PATCH 0 /**< Fixes only. */
/**@}*/

#if defined(_WIN32)
#define MSP_API __declspec(dllimport)
#elif defined(__GNUC__)
#define MSP_API __attribute__((visibility("default")))
#else
#define MSP_API
#endif

/**
 * @brief The one table of status codes, shared by C, C++, Python and docs.
 *
 * Each row is `X(NAME, value, group, description)`. `group` is the Python
 * builtin exception the code's class also derives from. Codes are appended,
 * never renumbered; 0 is success.
 */
#define MSP_STATUS_TABLE(X)                                                          \
  X(OK, 0, NONE, "success")                                                          \
  X(INVALID_ARGUMENT, 1, VALUE, "an argument is invalid")                            \
  X(PARSE_ERROR, 2, VALUE, "text could not be parsed")                               \
  X(OUT_OF_RANGE, 3, VALUE, "a value lies outside its allowed range")                \
  X(ARITHMETIC_OVERFLOW, 4, ARITHMETIC, "a result does not fit its type")            \
  X(DIVISION_BY_ZERO, 5, ARITHMETIC, "division by zero")                             \
  X(ROUNDING_NECESSARY, 6, ARITHMETIC, "rounding was needed but not allowed")        \
  X(CURRENCY_MISMATCH, 7, VALUE, "amounts in different currencies")                  \
  X(UNKNOWN_CURRENCY, 8, LOOKUP, "not an active ISO 4217 currency code")             \
  X(UNKNOWN_TIME_ZONE, 9, LOOKUP, "not an IANA time zone name")                      \
  X(NAIVE_DATETIME, 10, VALUE, "a date-time without a UTC offset or zone")           \
  X(INVALID_TIME, 11, VALUE, "not a valid date, time or instant")                    \
  X(BUFFER_TOO_SMALL, 12, VALUE, "the caller's buffer is too small")                 \
  X(NOT_FOUND, 13, LOOKUP, "the requested item does not exist")                      \
  X(INVALID_STATE, 14, VALUE, "the operation is not allowed in the current state")   \
  X(STORAGE_ERROR, 15, RUNTIME, "the database failed")                               \
  X(OUT_OF_MEMORY, 16, MEMORY, "memory could not be allocated")                      \
  X(INTERNAL, 17, RUNTIME, "internal error")                                         \
  X(UNKNOWN_HOLIDAY_RULE, 18, LOOKUP, "not a built-in holiday rule")                 \
  X(UNKNOWN_PRIORITY, 19, LOOKUP, "the priority has no targets and no default")      \
  X(INVALID_TIMELINE, 20, VALUE, "the events of a record are in an impossible order")

/** @cond MSP_INTERNAL */
#define MSP_STATUS_ENUM_ROW_(name, value, group, text) MSP_STATUS_##name = value,
/** @endcond */

/** @brief Result of every fallible function; see ::MSP_STATUS_TABLE. */
typedef enum msp_status { MSP_STATUS_TABLE(MSP_STATUS_ENUM_ROW_) MSP_STATUS_END_ } msp_status;

/** @brief Size of ::msp_error::message, including the terminating NUL. */
#define MSP_ERROR_MESSAGE_SIZE 512

/**
 * @brief Caller-owned error details, filled when a call fails.
 *
 * `row` is the 0-based row of a batch input that caused the error, or -1.
 * `message` names the bad value and where it was; it is truncated, always
 * NUL-terminated, to fit.
 */
typedef struct msp_error {
  msp_status code;
  int64_t row;
  char message[MSP_ERROR_MESSAGE_SIZE];
} msp_error;

/** @brief Library version at run time, e.g. "0.1.0". Never NULL. */
MSP_API const char *msp_version_string(void);

/** @brief Stable upper-case name of a status ("UNKNOWN_TIME_ZONE"); "UNKNOWN_STATUS" if unknown. */
MSP_API const char *msp_status_name(msp_status status);

/** @brief One-line English description of a status. Never NULL. */
MSP_API const char *msp_status_string(msp_status status);

/* ------------------------------------------------------------------ */
/** @name Money */
/**@{*/

/** @brief Rounding modes, as in java.math.RoundingMode. */
typedef enum msp_rounding {
  MSP_ROUNDING_HALF_EVEN = 0, /**< to nearest, ties to the even neighbour (banker's) */
  MSP_ROUNDING_HALF_UP = 1,   /**< to nearest, ties away from zero */
  MSP_ROUNDING_HALF_DOWN = 2, /**< to nearest, ties toward zero */
  MSP_ROUNDING_UP = 3,        /**< away from zero */
  MSP_ROUNDING_DOWN = 4,      /**< toward zero (truncate) */
  MSP_ROUNDING_CEILING = 5,   /**< toward +infinity */
  MSP_ROUNDING_FLOOR = 6,     /**< toward -infinity */
  MSP_ROUNDING_UNNECESSARY = 7 /**< exact result required, else ::MSP_STATUS_ROUNDING_NECESSARY */
} msp_rounding;

/**
 * @brief An exact amount of money, passed by value.
 *
 * The amount is `(hi * 2^64 + lo) * 10^-scale` (two's complement 128-bit
 * coefficient, at most 38 decimal digits). `currency` is the NUL-terminated
 * ISO 4217 code. Build one with msp_money_parse(); do not fill it by hand
 * unless you keep the coefficient within 38 digits.
 */
typedef struct msp_money {
  uint64_t lo;
  int64_t hi;
  int32_t scale;
  char currency[4];
} msp_money;

/** @brief Parse a plain decimal ("1234.5", "-0.01") in an ISO 4217 currency. */
MSP_API msp_status msp_money_parse(const char *amount, const char *currency, msp_money *out,
                                   msp_error *err);

/**
 * @brief Write the amount as a plain decimal ("-0.01") into `buf`.
 *
 * `*required` (if not NULL) receives the size needed including the NUL. With
 * a too small (or NULL) buffer the call returns ::MSP_STATUS_BUFFER_TOO_SMALL.
 */
MSP_API msp_status msp_money_format(const msp_money *money, char *buf, size_t buf_size,
                                    size_t *required, msp_error *err);

/** @brief `*out = *a + *b`; different currencies give ::MSP_STATUS_CURRENCY_MISMATCH. */
MSP_API msp_status msp_money_add(const msp_money *a, const msp_money *b, msp_money *out,
                                 msp_error *err);

/** @brief `*out = *a - *b`. */
MSP_API msp_status msp_money_subtract(const msp_money *a, const msp_money *b, msp_money *out,
                                      msp_error *err);

/** @brief Round to the currency's minor units (EUR 2, JPY 0, KWD 3). */
MSP_API msp_status msp_money_round(const msp_money *money, msp_rounding mode, msp_money *out,
                                   msp_error *err);

/**
 * @brief Split `total` by non-negative integer `ratios` into `n` parts that sum exactly to it.
 *
 * Parts are in minor units (or finer if `total` is); leftover units go by
 * largest remainder, ties to the earlier part: 100.00 by [1,1,1] is
 * 33.34, 33.33, 33.33. `parts` is caller-allocated with room for `n`.
 */
MSP_API msp_status msp_money_allocate(const msp_money *total, const int64_t *ratios, size_t n,
                                      msp_money *parts, msp_error *err);

/** @brief Minor units of an ISO 4217 currency (EUR 2, JPY 0, BHD 3). */
MSP_API msp_status msp_currency_minor_units(const char *currency, int32_t *out, msp_error *err);
/**@}*/

/* ------------------------------------------------------------------ */
/** @name Time */
/**@{*/

/**
 * @brief Parse an ISO-8601 instant with `Z` or a UTC offset into Unix seconds.
 *
 * Fractions of a second are truncated toward the past. A time without an
 * offset is ::MSP_STATUS_NAIVE_DATETIME.
 */
MSP_API msp_status msp_instant_parse(const char *text, int64_t *epoch_seconds, msp_error *err);

/** @brief Format Unix seconds as "YYYY-MM-DDThh:mm:ssZ" (21 bytes with the NUL). */
MSP_API msp_status msp_instant_format(int64_t epoch_seconds, char *buf, size_t buf_size,
                                      size_t *required, msp_error *err);

/**
 * @brief Local wall time (seconds since 1970-01-01T00:00 local) to Unix seconds in an IANA zone.
 *
 * A time in a DST gap moves forward by the gap; an ambiguous time takes the
 * first (earlier) occurrence.
 */
MSP_API msp_status msp_time_local_to_utc(const char *zone, int64_t local_seconds,
                                         int64_t *epoch_seconds, msp_error *err);

/** @brief Unix seconds to local wall seconds in an IANA zone. */
MSP_API msp_status msp_time_utc_to_local(const char *zone, int64_t epoch_seconds,
                                         int64_t *local_seconds, msp_error *err);
/**@}*/

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* MSPCORE_H */
