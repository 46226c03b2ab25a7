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
 *   buffers and the required size (including the NUL) is always reported;
 *   (NULL, 0) is a size query that succeeds, a short buffer is MSP_STATUS_BUFFER_TOO_SMALL;
 * - a struct the caller fills that may grow starts with `size_t struct_size`, set by its
 *   MSP_<NAME>_INIT initialiser; a size the library does not know is MSP_STATUS_INVALID_ARGUMENT.
 */
#ifndef MSPCORE_H
#define MSPCORE_H

#include <stddef.h>
#include <stdint.h>

#include "mspcore/version.h" /* MSP_VERSION_MAJOR, _MINOR, _PATCH */

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32)
#define MSP_API __declspec(dllimport)
#elif defined(__GNUC__)
#define MSP_API __attribute__((visibility("default")))
#else
#define MSP_API
#endif

/**
 * @brief Result of every fallible function.
 *
 * The values come from the one status table, mspcore/status.def (also behind the C++
 * mspcore::ErrorCode and the Python exception classes). Codes are appended, never
 * renumbered; 0 is success.
 */
typedef enum msp_status {
#define MSP_STATUS(name, value, group, text) MSP_STATUS_##name = value,
#include "mspcore/status.def"
  MSP_STATUS_END_,                 /* one past the last code */
  MSP_STATUS_MAX_ENUM_ = 0x7fffffff /* keeps any int32 a valid value of the type */
} msp_status;

/** @brief Size of msp_error.message, including the terminating NUL. */
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
  MSP_ROUNDING_UNNECESSARY = 7, /**< exact result required, else MSP_STATUS_ROUNDING_NECESSARY */
  MSP_ROUNDING_MAX_ENUM_ = 0x7fffffff /* keeps any int32 a valid value of the type */
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
 * buf NULL and buf_size 0 the call only reports the size and succeeds; with a buffer that
 * is too small it returns MSP_STATUS_BUFFER_TOO_SMALL.
 */
MSP_API msp_status msp_money_format(const msp_money *money, char *buf, size_t buf_size,
                                    size_t *required, msp_error *err);

/** @brief `*out = *a + *b`; different currencies give MSP_STATUS_CURRENCY_MISMATCH. */
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
 * offset is MSP_STATUS_NAIVE_DATETIME.
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

/* ------------------------------------------------------------------ */
/** @name Contracts */
/**@{*/

/**
 * @brief Prorate a periodic amount over part of its billing period, rounding once.
 *
 * Dates are days since 1970-01-01; the period [`period_start`, `period_end`) and the
 * range [`start`, `end`) are half-open. `convention` is "actual" (days / days of the
 * period), "30/360" (30/360 Bond basis day count / 30 x whole months of the period) or
 * "none" (the full amount while the range overlaps the period). The range is clipped to
 * the period (outside it gives 0); the exact product is rounded with `rounding` to the
 * currency's minor units: EUR 100.00 for February 2024 from Feb 15 is 51.72 (actual) or
 * 53.33 (30/360). A bad convention, `start` after `end`, an empty period or (30/360) a
 * period that is not whole months give MSP_STATUS_INVALID_ARGUMENT.
 */
MSP_API msp_status msp_prorate(const msp_money *amount, int32_t period_start, int32_t period_end,
                               int32_t start, int32_t end, const char *convention,
                               msp_rounding rounding, msp_money *out, msp_error *err);

/**
 * @brief Reconcile contracts with observations and propose true-ups (docs/contract-trueup.md).
 *
 * `request_json` is {"contracts": [...], "observations": [...], "as_of": "...",
 * "sku_map": {...}, "rules": {...}}; on success `*result_json` receives a new NUL-terminated
 * JSON document {"as_of", "deviations", "proposals", "held", "unmapped"} that the caller
 * frees with msp_string_free() (the result can be large, so the library allocates it).
 * A bad record fails the call with its index in `err->row` and `*result_json` set to NULL.
 */
MSP_API msp_status msp_trueup_reconcile_json(const char *request_json, char **result_json,
                                             msp_error *err);

/** @brief Free a string the library allocated; NULL is a no-op. */
MSP_API void msp_string_free(char *s);
/**@}*/

/* ------------------------------------------------------------------ */
/** @name Security: CVSS */
/**@{*/

/** @brief CVSS specification of a vector (from its "CVSS:x.y/" prefix). */
typedef enum msp_cvss_version {
  MSP_CVSS_VERSION_3_0 = 30, /**< CVSS v3.0 */
  MSP_CVSS_VERSION_3_1 = 31, /**< CVSS v3.1 */
  MSP_CVSS_VERSION_4_0 = 40  /**< CVSS v4.0 */
} msp_cvss_version;

/** @brief Qualitative severity rating of a CVSS score. */
typedef enum msp_cvss_severity {
  MSP_CVSS_SEVERITY_NONE = 0,     /**< 0.0 */
  MSP_CVSS_SEVERITY_LOW = 1,      /**< 0.1 - 3.9 */
  MSP_CVSS_SEVERITY_MEDIUM = 2,   /**< 4.0 - 6.9 */
  MSP_CVSS_SEVERITY_HIGH = 3,     /**< 7.0 - 8.9 */
  MSP_CVSS_SEVERITY_CRITICAL = 4  /**< 9.0 - 10.0 */
} msp_cvss_severity;

/**
 * @brief The scores of one CVSS vector, in exact integer tenths (9.8 is 98).
 *
 * v3.x: base, temporal and environmental are always set; `score_tenths` is the
 * environmental score if the vector gives an environmental metric a value other
 * than X, else the temporal score if it gives a temporal one, else the base score.
 * v4.0: `score_tenths` is the score of the vector as given, `base_tenths` the score
 * of its base metrics alone; temporal and environmental are -1 (none).
 */
typedef struct msp_cvss_result {
  msp_cvss_version version;     /**< specification of the vector */
  int32_t base_tenths;          /**< base score (v4.0: CVSS-B) */
  int32_t temporal_tenths;      /**< v3.x temporal score, -1 for v4.0 */
  int32_t environmental_tenths; /**< v3.x environmental score, -1 for v4.0 */
  int32_t score_tenths;         /**< the score to use (see above) */
  msp_cvss_severity severity;   /**< rating of `score_tenths` */
  char severity_name[12];       /**< "None", "Low", "Medium", "High" or "Critical", NUL-terminated */
} msp_cvss_result;

/**
 * @brief Parse and score a CVSS v3.0, v3.1 or v4.0 vector ("CVSS:3.1/AV:N/AC:L/...").
 *
 * A malformed vector (empty, missing or unsupported prefix, trailing '/', unknown,
 * duplicate or missing mandatory metric, bad value) gives MSP_STATUS_PARSE_ERROR
 * and a message that quotes the vector and names the problem; `*out` is then left
 * unchanged.
 */
MSP_API msp_status msp_cvss_score(const char *vector, msp_cvss_result *out, msp_error *err);

/**
 * @brief Score `n` NUL-terminated vectors into columns, without failing per row.
 *
 * `score_tenths[i]` receives the score (msp_cvss_result::score_tenths) of
 * `vectors[i]`, or -1; `status[i]` receives MSP_STATUS_OK or the row's error
 * (MSP_STATUS_PARSE_ERROR; MSP_STATUS_INVALID_ARGUMENT for a NULL row). The
 * call itself fails only for NULL columns with `n > 0`. Both output columns are
 * caller-allocated with room for `n`.
 */
MSP_API msp_status msp_cvss_score_many(const char *const *vectors, size_t n, int32_t *score_tenths,
                                       int32_t *status, msp_error *err);

/** @brief "None", "Low", "Medium", "High" or "Critical"; "" for a value outside the enum. Never NULL. */
MSP_API const char *msp_cvss_severity_name(msp_cvss_severity severity);
/**@}*/

/* ------------------------------------------------------------------ */
/** @name Security: alerts
 * JSON in, JSON out (docs/security-alerts.md). To normalise a batch, call
 * msp_alert_normalize_json() per record: each record gets its own status.
 */
