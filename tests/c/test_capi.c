/* The C ABI exercised from C: statuses, messages that name the bad value, caller buffers. */
#include <mspcore.h>

#include <stdio.h>
#include <string.h>

static int failures = 0;
static int checks = 0;

#define CHECK(cond)                                                   \
  do {                                                                \
    ++checks;                                                         \
    if (!(cond)) {                                                    \
      ++failures;                                                     \
      fprintf(stderr, "%s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #cond); \
    }                                                                 \
  } while (0)

static void format(const msp_money *m, char *buf, size_t size) {
  msp_status s = msp_money_format(m, buf, size, NULL, NULL);
  if (s != MSP_STATUS_OK) snprintf(buf, size, "<%s>", msp_status_name(s));
}

static void test_version_and_status(void) {
  char expected[32];
  snprintf(expected, sizeof expected, "%d.%d.%d", MSP_VERSION_MAJOR, MSP_VERSION_MINOR, MSP_VERSION_PATCH);
  CHECK(strcmp(msp_version_string(), expected) == 0);
  CHECK(strcmp(msp_status_name(MSP_STATUS_UNKNOWN_TIME_ZONE), "UNKNOWN_TIME_ZONE") == 0);
  CHECK(strcmp(msp_status_string(MSP_STATUS_OK), "success") == 0);
  CHECK(strcmp(msp_status_name((msp_status)9999), "UNKNOWN_STATUS") == 0);
}

static void test_money(void) {
  msp_money a, b, sum, rounded, parts[3];
  msp_error err;
  char buf[64];
  int64_t ratios[3] = {1, 1, 1};
  size_t required = 0;

  CHECK(msp_money_parse("10.005", "EUR", &a, &err) == MSP_STATUS_OK);
  CHECK(msp_money_round(&a, MSP_ROUNDING_HALF_EVEN, &rounded, &err) == MSP_STATUS_OK);
  format(&rounded, buf, sizeof buf);
  CHECK(strcmp(buf, "10.00") == 0);
  CHECK(msp_money_round(&a, MSP_ROUNDING_HALF_UP, &rounded, &err) == MSP_STATUS_OK);
  format(&rounded, buf, sizeof buf);
  CHECK(strcmp(buf, "10.01") == 0);

  CHECK(msp_money_parse("-0.01", "EUR", &b, &err) == MSP_STATUS_OK);
  CHECK(msp_money_add(&a, &b, &sum, &err) == MSP_STATUS_OK);
  format(&sum, buf, sizeof buf);
  CHECK(strcmp(buf, "9.995") == 0);
  CHECK(strcmp(sum.currency, "EUR") == 0);

  CHECK(msp_money_parse("100.00", "EUR", &a, &err) == MSP_STATUS_OK);
  CHECK(msp_money_allocate(&a, ratios, 3, parts, &err) == MSP_STATUS_OK);
  format(&parts[0], buf, sizeof buf);
  CHECK(strcmp(buf, "33.34") == 0);
  format(&parts[2], buf, sizeof buf);
  CHECK(strcmp(buf, "33.33") == 0);

  /* Caller buffers: the size needed is reported, a short buffer is an error, nothing is cut. */
  CHECK(msp_money_format(&a, buf, 3, &required, &err) == MSP_STATUS_BUFFER_TOO_SMALL);
  CHECK(required == 7);
  CHECK(msp_money_format(&a, NULL, 0, &required, NULL) == MSP_STATUS_BUFFER_TOO_SMALL);

  /* Negative amounts keep their sign through the two's-complement struct. */
  CHECK(msp_money_parse("-12345678901234567890.12", "USD", &a, &err) == MSP_STATUS_OK);
  format(&a, buf, sizeof buf);
  CHECK(strcmp(buf, "-12345678901234567890.12") == 0);
}

static void test_money_errors(void) {
  msp_money a, b, out;
  msp_error err;
  int32_t minor = -1;

  CHECK(msp_money_parse("1e3", "EUR", &a, &err) == MSP_STATUS_PARSE_ERROR);
  CHECK(err.code == MSP_STATUS_PARSE_ERROR);
  CHECK(strstr(err.message, "'1e3'") != NULL);
  CHECK(msp_money_parse("12,50", "EUR", &a, &err) == MSP_STATUS_PARSE_ERROR);
  CHECK(msp_money_parse("1", "XYZ", &a, &err) == MSP_STATUS_UNKNOWN_CURRENCY);
  CHECK(strstr(err.message, "'XYZ'") != NULL);
  CHECK(msp_money_parse("123456789012345678901234567890123456789", "EUR", &a, &err) ==
        MSP_STATUS_ARITHMETIC_OVERFLOW);
  CHECK(msp_money_parse(NULL, "EUR", &a, &err) == MSP_STATUS_INVALID_ARGUMENT);
  CHECK(msp_money_parse("1", "EUR", NULL, NULL) == MSP_STATUS_INVALID_ARGUMENT);

  CHECK(msp_money_parse("1.00", "EUR", &a, NULL) == MSP_STATUS_OK);
  CHECK(msp_money_parse("1.00", "USD", &b, NULL) == MSP_STATUS_OK);
  CHECK(msp_money_add(&a, &b, &out, &err) == MSP_STATUS_CURRENCY_MISMATCH);
  CHECK(strstr(err.message, "EUR 1.00") != NULL && strstr(err.message, "USD 1.00") != NULL);
  CHECK(msp_money_round(&a, (msp_rounding)42, &out, &err) == MSP_STATUS_INVALID_ARGUMENT);
  CHECK(msp_money_parse("0.005", "EUR", &a, NULL) == MSP_STATUS_OK);
  CHECK(msp_money_round(&a, MSP_ROUNDING_UNNECESSARY, &out, &err) == MSP_STATUS_ROUNDING_NECESSARY);

  CHECK(msp_currency_minor_units("JPY", &minor, NULL) == MSP_STATUS_OK && minor == 0);
  CHECK(msp_currency_minor_units("KWD", &minor, NULL) == MSP_STATUS_OK && minor == 3);
}

static void test_time(void) {
  int64_t t = 0, local = 0;
  msp_error err;
  char buf[32];

  CHECK(msp_instant_parse("2024-03-31T03:30:00+02:00", &t, &err) == MSP_STATUS_OK);
  CHECK(t == 1711848600);
  CHECK(msp_instant_format(t, buf, sizeof buf, NULL, &err) == MSP_STATUS_OK);
  CHECK(strcmp(buf, "2024-03-31T01:30:00Z") == 0);
  CHECK(msp_instant_parse("2024-03-31T03:30:00", &t, &err) == MSP_STATUS_NAIVE_DATETIME);
  CHECK(msp_instant_parse("2024-02-30T00:00:00Z", &t, &err) == MSP_STATUS_INVALID_TIME);
  CHECK(strstr(err.message, "2024-02-30") != NULL);

  /* 2024-03-31 02:30 does not exist in Berlin: it moves forward to 03:30 CEST = 01:30Z. */
  CHECK(msp_time_local_to_utc("Europe/Berlin", 1711852200, &t, &err) == MSP_STATUS_OK);
  CHECK(t == 1711848600);
  CHECK(msp_time_utc_to_local("America/New_York", 1711848600, &local, &err) == MSP_STATUS_OK);
  CHECK(local == 1711848600 - 4 * 3600);
  CHECK(msp_time_local_to_utc("Europe/Berlln", 0, &t, &err) == MSP_STATUS_UNKNOWN_TIME_ZONE);
  CHECK(strstr(err.message, "'Europe/Berlln'") != NULL);
}

int main(void) {
  test_version_and_status();
  test_money();
  test_money_errors();
  test_time();
  printf("%d passed, %d failed\n", checks - failures, failures);
  return failures == 0 ? 0 : 1;
}