/**@{*/

/**
 * @brief Normalise one security alert into the common record, written as JSON into `buf`.
 *
 * `source` is "sentinelone", "sentinelone_uam", "rocketcyber" or "barracuda_xdr";
 * `payload_json` is the vendor's JSON object for one alert. `*required` receives the size
 * needed including the NUL. An unknown source, a payload without id or a field of the
 * wrong type is MSP_STATUS_INVALID_ARGUMENT, malformed JSON or a malformed CVSS vector
 * MSP_STATUS_PARSE_ERROR, a bad time MSP_STATUS_INVALID_TIME (or NAIVE_DATETIME), a last-seen
 * time before the first-seen time MSP_STATUS_INVALID_TIMELINE; the message names the record.
 */
MSP_API msp_status msp_alert_normalize_json(const char *source, const char *payload_json, char *buf,
                                            size_t buf_size, size_t *required, msp_error *err);

/**
 * @brief The ITIL priority (impact x urgency) of a normalised alert, with the inputs that gave it.
 *
 * `alert_json` is a record as msp_alert_normalize_json() writes it. `context_json` is
 * {"asset_criticality": "unknown"|"low"|"medium"|"high"|"critical", "scope": n} (both optional;
 * NULL: criticality unknown, scope the alert's affected assets). `config_json` replaces parts
 * of the default configuration, or is NULL for the defaults. The result
 * {"priority", "label", "impact", "urgency", "psa", "explanation"} is written into `buf`;
 * `*required` receives the size needed including the NUL.
 */
MSP_API msp_status msp_alert_prioritize_json(const char *alert_json, const char *context_json,
                                             const char *config_json, char *buf, size_t buf_size,
                                             size_t *required, msp_error *err);
/**@}*/

/* ------------------------------------------------------------------ */
/** @name Security: client risk score
 * JSON in, JSON out (docs/security-risk.md).
 */
/**@{*/

/**
 * @brief The client risk score 0-100 with grade, coverage, per-factor contributions and model version.
 *
 * `inputs_json` holds what is known about the client (incidents, unmitigated_threats,
 * vulnerabilities, kev_catalog, lifecycle, backup_compliance, patch_compliance, controls,
 * risk_register; every member optional: a missing one lowers the coverage and counts as the
 * model's missing_factor_risk, never as perfect). `model_json` replaces parts of the default
 * model "mspcore-risk-1" (and then must give its own "version"), or is NULL for the default.
 * The result {"score", "grade", "coverage", "contributions", "model_version", "risk_register"}
 * is written into `buf`; `*required` receives the size needed including the NUL. Unknown keys
 * are MSP_STATUS_INVALID_ARGUMENT, percentages over 100 or negative counts
 * MSP_STATUS_OUT_OF_RANGE, a malformed CVSS vector MSP_STATUS_PARSE_ERROR naming the
 * vulnerability, malformed JSON MSP_STATUS_PARSE_ERROR.
 */
MSP_API msp_status msp_risk_score_json(const char *inputs_json, const char *model_json, char *buf,
                                       size_t buf_size, size_t *required, msp_error *err);

/** @brief The default risk model as JSON, in the format `model_json` takes, written into `buf`. */
MSP_API msp_status msp_risk_model_default_json(char *buf, size_t buf_size, size_t *required, msp_error *err);
/**@}*/

/* ------------------------------------------------------------------ */
/** @name Business calendars
 * Instants are int64 Unix seconds (UTC). Pauses are given as two parallel arrays of starts
 * and ends (`n_pauses` may be 0, the arrays then NULL). A calendar is immutable and may be
 * shared between threads.
 */
/**@{*/

/** @brief Opaque compiled business calendar. */
typedef struct msp_calendar msp_calendar;

/** @brief Build a calendar from its JSON (docs/calendar.md); `*out` is freed with msp_calendar_free(). */
MSP_API msp_status msp_calendar_new_from_json(const char *json, msp_calendar **out, msp_error *err);

/** @brief Free a calendar; NULL is a no-op. */
MSP_API void msp_calendar_free(msp_calendar *calendar);

/** @brief `*out` = 1 if `t` lies inside an open window, else 0. */
MSP_API msp_status msp_calendar_is_open(const msp_calendar *calendar, int64_t t, int *out, msp_error *err);

/** @brief The first open instant >= `t`. */
MSP_API msp_status msp_calendar_next_open(const msp_calendar *calendar, int64_t t, int64_t *out,
                                          msp_error *err);

/** @brief Open seconds in [a, b) outside the pauses; 0 when b <= a. */
MSP_API msp_status msp_calendar_business_seconds_between(const msp_calendar *calendar, int64_t a, int64_t b,
                                                         const int64_t *pause_starts, const int64_t *pause_ends,
                                                         size_t n_pauses, int64_t *out, msp_error *err);

/** @brief The earliest instant at which `seconds` open seconds have passed since `t` (a close stays a close). */
MSP_API msp_status msp_calendar_add_business(const msp_calendar *calendar, int64_t t, int64_t seconds,
                                             const int64_t *pause_starts, const int64_t *pause_ends,
                                             size_t n_pauses, int64_t *out, msp_error *err);

/** @brief The latest instant x with `seconds` open seconds in [x, t). */
MSP_API msp_status msp_calendar_subtract_business(const msp_calendar *calendar, int64_t t, int64_t seconds,
                                                  const int64_t *pause_starts, const int64_t *pause_ends,
                                                  size_t n_pauses, int64_t *out, msp_error *err);

/** @brief Move `days` dates with open hours, keep the local time of day, then next open. */
MSP_API msp_status msp_calendar_add_business_days(const msp_calendar *calendar, int64_t t, int32_t days,
                                                  int64_t *out, msp_error *err);

/**
 * @brief Columnar business_seconds_between over `n` rows.
 *
 * `status[i]` receives the row's status (0 = OK) and `out[i]` 0 for a failed row; the call
 * itself fails only for bad arguments.
 */
MSP_API msp_status msp_calendar_business_seconds_between_many(const msp_calendar *calendar, const int64_t *starts,
                                                              const int64_t *ends, size_t n, int64_t *out,
                                                              int32_t *status, msp_error *err);

/** @brief Columnar add_business: `out[i]` = add_business(starts[i], seconds[i]). */
MSP_API msp_status msp_calendar_add_business_many(const msp_calendar *calendar, const int64_t *starts,
                                                  const int64_t *seconds, size_t n, int64_t *out,
                                                  int32_t *status, msp_error *err);
/**@}*/

/* ------------------------------------------------------------------ */
/** @name Security: escalation
 * JSON policy in, JSON status out (docs/security-risk.md, section "Escalation").
 */
/**@{*/

/**
 * @brief Which escalation steps of a priority's ladder are due at `now`, and the next one.
 *
 * `policy_json` is {"ladders": {"P1": [{"name", "after_minutes", "condition"}, ...], ...},
 * "default": [...]}. Instants are Unix seconds. `acknowledged_at` points to the
 * acknowledgement instant, or is NULL when the incident is not acknowledged; an
 * acknowledgement after `now` is ignored. `calendar` makes `after_minutes` business
 * minutes; NULL counts 24x7. The result {"priority", "acknowledged", "acknowledged_at",
 * "due", "stopped", "next"} (instants as ISO-8601 UTC) is written into `buf`; `*required`
 * receives the size needed including the NUL. A priority without a ladder and no default is
 * MSP_STATUS_UNKNOWN_PRIORITY; `now` or the acknowledgement before `opened_at` is
 * MSP_STATUS_INVALID_TIMELINE; a bad policy MSP_STATUS_INVALID_ARGUMENT or MSP_STATUS_PARSE_ERROR.
 */
MSP_API msp_status msp_escalation_due_json(const char *policy_json, int32_t priority, int64_t opened_at,
                                           int64_t now, const int64_t *acknowledged_at,
                                           const msp_calendar *calendar, char *buf, size_t buf_size,
                                           size_t *required, msp_error *err);
/**@}*/

/* ------------------------------------------------------------------ */
/** @name SLA evaluation */
/**@{*/

/** @brief Opaque validated SLA policy (immutable, shareable between threads). */
typedef struct msp_sla_policy msp_sla_policy;

/** @brief "No instant" in int64 instant columns (INT64_MIN). */
#define MSP_NO_INSTANT INT64_MIN

/** @brief SLA statuses (docs/sla.md). */
typedef enum msp_sla_status {
  MSP_SLA_STATUS_MET = 0,
  MSP_SLA_STATUS_BREACHED = 1,
  MSP_SLA_STATUS_AT_RISK = 2,
  MSP_SLA_STATUS_PAUSED = 3,
  MSP_SLA_STATUS_IN_PROGRESS = 4,
  MSP_SLA_STATUS_NO_TARGET = 5,
  MSP_SLA_STATUS_INVALID = 6
} msp_sla_status;

/** @brief Build a policy from its JSON (docs/sla.md); free it with msp_sla_policy_free(). */
MSP_API msp_status msp_sla_policy_new_from_json(const char *json, msp_sla_policy **out, msp_error *err);

/** @brief Free a policy; NULL is a no-op. */
MSP_API void msp_sla_policy_free(msp_sla_policy *policy);

/**
 * @brief Evaluate one ticket (ticket JSON, docs/sla.md) as of `now`; the result is JSON
 * `{"response": {...}, "resolution": {...}, "plan": {...}}` written into `buf`.
 *
 * `*required` receives the size needed including the NUL. A bad ticket is not a failed call:
 * its results have status "invalid" with the error; malformed JSON is MSP_STATUS_PARSE_ERROR.
 */
MSP_API msp_status msp_sla_evaluate_json(const msp_sla_policy *policy, const char *ticket_json, int64_t now,
                                         int explain, char *buf, size_t buf_size, size_t *required,
                                         msp_error *err);

/**
 * @brief Columnar SLA input: `n` tickets; see mspcore::SlaColumns. Optional arrays may be NULL.
 *
 * Start from MSP_SLA_COLUMNS_INIT: it sets `struct_size` and leaves every column NULL
 * (docs/c-abi.md, "Structs that grow").
 */
typedef struct msp_sla_columns {
  size_t struct_size; /**< sizeof(msp_sla_columns) as the caller was compiled */
  size_t n;
  const int64_t *created;
  const int64_t *first_response; /**< MSP_NO_INSTANT when none; NULL = none for every row */
  const int64_t *resolved;       /**< as first_response */
  const int64_t *planned;        /**< as first_response */
  const int32_t *priority;       /**< index into priority_names */
  const char *const *priority_names;
  size_t n_priority_names;
  const int64_t *pause_offsets; /**< n + 1 offsets into the pause arrays, or NULL for no pauses */
  const int64_t *pause_starts;
  const int64_t *pause_ends;    /**< MSP_NO_INSTANT for a pause still running */
} msp_sla_columns;

/** @brief Initialiser of msp_sla_columns: `struct_size` set, no rows, every column NULL. */
#define MSP_SLA_COLUMNS_INIT {sizeof(msp_sla_columns), 0, NULL, NULL, NULL, NULL, NULL, NULL, 0, NULL, NULL, NULL}

/**
 * @brief Columnar output of one target: all five columns of `n` rows (pass NULL for the whole
 * struct to skip a target).
 *
 * The caller allocates the struct as well as the columns, so it carries `struct_size` too: start
 * from MSP_SLA_RESULT_COLUMNS_INIT.
 */
typedef struct msp_sla_result_columns {
  size_t struct_size;        /**< sizeof(msp_sla_result_columns) as the caller was compiled */
  int8_t *status;            /**< msp_sla_status */
  int64_t *due;              /**< MSP_NO_INSTANT when none */
  int64_t *elapsed_seconds;
  int64_t *remaining_minutes; /**< MSP_NO_INSTANT when none */
  double *consumed_ratio;     /**< NaN when none */
} msp_sla_result_columns;

/** @brief Initialiser of msp_sla_result_columns: `struct_size` set, every column NULL. */
#define MSP_SLA_RESULT_COLUMNS_INIT {sizeof(msp_sla_result_columns), NULL, NULL, NULL, NULL, NULL}

/**
 * @brief Evaluate columns of tickets as of `now`: `response`, `resolution`, `plan` (each may be
 * NULL to skip the target) and `row_status` (per-row status code, may be NULL).
 *
 * The `struct_size` of `in` and of each result struct given must be a size this library knows
 * (the MSP_*_INIT initialisers set it), else MSP_STATUS_INVALID_ARGUMENT naming the struct.
 */
MSP_API msp_status msp_sla_evaluate_columns(const msp_sla_policy *policy, const msp_sla_columns *in, int64_t now,
                                            msp_sla_result_columns *response, msp_sla_result_columns *resolution,
                                            msp_sla_result_columns *plan, int32_t *row_status, msp_error *err);
/**@}*/

/* ------------------------------------------------------------------ */
/** @name True-up ledger
 * An append-only SQLite file of contract line changes and true-up proposals with their
 * decisions (docs/contract-ledger.md). Every write is one transaction carrying who (`actor`,
 * required), when (`at`, Unix seconds, given by the caller: the library never reads the
 * clock) and why (`reason`, NULL for none); bad input writes nothing. Lines and proposals
 * are the JSON objects of docs/contract-trueup.md; dates are "YYYY-MM-DD". A ledger handle
 * is used by one thread at a time; several handles and processes may share one file.
 */
/**@{*/

/** @brief Opaque connection to a true-up ledger file. */
typedef struct msp_trueup_ledger msp_trueup_ledger;

/**
 * @brief Open or create the ledger at `path` and migrate it to the current schema.
 *
 * A file that is not SQLite, holds another application's data or has a newer schema than
 * this library gives MSP_STATUS_STORAGE_ERROR naming the path. Free `*out` with
 * msp_trueup_ledger_free().
 */
MSP_API msp_status msp_trueup_ledger_open(const char *path, msp_trueup_ledger **out, msp_error *err);

/** @brief Close a ledger; NULL is a no-op. */
MSP_API void msp_trueup_ledger_free(msp_trueup_ledger *ledger);

/**
 * @brief Record a new state of a contract line (JSON object), effective from `effective_date`.
 *
 * `*sequence` (if not NULL) receives the event's sequence number. An invalid line
 * (negative quantity, unknown currency, term_end before term_start, ...) gives its error
 * and writes nothing.
 */
MSP_API msp_status msp_trueup_ledger_record_change_json(msp_trueup_ledger *ledger, const char *line_json,
                                                        const char *effective_date, const char *actor, int64_t at,
                                                        const char *reason, int64_t *sequence, msp_error *err);

/**
 * @brief Store proposals (a JSON list, or one object) in state "proposed", all or none.
 *
 * `run_id` names a stored run of the same tenant, or is -1. Their ids go into `ids`, which
 * has room for `ids_cap`; `*count` (if not NULL) receives the number of proposals. With too
 * little room the call returns MSP_STATUS_BUFFER_TOO_SMALL and writes nothing.
 */
MSP_API msp_status msp_trueup_ledger_propose_json(msp_trueup_ledger *ledger, const char *proposals_json,
                                                  const char *actor, int64_t at, const char *reason, int64_t run_id,
                                                  int64_t *ids, size_t ids_cap, size_t *count, msp_error *err);

/**
 * @brief Decide a proposed proposal: `decision` is "approved" or "rejected".
 *
 * `tenant` is the caller's tenant scope: NULL for all tenants (an MSP-wide caller), else the
 * one tenant whose proposals the caller may touch ("" is MSP_STATUS_INVALID_ARGUMENT). An
 * unknown id, and the id of another tenant's proposal, are MSP_STATUS_NOT_FOUND with the same
 * message; a proposal that is not in state "proposed" is MSP_STATUS_INVALID_STATE.
 */
MSP_API msp_status msp_trueup_ledger_decide(msp_trueup_ledger *ledger, const char *tenant, int64_t proposal_id,
                                            const char *decision, const char *actor, int64_t at,
                                            const char *reason, msp_error *err);

/**
 * @brief Apply an approved proposal: its line gets the quantity plus (true_up) or minus
 * (true_down) the delta, effective at the proposal's effective date, in one transaction.
 *
 * `tenant` is the tenant scope as in msp_trueup_ledger_decide(): an id outside it is
 * MSP_STATUS_NOT_FOUND, exactly as an unknown id. `*sequence` (if not NULL) receives the
 * sequence number of that line change. A proposal that is not approved, or a true_down below
 * zero, is MSP_STATUS_INVALID_STATE; a line the ledger has no state of on that date is
 * MSP_STATUS_NOT_FOUND.
 */
MSP_API msp_status msp_trueup_ledger_apply(msp_trueup_ledger *ledger, const char *tenant, int64_t proposal_id,
                                           const char *actor, int64_t at, const char *reason, int64_t *sequence,
                                           msp_error *err);

/**
 * @brief The quantity of a line on `date`: that of the latest change effective on or before it.
 *
 * `known_at` replays the ledger as it was at that instant (only changes recorded at or
 * before it count); MSP_NO_INSTANT means everything recorded. A line without a state then
 * is MSP_STATUS_NOT_FOUND.
 */
MSP_API msp_status msp_trueup_ledger_quantity_as_of(const msp_trueup_ledger *ledger, const char *tenant,
                                                    const char *contract_id, const char *line_id, const char *date,
                                                    int64_t known_at, int64_t *quantity, msp_error *err);

/**
 * @brief The tenant's events in order as a JSON list, written into `buf`.
 *
 * `contract_id` and `line_id` (NULL for all) narrow it to one contract or line. Each event
 * has sequence, kind, tenant, contract_id, line_id, proposal_id, run_id, quantity,
 * effective_date, actor, at, reason and detail (the stored line, proposal or run).
 * `*required` receives the size needed including the NUL.
 */
MSP_API msp_status msp_trueup_ledger_history_json(const msp_trueup_ledger *ledger, const char *tenant,
                                                  const char *contract_id, const char *line_id, char *buf,
                                                  size_t buf_size, size_t *required, msp_error *err);
/**@}*/

/* ------------------------------------------------------------------ */
/** @name RMM store
 * The normalised RMM and backup records (devices, backup results, patches, monitoring events)
 * in one SQLite file, written by idempotent, crash-safe imports and read with a tenant scope
 * (docs/rmm-store.md). Records come back as JSON objects with exactly the keys of the record
 * field lists (docs/rmm-records.md). A store handle is used by one thread at a time; several
 * handles and processes may share one file.
 */
/**@{*/

/** @brief Opaque connection to an RMM store file. */
typedef struct msp_rmm_store msp_rmm_store;

/** @brief The most bytes, with the NUL, that msp_rmm_store_import() writes: its buffer must hold this many. */
#define MSP_RMM_IMPORT_REPORT_SIZE 256

/**
 * @brief Open or create the store at `path` and migrate it to the current schema.
 *
 * A file that is not SQLite, holds another application's data or has a newer schema than
 * this library gives MSP_STATUS_STORAGE_ERROR naming the path. Close `*out` with
 * msp_rmm_store_close().
 */
MSP_API msp_status msp_rmm_store_open(const char *path, msp_rmm_store **out, msp_error *err);

/** @brief Close a store; NULL is a no-op. */
MSP_API void msp_rmm_store_close(msp_rmm_store *store);

/**
 * @brief Import the export file `path` of `vendor` ("datto_rmm", "datto_bcdr", "cove",
 * "ncentral") as one import run; its report goes into `buf` as JSON {"run_id", "batches",
 * "inserted", "updated", "unchanged", "issues"}.
 *
 * `options_json` is NULL or the options of msp_rmm_import_json() ({"tenants", "default_tenant",
 * "batch_rows"}). Each
 * batch is committed with the run's progress; re-importing the same file changes nothing
 * (every record "unchanged"). The buffer is checked before anything is imported: it must
 * hold MSP_RMM_IMPORT_REPORT_SIZE bytes, else MSP_STATUS_BUFFER_TOO_SMALL and nothing is
 * imported (a size query, `buf` NULL and `buf_size` 0, also imports nothing). A file that
 * cannot be read to its end fails with its error after the batches before were committed;
 * the run is stored as failed with the message.
 */
MSP_API msp_status msp_rmm_store_import(msp_rmm_store *store, const char *path, const char *vendor,
                                        const char *options_json, char *buf, size_t buf_size, size_t *required,
                                        msp_error *err);

/**
 * @brief Read the store: `request_json` {"tenant": "<tenant>" or null (all tenants), "what":
 * ..., ...}; the answer, {"<what>": ...}, goes into `buf` (buffer protocol of docs/c-abi.md).
 *
 * "what" is "devices", "patches", "events", "backup_results" (optionally "since" and
 * "until", ISO-8601 instants: since <= at < until), "runs", "issues" (optionally "run": an
 * id; without it each file's latest run), or one record: "device", "backup_result", "event"
 * with "source" and "id", "patch" with "source", "record_tenant", "device_id" and
 * "patch_id", "run" with "run". A record outside the tenant scope is MSP_STATUS_NOT_FOUND
 * with the same message as a missing one; runs and issues are visible to all tenants' scope
 * (null) only.
 */
MSP_API msp_status msp_rmm_store_query_json(const msp_rmm_store *store, const char *request_json, char *buf,
                                            size_t buf_size, size_t *required, msp_error *err);
/**@}*/

/* ------------------------------------------------------------------ */
/** @name Knowledge base
 * The shared knowledge base of co-managed IT (docs/comanaged-kb.md): articles in spaces of a
 * tenant, every edit a new version (append-only), full-text search with SQLite FTS5 (bm25
 * with the title weighted above the body, snippets, prefix search "back*", German and English
 * text). Every call takes the caller's tenant scope `tenant` right after the handle: NULL for
 * all tenants, else the one tenant it may see ("" is MSP_STATUS_INVALID_ARGUMENT). Reads also
 * take a read predicate (`may_read`, `ctx`; NULL admits every space in scope) that the host
 * wires to its access model: an article outside the scope or in a space the predicate refuses
 * is never returned, and reads as MSP_STATUS_NOT_FOUND with the message of a missing one. A
 * handle is used by one thread at a time; several handles and processes may share one file.
 */
/**@{*/

/** @brief Opaque connection to a knowledge base file. */
typedef struct msp_kb msp_kb;

/**
 * @brief Whether the caller may read the articles of space `space` of tenant `tenant`:
 * non-zero yes, 0 no. `ctx` is the pointer given with it; the strings are valid for the call.
 */
typedef int (*msp_kb_may_read_fn)(void *ctx, const char *tenant, const char *space);

/**
 * @brief Open or create the knowledge base at `path` and migrate it to the current schema.
 *
 * A file that is not SQLite, holds another application's data or has a newer schema than
 * this library, or a SQLite without FTS5, gives MSP_STATUS_STORAGE_ERROR naming the path.
 * Close `*out` with msp_kb_close().
 */
MSP_API msp_status msp_kb_open(const char *path, msp_kb **out, msp_error *err);

/** @brief Close a knowledge base; NULL is a no-op. */
MSP_API void msp_kb_close(msp_kb *kb);

/**
 * @brief Add a space: `space_json` {"tenant", "space", "title"} (title optional).
 *
 * `*added` (if not NULL) is 1 when added, 0 when it existed with the same title; another title
 * is MSP_STATUS_INVALID_STATE. A space of a tenant outside the scope is
 * MSP_STATUS_PERMISSION_DENIED.
 */
MSP_API msp_status msp_kb_add_space_json(msp_kb *kb, const char *tenant, const char *space_json, int *added,
                                         msp_error *err);

/**
 * @brief Store a new version of each article of the JSON list `articles_json`, in order, in
 * one transaction (all or none).
 *
 * An article is {"tenant", "space", "article", "title", "body", "author", "at"} (at: ISO-8601
 * with a zone; title and body optional). `versions[i]` receives article i's latest version and
 * `changed[i]` (if `changed` is not NULL) 1 when a version was added, 0 when title and body
 * equalled the latest version's. `*count` (if not NULL) receives the number of articles; room
 * for fewer than that (`cap`) is MSP_STATUS_BUFFER_TOO_SMALL before anything is written. An
 * unknown space is MSP_STATUS_NOT_FOUND, an `at` before the latest version's
 * MSP_STATUS_INVALID_TIMELINE, a tenant outside the scope MSP_STATUS_PERMISSION_DENIED; the
 * error's row is the article's index.
 */
MSP_API msp_status msp_kb_put_articles_json(msp_kb *kb, const char *tenant, const char *articles_json,
                                            int64_t *versions, int *changed, size_t cap, size_t *count,
                                            msp_error *err);

/** @brief The spaces in scope that `may_read` admits, as a JSON list of {"tenant", "space", "title"}. */
MSP_API msp_status msp_kb_spaces_json(const msp_kb *kb, const char *tenant, msp_kb_may_read_fn may_read, void *ctx,
                                      char *buf, size_t buf_size, size_t *required, msp_error *err);

/**
 * @brief The latest version of article `article` in space `space` of tenant `article_tenant`,
 * as JSON {"tenant", "space", "article", "version", "title", "body", "author", "at"}.
 */
MSP_API msp_status msp_kb_article_json(const msp_kb *kb, const char *tenant, const char *article_tenant,
                                       const char *space, const char *article, msp_kb_may_read_fn may_read,
                                       void *ctx, char *buf, size_t buf_size, size_t *required, msp_error *err);

/** @brief Every version of an article, oldest first, as a JSON list (objects of msp_kb_article_json()). */
MSP_API msp_status msp_kb_versions_json(const msp_kb *kb, const char *tenant, const char *article_tenant,
                                        const char *space, const char *article, msp_kb_may_read_fn may_read,
                                        void *ctx, char *buf, size_t buf_size, size_t *required, msp_error *err);

/**
 * @brief Search the latest versions for the user's text `query`, best first, at most `limit`
 * (1 to 1000, else MSP_STATUS_OUT_OF_RANGE) hits, as a JSON list of {"rank", "score",
 * "tenant", "space", "article", "version", "title", "snippet"}.
 *
 * Each word of `query` is searched as text (FTS5 syntax in it is never syntax); a word ending
 * in '*' is a prefix. `may_read` is asked once per space among the matches; a size query runs
 * the search (and asks) again.
 */
MSP_API msp_status msp_kb_search_json(const msp_kb *kb, const char *tenant, const char *query, size_t limit,
                                      msp_kb_may_read_fn may_read, void *ctx, char *buf, size_t buf_size,
                                      size_t *required, msp_error *err);
/**@}*/

/* ------------------------------------------------------------------ */
/** @name QBR KPIs
 * Ticket KPIs per group and period over columns (docs/kpi.md). The KPI ids, formulas and
 * inclusion rules are the dictionary of msp_kpi_dictionary_json().
 */
/**@{*/

/**
 * @brief Columnar tickets: `n` rows; optional arrays may be NULL (see mspcore::TicketKpiColumns).
 *
 * Start from MSP_TICKET_KPI_COLUMNS_INIT: it sets `struct_size` and leaves every column NULL
 * (docs/c-abi.md, "Structs that grow").
 */
typedef struct msp_ticket_kpi_columns {
  size_t struct_size; /**< sizeof(msp_ticket_kpi_columns) as the caller was compiled */
  size_t n;
  const int64_t *created;        /**< required, Unix seconds */
  const int64_t *first_response; /**< MSP_NO_INSTANT when none */
  const int64_t *resolved;       /**< MSP_NO_INSTANT when open */
  const int32_t *group;          /**< required, 0 .. groups-1 */
  const int8_t *reopened;        /**< 1 reopened after a resolution, 0 not */
  const int32_t *priority;       /**< index into priority_names; needed with a policy */
  const char *const *priority_names;
  size_t n_priority_names;
  const int32_t *category;       /**< index into category_names, -1 for none */
  const char *const *category_names;
  size_t n_category_names;
  const int8_t *first_contact;   /**< 1 resolved at first contact, 0 not, -1 unknown */
  const int8_t *csat;            /**< 1 positive, 0 not, -1 no response */
  const int8_t *nps;             /**< 0..10, -1 no response */
  const int64_t *work_seconds;   /**< labour logged, -1 for none */
  const int8_t *reactive;        /**< 1 reactive, 0 planned; NULL: all reactive */
} msp_ticket_kpi_columns;

/** @brief Initialiser of msp_ticket_kpi_columns: `struct_size` set, no rows, every column NULL. */
#define MSP_TICKET_KPI_COLUMNS_INIT \
  {sizeof(msp_ticket_kpi_columns), 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, NULL, NULL, 0, NULL, NULL, NULL, NULL, NULL}

/** @brief KPI results: groups x periods cells (opaque). */
typedef struct msp_kpi_frame msp_kpi_frame;

/**
 * @brief Compute ticket KPIs per group and period.
 *
 * `period` is "month", "quarter" or "year", bucketed in time zone `tz` (NULL: the default
 * report zone, "Europe/Berlin") with fiscal years starting in month `fiscal_year_start`
 * (1-12). `policy` (may be NULL) gives the business clock and SLA attainment. `kpis` are
 * `n_kpis` dictionary ids; NULL and 0 ask for every KPI the given columns allow (NULL columns
 * are missing inputs), and a requested KPI whose inputs are missing is
 * MSP_STATUS_INVALID_ARGUMENT naming them, as in C++ and Python. `endpoints` (may be NULL)
 * holds `groups` endpoint counts (NaN unknown). `tickets->struct_size` must be a size this
 * library knows (MSP_TICKET_KPI_COLUMNS_INIT sets it), else MSP_STATUS_INVALID_ARGUMENT. Free the
 * frame with msp_kpi_frame_free().
 */
MSP_API msp_status msp_ticket_kpi_frame(const msp_ticket_kpi_columns *tickets, int32_t groups, const char *period,
                                        const char *tz, int fiscal_year_start, const msp_sla_policy *policy,
                                        const char *const *kpis, size_t n_kpis, const double *endpoints,
                                        msp_kpi_frame **out, msp_error *err);
MSP_API void msp_kpi_frame_free(msp_kpi_frame *frame);
/** @brief Number of periods; the cells are ordered group by group, periods in order. */
MSP_API msp_status msp_kpi_frame_periods(const msp_kpi_frame *frame, int32_t *periods, msp_error *err);
/** @brief Label of period `k` ("2025-Q1", "FY2026", "2025-03"). */
MSP_API msp_status msp_kpi_frame_period_label(const msp_kpi_frame *frame, int32_t k, char *buf, size_t buf_size,
                                              size_t *required, msp_error *err);
/**
 * @brief Values of a numeric KPI for every cell (groups * periods doubles; counts are whole
 * numbers, NaN is "no value"). A text KPI (top_categories) is MSP_STATUS_INVALID_ARGUMENT.
 */
MSP_API msp_status msp_kpi_frame_values(const msp_kpi_frame *frame, const char *kpi, double *out, size_t n,
                                        msp_error *err);
/** @brief Text of a text KPI for one cell ("" for none). */
MSP_API msp_status msp_kpi_frame_text(const msp_kpi_frame *frame, const char *kpi, size_t cell, char *buf,
                                      size_t buf_size, size_t *required, msp_error *err);
/** @brief The KPI dictionary as a JSON list of objects (id, subject, title, unit, formula, clock,
 * pause_policy, inclusion, aggregation, requires). */
MSP_API msp_status msp_kpi_dictionary_json(char *buf, size_t buf_size, size_t *required, msp_error *err);

/** @brief Ticket KPI partials: one serialised partial per (group, period) with tickets (opaque). */
typedef struct msp_kpi_partials msp_kpi_partials;

/**
 * @brief The mergeable partials of tickets, for KPIs computed elsewhere or later (docs/kpi.md).
 *
 * Arguments as msp_ticket_kpi_frame(). There is one row per group and period in which a ticket
 * was created or resolved, group by group, periods in order; each row has its group code, its
 * period id (the ordinal of its first local month, year * 12 + month - 1) and the partial's bytes, the
 * same bytes as Python's kpi_partials. Free with msp_kpi_partials_free().
 */
MSP_API msp_status msp_ticket_kpi_partials(const msp_ticket_kpi_columns *tickets, int32_t groups, const char *period,
                                           const char *tz, int fiscal_year_start, const msp_sla_policy *policy,
                                           msp_kpi_partials **out, msp_error *err);
MSP_API void msp_kpi_partials_free(msp_kpi_partials *partials);
/** @brief Number of rows. */
MSP_API msp_status msp_kpi_partials_count(const msp_kpi_partials *partials, size_t *n, msp_error *err);
/** @brief Group code and period id of row `i`. */
MSP_API msp_status msp_kpi_partials_row(const msp_kpi_partials *partials, size_t i, int32_t *group,
                                        int32_t *period_id, msp_error *err);
/**
 * @brief Bytes of the partial of row `i`, by the byte-buffer protocol: as the string-buffer
 * protocol, but bytes that may hold NULs and no terminating NUL; `*required` is the length.
 */
MSP_API msp_status msp_kpi_partials_bytes(const msp_kpi_partials *partials, size_t i, unsigned char *buf,
                                          size_t buf_size, size_t *required, msp_error *err);
/**
 * @brief Merge `n` partials (`partials[i]` of `sizes[i]` bytes) into the partial of the union
 * of their tickets, written by the byte-buffer protocol (msp_kpi_partials_bytes()). Bytes that
 * are not a partial are MSP_STATUS_PARSE_ERROR with `err->row` = i.
 */
MSP_API msp_status msp_ticket_kpi_merge_partials(const unsigned char *const *partials, const size_t *sizes, size_t n,
                                                 unsigned char *buf, size_t buf_size, size_t *required,
                                                 msp_error *err);
/**
 * @brief Ticket KPIs from partials: `n` rows of group code, period id and partial bytes
 * (`partials[i]`, `sizes[i]` bytes); rows with the same group and period merge. The frame spans
 * the periods from the smallest id to the largest. `period`, `tz`, `fiscal_year_start`,
 * `kpis`, `n_kpis` and `endpoints` as in msp_ticket_kpi_frame(); NULL `kpis` ask for every
 * ticket KPI (those needing endpoints only with `endpoints`). A bad row is an error with
 * `err->row` = its index.
 */
MSP_API msp_status msp_ticket_kpi_frame_from_partials(const int32_t *group, const int32_t *period_id,
                                                      const unsigned char *const *partials, const size_t *sizes,
                                                      size_t n, int32_t groups, const char *period, const char *tz,
                                                      int fiscal_year_start, const char *const *kpis, size_t n_kpis,
                                                      const double *endpoints, msp_kpi_frame **out, msp_error *err);

/** @brief "No date" in the day columns of msp_asset_kpi_columns (INT32_MIN). */
#define MSP_NO_DAY INT32_MIN

/**
 * @brief Columnar assets: `n` rows; optional arrays may be NULL (see mspcore::AssetKpiColumns).
 * Days are days since 1970-01-01. Start from MSP_ASSET_KPI_COLUMNS_INIT.
 */
typedef struct msp_asset_kpi_columns {
  size_t struct_size;           /**< sizeof(msp_asset_kpi_columns) as the caller was compiled */
  size_t n;
  const int32_t *group;         /**< required, 0 .. groups-1 */
  const int8_t *managed;        /**< 1 under management, 0 not, -1 unknown */
  const int32_t *purchased;     /**< purchase (in-service) day, MSP_NO_DAY unknown */
  const int32_t *warranty_end;  /**< last day of warranty, MSP_NO_DAY unknown */
  const int32_t *os_eol;        /**< end-of-life day of the installed OS, MSP_NO_DAY unknown */
} msp_asset_kpi_columns;

/** @brief Initialiser of msp_asset_kpi_columns: `struct_size` set, no rows, every column NULL. */
#define MSP_ASSET_KPI_COLUMNS_INIT {sizeof(msp_asset_kpi_columns), 0, NULL, NULL, NULL, NULL, NULL}

/**
 * @brief Asset KPIs per group as of day `as_of` (days since 1970-01-01), as a frame of one
 * period labelled with the date ("2025-06-30"): `groups` cells, read with msp_kpi_frame_values().
 * `kpis` are `n_kpis` asset KPI ids; NULL and 0 ask for every asset KPI the given columns allow.
 */
MSP_API msp_status msp_asset_kpi_frame(const msp_asset_kpi_columns *assets, int32_t groups, int32_t as_of,
                                       const char *const *kpis, size_t n_kpis, msp_kpi_frame **out, msp_error *err);

/**
 * @brief Trend of a KPI: `values` (NaN: no value) hold `groups` series of `periods` values, as
 * msp_kpi_frame_values() writes them. Each output has groups * periods entries and may be NULL
 * when not wanted: `delta` the change from the previous period, `slope` the least-squares slope
 * per period and `moving_average` the mean over the trailing `window` periods (>= 2, else
 * MSP_STATUS_OUT_OF_RANGE), `unusual` 1 / 0 for outside / inside the process limits and -1 for
 * no verdict (docs/kpi.md, "Trends").
 */
MSP_API msp_status msp_kpi_trend(const double *values, int32_t groups, int32_t periods, int32_t window, double *delta,
                                 double *slope, double *moving_average, int8_t *unusual, msp_error *err);
/**@}*/

/* ------------------------------------------------------------------ */
/** @name vCIO: asset and licence lifecycle
 * JSON in, JSON out (docs/vcio-lifecycle.md).
 */
/**@{*/

/**
 * @brief The warranty and OS support status of assets and the term status of licences as of a date.
 *
 * `request_json` is {"as_of": "YYYY-MM-DD", "assets": [...], "licences": [...], "policy": {...},
 * "os_table": {"version", "rows": [...]}} (assets, licences, policy and os_table optional;
 * os_table's rows are laid over the shipped OS table, a row with the same os, version and
 * edition wins). The result {"as_of", "os_table_version", "assets": [...], "licences": [...]},
 * one record per input record with status (supported, due_soon, overdue, unknown), reason_code
 * and reason, is written into `buf`; `*required` receives the size needed including the NUL.
 * A bad record is MSP_STATUS_INVALID_ARGUMENT (or INVALID_TYPE for a float amount, PARSE_ERROR
 * for a malformed decimal) naming it, e.g. "assets[2] (tenant 'acme' asset 'A-7').warranty_end".
 */
MSP_API msp_status msp_lifecycle_evaluate_json(const char *request_json, char *buf, size_t buf_size,
                                               size_t *required, msp_error *err);

/** @brief The shipped OS end-of-life table as JSON {"version", "aliases", "rows"}, written into `buf`. */
MSP_API msp_status msp_os_lifecycle_table_json(char *buf, size_t buf_size, size_t *required, msp_error *err);

/** @brief The shipped OS end-of-life table's version (e.g. "mspcore-os-1"), written into `buf`. */
MSP_API msp_status msp_os_lifecycle_table_version(char *buf, size_t buf_size, size_t *required, msp_error *err);
/**@}*/

/* ------------------------------------------------------------------ */
/** @name vCIO: roadmap and budget
 * JSON in, JSON out (docs/vcio-budget.md).
 */
/**@{*/

/**
 * @brief The budget of a roadmap per fiscal quarter and fiscal year, in exact money.
 *
 * `request_json` is {"initiatives": [...], "lifecycle": a request of
 * msp_lifecycle_evaluate_json, "years": 1..3, "fiscal_year_start": 1..12, "price_increase":
 * "5" (percent per year), "rounding": "half_even", "contracts": [contract lines]} (all but
 * initiatives optional; a lifecycle request adds replacement initiatives for its overdue and
 * due-soon assets, contract lines with a term_end licence renewals). The result
 * {"currency", "first_fiscal_year", ..., "initiatives", "lines", "quarters", "fiscal_years",
 * "findings"} is written into `buf`; `*required` receives the size needed including the NUL.
 * A bad record is MSP_STATUS_INVALID_ARGUMENT naming it, e.g.
 * "initiatives[2] (tenant 'acme' initiative 'I-3').quarter"; a dependency cycle is
 * INVALID_ARGUMENT naming it ("I-3 -> I-5 -> I-3"); a second currency is CURRENCY_MISMATCH.
 */
MSP_API msp_status msp_vcio_budget_json(const char *request_json, char *buf, size_t buf_size, size_t *required,
                                        msp_error *err);

/**
 * The QBR report model of one tenant and period (docs/vcio-qbr-model.md, JSON Schema
 * docs/qbr-model.schema.json): the single input of every export.
 *
 * `request_json` is {"tenant", "period": "2026-Q4" or "2026-11", "as_of"?, "client"?, "msp"?,
 * and any of "kpis" ({"rows": KPI frame rows}), "sla" ({"tickets": [{tenant, id, priority,
 * response, resolution, plan: SLA status names}]}), "security" ({"alerts": normalised
 * alerts}), "risk" (a msp_risk_score_json result), "trueup" (a msp_trueup_reconcile_json
 * result), "lifecycle" (a msp_lifecycle_evaluate_json result), "budget" (a
 * msp_vcio_budget_json result, also the roadmap) and "alignment" (a msp_vcio_alignment_json
 * result)}. The sections may hold many tenants: the model keeps the report tenant's rows only.
 * The model {"model": "mspcore-qbr-1", "tenant", "period", ..., one member per section (null
 * when not given)} is written into `buf` with the string-buffer protocol. A bad member is
 * MSP_STATUS_INVALID_ARGUMENT naming it.
 */
MSP_API msp_status msp_qbr_model_json(const char *request_json, char *buf, size_t buf_size, size_t *required,
                                      msp_error *err);
/**@}*/

/* ------------------------------------------------------------------ */
/** @name vCIO: standards alignment
 * JSON in, JSON out (docs/vcio-alignment.md).
 */
/**@{*/

/**
 * @brief Each tenant's alignment with a standard: score, coverage, per-section and
 * per-question contributions in exact percentages, and the misaligned and partial answers as
 * roadmap findings and proposed initiatives.
 *
 * `request_json` is {"standard": {"id", "name", "version", "sections": [{"id", "title",
 * "weight", "questions": [{"id", "text", "weight", "priority", "recommendation",
 * "estimated_cost", "currency", "cost_category"}]}]}, "answers": [{"tenant", "question",
 * "answer": "aligned" | "partial" | "misaligned" | "not_applicable", "note", "answered_at"}],
 * "quarter": "YYYY-Qn" or "as_of": "YYYY-MM-DD"} (answers, quarter and as_of optional; with a
 * quarter, or the quarter after as_of, findings are also proposed initiatives that
 * msp_vcio_budget_json takes as they are). The result {"standard", "quarter", "tenants":
 * [{"tenant", "score", "coverage", ..., "sections", "questions", "findings", "initiatives"}]}
 * is written into `buf`; `*required` receives the size needed including the NUL. A bad record
 * is MSP_STATUS_INVALID_ARGUMENT naming it, e.g. "answers[3] (tenant 'acme' question
 * 'Q-9').question: unknown question 'Q-9' (standard 'baseline')"; a float weight is
 * MSP_STATUS_INVALID_TYPE.
 */
MSP_API msp_status msp_vcio_alignment_json(const char *request_json, char *buf, size_t buf_size,
                                           size_t *required, msp_error *err);
/**@}*/

/* ------------------------------------------------------------------ */
/** @name RMM: monitoring SLAs (availability, MTBF, MTRS)
 * JSON in, JSON out (docs/rmm-availability.md).
 */
/**@{*/

/**
 * @brief Availability, MTBF and MTRS of each device and client over a period, from monitoring
 * events, on a business calendar or 24x7.
 *
 * The request: {"period": {"start", "end"} (instants, [start, end)), "calendar": a calendar
 * spec as msp_calendar_new_from_json takes it, or null for 24x7, "events": [{"tenant",
 * "device_id", "source", "id", "monitor", "priority", "opened", "resolved", "outage", "ticket",
 * "detail"}], "devices": [{"tenant", "id", ..., "retired"}] or null (the devices that were
 * monitored; without it, those the events name), "target": "99.9" or null}. The result
 * {"devices": [{"tenant", "device_id", "scheduled_seconds", "down_seconds", "up_seconds",
 * "failures", "availability_pct", "mtbf_seconds", "mtrs_seconds", "mtbf_minutes",
 * "mtrs_minutes", "target_met"}], "clients": [{"tenant", "devices", "devices_missed", ...the
 * same measures}]} is written into `buf`; `*required` receives the size needed including the
 * NUL. A bad record is named, e.g. "events[2] (tenant 'acme' device 'SRV-1' event
 * 'A-7').resolved: 2025-03-01T09:00:00Z is before opened 2025-03-01T10:00:00Z"
 * (MSP_STATUS_INVALID_TIMELINE); a float target is MSP_STATUS_INVALID_TYPE.
 */
MSP_API msp_status msp_availability_json(const char *request_json, char *buf, size_t buf_size, size_t *required,
                                         msp_error *err);
/**@}*/

/* ------------------------------------------------------------------ */
/** @name RMM and backup importers
 * A vendor export file in, the normalised records as JSON out (docs/rmm-import.md).
 */
/**@{*/

/**
 * @brief Imports a Datto RMM, Datto BCDR / SaaS Protection, N-able Cove or N-central export.
 *
 * `vendor` is "datto_rmm", "datto_bcdr", "cove" or "ncentral". `options_json` is NULL or
 * {"tenants": {"vendor site or customer": "tenant"}, "default_tenant": "...", "batch_rows": n}
 * (each key optional; with a non-empty tenant map a row of an unmapped site is an issue). The
 * result {"devices", "backup_results", "patches", "events", "issues"} (the keys of the
 * field lists in mspcore/rmm/rmm_records.hpp; issues {"file", "row", "field", "code", "message"}) is written into
 * `buf`; `*required` receives the size needed including the NUL. Each call reads the file
 * again, so the size query and the call see the same records only if the file is unchanged.
 * A file that cannot be opened or read is MSP_STATUS_IO_ERROR naming the path; a document that
 * is not the vendor's format (truncated JSON, an unknown CSV column) is MSP_STATUS_PARSE_ERROR
 * naming the file and the byte offset or line; an unknown vendor is MSP_STATUS_INVALID_ARGUMENT.
 */
MSP_API msp_status msp_rmm_import_json(const char *path, const char *vendor, const char *options_json, char *buf,
                                       size_t buf_size, size_t *required, msp_error *err);
/**@}*/

/* ------------------------------------------------------------------ */
/** @name RMM: backup and patch compliance
 * JSON in, JSON out (docs/rmm-backup-compliance.md, docs/rmm-patch-compliance.md).
 */
/**@{*/

/**
 * @brief Backup compliance per device and per client as of an instant.
 *
 * `request_json` is {"as_of": "...Z", "devices": [...], "backup_results": [...], "policy": {...}}
 * (records with the keys of the normalised records: an import result is a valid body; policy
 * optional). The result {"as_of", "devices": [...], "clients": [...]} has one record per device
 * in input order with status (compliant, warning, overdue, never, unknown, out_of_scope),
 * reason_code and reason, and one per tenant with the counts per status and
 * compliance_percent (decimal text, 2 places), written into `buf`; `*required` receives the size
 * needed including the NUL. A bad record is MSP_STATUS_INVALID_ARGUMENT naming it (a naive
 * date-time MSP_STATUS_NAIVE_DATETIME, a negative errors count MSP_STATUS_OUT_OF_RANGE).
 */
MSP_API msp_status msp_backup_compliance_json(const char *request_json, char *buf, size_t buf_size,
                                              size_t *required, msp_error *err);

/**
 * @brief Patch compliance per device and per client as of an instant.
 *
 * `request_json` is {"as_of": "...Z", "devices": [...], "patches": [...], "policy": {...}}. The
 * result {"as_of", "devices": [...], "clients": [...]} holds per device status (fully_patched,
 * not_patched, unknown, out_of_scope), missing critical and important patches by age bucket
 * (0_7, 8_30, 31_90, over_90, unknown), reboot pending, failed installs and the median days
 * from release to install (decimal text); per tenant compliance_percent (decimal text) and the
 * same sums; written into `buf` with the buffer protocol of msp_backup_compliance_json.
 */
MSP_API msp_status msp_patch_compliance_json(const char *request_json, char *buf, size_t buf_size,
                                             size_t *required, msp_error *err);
/**@}*/

/* ------------------------------------------------------------------ */
/** @name Access control (RBAC for co-managed IT)
 * Roles with allow and deny grants, inheritance, external technicians confined to their home
 * tenants; deny overrides allow (docs/access-control.md).
 */
/**@{*/

/** @brief Opaque compiled access model (immutable, shareable between threads). */
typedef struct msp_access_model msp_access_model;

/**
 * @brief Check and compile an access model from its JSON: {"parties": [{"id", "kind"}],
 * "roles": [{"id", "inherits", "grants": [{"id", "effect", "actions", "kinds", "tenant",
 * "scope"}]}], "principals": [{"id", "party", "roles", "external", "home_tenants"}]}.
 *
 * Free it with msp_access_model_free(). An unknown role, an inheritance cycle (named in full:
 * "model.roles: inheritance cycle 'a' -> 'b' -> 'a'"), an external principal without home
 * tenants is MSP_STATUS_INVALID_ARGUMENT naming the place; malformed JSON MSP_STATUS_PARSE_ERROR.
 */
MSP_API msp_status msp_access_model_new_from_json(const char *json, msp_access_model **out, msp_error *err);

/** @brief Free a model; NULL is a no-op. */
MSP_API void msp_access_model_free(msp_access_model *model);

/**
 * @brief May a principal do an action to a resource, and why.
 *
 * `request_json` is {"principal", "action": "read" | "write" | "approve", "resource": {"kind":
 * "ticket" | "queue" | "report" | "kb_space" | "contract", "tenant", "scope"?}}. The decision
 * {"allowed", "reason": "allowed" | "denied" | "no_grant" | "outside_home_tenants" |
 * "unknown_principal", "role", "grant_index", "grant_id", "chain": [role ids]} is written into
 * `buf`; `*required` receives the size needed including the NUL. A refusal is a successful call.
 */
MSP_API msp_status msp_access_authorize_json(const msp_access_model *model, const char *request_json, char *buf,
                                             size_t buf_size, size_t *required, msp_error *err);

/**
 * @brief Only the yes or no of msp_access_authorize_json, without JSON: the fast path.
 *
 * `action` and `kind` are the names above; `scope` may be NULL or "" (the kind as a whole in
 * the tenant). `*allowed` receives 1 or 0. An unknown action or kind is MSP_STATUS_INVALID_ARGUMENT.
 */
MSP_API msp_status msp_access_allows(const msp_access_model *model, const char *principal, const char *action,
                                     const char *kind, const char *tenant, const char *scope, int *allowed,
                                     msp_error *err);

/**
 * @brief The tenant scope a store call for a principal must use (the `tenant` argument of the
 * store functions).
 *
 * With `tenant` (not NULL): that tenant when the principal may do `action` on every `kind` of
 * it. With NULL: every tenant (`*all_tenants` = 1, `buf` gets "") when the principal is not
 * external and allowed on all tenants, else the one allowed tenant (`*all_tenants` = 0). Any
 * other case is MSP_STATUS_PERMISSION_DENIED naming principal, action, kind and tenant, or
 * saying a tenant must be named. The tenant is written with the buffer protocol.
 */
MSP_API msp_status msp_access_scope_for(const msp_access_model *model, const char *principal, const char *action,
                                        const char *kind, const char *tenant, int *all_tenants, char *buf,
                                        size_t buf_size, size_t *required, msp_error *err);
/**@}*/

/* ------------------------------------------------------------------ */
/** @name Co-managed IT: RACI matrix, routing to shared queues, owner violations
 * JSON in, JSON out (docs/comanaged-raci.md). The matrix document is {"parties": [{"id",
 * "kind": "msp" | "client_it" | "vendor"}], "lanes": ["end_user", ...] (optional; default
 * end_user, network, servers, cloud, backup, security), "cells": [{"tenant", "lane", "party",
 * "raci": a subset of "RACI"}]}.
 */
/**@{*/

/**
 * @brief Every problem of a RACI matrix, each naming its cell.
 *
 * `matrix_json` is the matrix document. The result {"valid": bool, "problems": [{"problem",
 * "tenant", "lane", "party", "cell", "message"}]} lists duplicate parties and lanes, cells of
 * an unknown party or lane, bad letters, duplicate cells, and per tenant and lane a second A,
 * no A or no R ("tenant 'acme' lane 'network': no party is accountable (A); exactly one must
 * be"). A problem of the matrix is a result, not a failure; a record that cannot be read (a
 * missing party id, an unknown party kind) is MSP_STATUS_INVALID_ARGUMENT. Written into `buf`;
 * `*required` receives the size needed including the NUL.
 */
MSP_API msp_status msp_raci_validate_json(const char *matrix_json, char *buf, size_t buf_size, size_t *required,
                                          msp_error *err);

/**
 * @brief The shared queue of each ticket: the queue of its lane's Responsible party.
 *
 * `request_json` is {"tickets": [{"tenant", "id", "category", "lane", "owner"}], "matrix": {...},
 * "routing": {"rules": [{"category" (exact, or a prefix ending in '*'), "lane", "tenant"}],
 * "queues": [{"party", "queue", "tenant"}], "default_lane"}}. The result {"routes": [{"tenant",
 * "id", "category", "lane", "lane_source", "rule", "party", "queue", "status": "routed" |
 * "no_matrix" | "no_lane" | "unknown_lane" | "no_queue"}]}, one per ticket in their order. An
 * invalid matrix, an ambiguous rule or queue, or a rule naming a lane the matrix lacks is
 * MSP_STATUS_INVALID_ARGUMENT. Buffer protocol as msp_raci_validate_json.
 */
MSP_API msp_status msp_raci_route_json(const char *request_json, char *buf, size_t buf_size, size_t *required,
                                       msp_error *err);

/**
 * @brief The tickets whose owner breaks the matrix.
 *
 * `request_json` is {"tickets", "matrix", "routing" (optional: the lane of a ticket without
 * one)}. The result {"violations": [{"ticket", "tenant", "id", "owner", "lane", "violation":
 * "no_matrix" | "no_lane" | "unknown_lane" | "unknown_owner" | "owner_not_responsible",
 * "owner_raci", "responsible", "accountable", "message"}]}; tickets without an owner are not
 * listed. Buffer protocol as msp_raci_validate_json.
 */
MSP_API msp_status msp_raci_violations_json(const char *request_json, char *buf, size_t buf_size, size_t *required,
                                            msp_error *err);
/**@}*/

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* MSPCORE_H */
