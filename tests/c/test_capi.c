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
  CHECK(msp_money_format(&a, NULL, 0, &required, NULL) == MSP_STATUS_OK); /* a size query */
  CHECK(msp_money_format(&a, NULL, 0, NULL, &err) == MSP_STATUS_INVALID_ARGUMENT);
  CHECK(msp_money_format(&a, NULL, 8, &required, &err) == MSP_STATUS_INVALID_ARGUMENT);

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

static void test_calendar(void) {
  static const char *json =
      "{\"tz\": \"Europe/Berlin\", \"holiday_rules\": [\"DE-NW\"], \"week\": {"
      "\"mon\": [[\"08:00\", \"12:00\"], [\"13:00\", \"17:00\"]],"
      "\"fri\": [[\"08:00\", \"12:00\"], [\"13:00\", \"17:00\"]]}}";
  msp_calendar *cal = NULL;
  msp_error err;
  int64_t mon9 = 0, mon14 = 0, fri16 = 0, out = 0;
  int64_t pause_start = 0, pause_end = 0;
  int64_t starts[2], ends[2], values[2];
  int32_t status[2];
  int open = -1;

  CHECK(msp_calendar_new_from_json(json, &cal, &err) == MSP_STATUS_OK);
  CHECK(msp_instant_parse("2024-06-03T09:00:00+02:00", &mon9, NULL) == MSP_STATUS_OK);
  CHECK(msp_instant_parse("2024-06-03T14:00:00+02:00", &mon14, NULL) == MSP_STATUS_OK);
  CHECK(msp_instant_parse("2024-06-07T16:00:00+02:00", &fri16, NULL) == MSP_STATUS_OK);
  CHECK(msp_calendar_business_seconds_between(cal, mon9, mon14, NULL, NULL, 0, &out, &err) == MSP_STATUS_OK);
  CHECK(out == 4 * 3600);
  pause_start = mon9 + 3600;
  pause_end = mon9 + 7200;
  CHECK(msp_calendar_business_seconds_between(cal, mon9, mon14, &pause_start, &pause_end, 1, &out, &err) ==
        MSP_STATUS_OK);
  CHECK(out == 3 * 3600);
  CHECK(msp_calendar_add_business(cal, fri16, 3600, NULL, NULL, 0, &out, &err) == MSP_STATUS_OK);
  CHECK(out == fri16 + 3600); /* the 17:00 close, not Monday's opening */
  CHECK(msp_calendar_subtract_business(cal, out, 3600, NULL, NULL, 0, &out, &err) == MSP_STATUS_OK);
  CHECK(out == fri16);
  CHECK(msp_calendar_is_open(cal, mon9, &open, &err) == MSP_STATUS_OK && open == 1);
  CHECK(msp_calendar_next_open(cal, fri16 + 3600, &out, &err) == MSP_STATUS_OK);
  CHECK(out == fri16 + 3 * 86400 - 8 * 3600); /* Monday 08:00 */
  CHECK(msp_calendar_add_business_days(cal, mon9, 1, &out, &err) == MSP_STATUS_OK);
  CHECK(out == mon9 + 4 * 86400); /* Friday: Tuesday to Thursday have no windows */

  starts[0] = mon9;
  ends[0] = mon14;
  starts[1] = -5000000000LL; /* 1811: before the calendar's years */
  ends[1] = mon9;
  CHECK(msp_calendar_business_seconds_between_many(cal, starts, ends, 2, values, status, &err) == MSP_STATUS_OK);
  CHECK(values[0] == 4 * 3600 && status[0] == 0);
  CHECK(status[1] == MSP_STATUS_OUT_OF_RANGE);

  msp_calendar_free(cal);
  msp_calendar_free(NULL);
  CHECK(msp_calendar_new_from_json("{\"tz\": \"Europe/Berlln\"}", &cal, &err) == MSP_STATUS_UNKNOWN_TIME_ZONE);
  CHECK(cal == NULL);
  CHECK(strstr(err.message, "'Europe/Berlln'") != NULL);
  CHECK(msp_calendar_new_from_json("{\"tz\": \"UTC\", \"week\": {\"mon\": [[\"08:00\", \"25:00\"]]}}", &cal,
                                   &err) == MSP_STATUS_INVALID_TIME);
}

static void test_sla(void) {
  static const char *policy_json =
      "{\"calendar\": {\"tz\": \"UTC\", \"week\": {\"mon\": [[\"09:00\", \"17:00\"]]}},"
      "\"targets\": {\"response_minutes\": 60, \"resolution_minutes\": 480}}";
  msp_sla_policy *policy = NULL;
  msp_error err;
  char buf[2048];
  size_t required = 0;
  int64_t created[2], first[2], resolved[2];
  int32_t priority[2] = {0, 0}, row_status[2];
  const char *names[1] = {"P3"};
  int8_t st[2];
  int64_t due[2], elapsed[2], remaining[2];
  double ratio[2];
  msp_sla_columns in = MSP_SLA_COLUMNS_INIT;
  msp_sla_result_columns response = MSP_SLA_RESULT_COLUMNS_INIT;
  struct newer_sla_columns { /* as a later header might declare it: one member appended */
    msp_sla_columns known;
    int64_t added;
  } bigger;

  CHECK(msp_sla_policy_new_from_json(policy_json, &policy, &err) == MSP_STATUS_OK);
  CHECK(msp_sla_evaluate_json(policy,
                              "{\"created\": \"2024-06-03T09:00:00Z\", \"first_response\": "
                              "\"2024-06-03T09:45:00Z\", \"priority\": \"P3\"}",
                              1717416000, 0, buf, sizeof buf, &required, &err) == MSP_STATUS_OK);
  CHECK(strstr(buf, "\"status\":\"met\"") != NULL);
  CHECK(strstr(buf, "\"elapsed_seconds\":2700") != NULL);
  CHECK(required == strlen(buf) + 1);
  CHECK(msp_sla_evaluate_json(policy, "{\"created\": ", 0, 0, buf, sizeof buf, NULL, &err) == MSP_STATUS_PARSE_ERROR);

  CHECK(msp_instant_parse("2024-06-03T09:00:00Z", &created[0], NULL) == MSP_STATUS_OK);
  created[1] = created[0];
  first[0] = created[0] + 2700;
  first[1] = MSP_NO_INSTANT;
  resolved[0] = MSP_NO_INSTANT;
  resolved[1] = created[0] - 60; /* before created: an invalid row, not a failed call */
  /* The initialisers set the caller's size and leave every column NULL. */
  CHECK(in.struct_size == sizeof(msp_sla_columns) && in.n == 0 && in.created == NULL && in.pause_ends == NULL);
  CHECK(response.struct_size == sizeof(msp_sla_result_columns) && response.consumed_ratio == NULL);
  in.n = 2;
  in.created = created;
  in.first_response = first;
  in.resolved = resolved;
  in.priority = priority;
  in.priority_names = names;
  in.n_priority_names = 1;
  response.status = st;
  response.due = due;
  response.elapsed_seconds = elapsed;
  response.remaining_minutes = remaining;
  response.consumed_ratio = ratio;
  CHECK(msp_sla_evaluate_columns(policy, &in, created[0] + 3 * 3600, &response, NULL, NULL, row_status, &err) ==
        MSP_STATUS_OK);
  CHECK(st[0] == MSP_SLA_STATUS_MET && elapsed[0] == 2700 && due[0] == created[0] + 3600 && remaining[0] == 15);
  CHECK(st[1] == MSP_SLA_STATUS_INVALID && row_status[1] == MSP_STATUS_INVALID_TIMELINE);

  /* A size this library does not know is refused, naming the struct and both sizes (64-bit:
     12 and 6 members of 8 bytes). */
  CHECK(sizeof(msp_sla_columns) == 12 * sizeof(size_t) && sizeof(msp_sla_result_columns) == 6 * sizeof(void *));
  in.struct_size = 8;
  CHECK(msp_sla_evaluate_columns(policy, &in, created[0], &response, NULL, NULL, row_status, &err) ==
        MSP_STATUS_INVALID_ARGUMENT);
  snprintf(buf, sizeof buf, "msp_sla_columns.struct_size 8 is not a size this library knows (expected %u)",
           (unsigned)sizeof(msp_sla_columns));
  CHECK(strcmp(err.message, buf) == 0);
  in.struct_size = 0; /* a struct filled without its initialiser */
  CHECK(msp_sla_evaluate_columns(policy, &in, created[0], &response, NULL, NULL, row_status, &err) ==
        MSP_STATUS_INVALID_ARGUMENT);
  CHECK(strstr(err.message, "msp_sla_columns.struct_size 0 is not") != NULL);
  in.struct_size = sizeof in;
  response.struct_size = 0;
  CHECK(msp_sla_evaluate_columns(policy, &in, created[0], NULL, NULL, &response, row_status, &err) ==
        MSP_STATUS_INVALID_ARGUMENT);
  snprintf(buf, sizeof buf, "plan: msp_sla_result_columns.struct_size 0 is not a size this library knows (expected %u)",
           (unsigned)sizeof(msp_sla_result_columns));
  CHECK(strcmp(err.message, buf) == 0);
  response.struct_size = sizeof response;

  /* A newer caller's larger struct: accepted while the members this library does not know are
     zero, refused once one is set. */
  memset(&bigger, 0, sizeof bigger);
  bigger.known = in;
  bigger.known.struct_size = sizeof bigger;
  st[0] = -1;
  elapsed[0] = -1;
  CHECK(msp_sla_evaluate_columns(policy, &bigger.known, created[0] + 3 * 3600, &response, NULL, NULL, row_status,
                                 &err) == MSP_STATUS_OK);
  CHECK(st[0] == MSP_SLA_STATUS_MET && elapsed[0] == 2700);
  ((unsigned char *)&bigger)[sizeof(msp_sla_columns) + 3] = 1;
  CHECK(msp_sla_evaluate_columns(policy, &bigger.known, created[0], &response, NULL, NULL, row_status, &err) ==
        MSP_STATUS_INVALID_ARGUMENT);
  snprintf(buf, sizeof buf,
           "msp_sla_columns.struct_size %u is not a size this library knows (expected %u): byte %u is not zero, so "
           "the caller set a member newer than this library",
           (unsigned)sizeof bigger, (unsigned)sizeof(msp_sla_columns), (unsigned)sizeof(msp_sla_columns) + 3);
  CHECK(strcmp(err.message, buf) == 0);
  msp_sla_policy_free(policy);
}

static void remove_ledger(const char *path) {
  char name[256];
  remove(path);
  snprintf(name, sizeof name, "%s-wal", path);
  remove(name);
  snprintf(name, sizeof name, "%s-shm", path);
  remove(name);
}

static void test_ledger(void) {
  /* In the working directory: strict C99 has no mkdtemp. */
  static const char *path = "mspcore_c_test_ledger.db";
  static const char *not_sqlite = "mspcore_c_test_ledger.txt";
  static const char *line_json =
      "{\"tenant\": \"acme\", \"contract_id\": \"C-1\", \"line_id\": \"L-1\", \"sku\": \"M365-BP\", \"quantity\": 10,"
      " \"unit_price\": \"12.50\", \"currency\": \"EUR\", \"term_start\": \"2024-01-01\"}";
  static const char *proposals_json =
      "[{\"tenant\": \"acme\", \"contract_id\": \"C-1\", \"line_id\": \"L-1\", \"sku\": \"M365-BP\","
      " \"action\": \"true_up\", \"delta_quantity\": 3, \"effective_date\": \"2024-03-01\", \"amount\": \"37.50\","
      " \"currency\": \"EUR\", \"rule\": \"test\"},"
      " {\"tenant\": \"acme\", \"contract_id\": \"C-1\", \"line_id\": \"L-1\", \"sku\": \"M365-BP\","
      " \"action\": \"true_down\", \"delta_quantity\": 2, \"effective_date\": \"2024-03-01\", \"amount\": \"-25.00\","
      " \"currency\": \"EUR\", \"rule\": \"test\"}]";
  const int64_t jan1 = 1704099600;     /* 2024-01-01T09:00:00Z */
  const int64_t feb20 = 1708416000;    /* 2024-02-20T08:00:00Z */
  const int64_t feb21 = 1708502400;    /* 2024-02-21T08:00:00Z */
  msp_trueup_ledger *ledger = NULL;
  msp_error err;
  int64_t seq = 0, applied = 0, quantity = -1, ids[2] = {0, 0};
  size_t count = 0, required = 0;
  char buf[4096];
  FILE *text;

  remove_ledger(path);
  CHECK(msp_trueup_ledger_open(path, &ledger, &err) == MSP_STATUS_OK);
  CHECK(msp_trueup_ledger_record_change_json(ledger, line_json, "2024-01-01", "ann", jan1, NULL, &seq, &err) ==
        MSP_STATUS_OK);
  CHECK(seq == 1);
  CHECK(msp_trueup_ledger_record_change_json(ledger, line_json, "2024-01-01", NULL, jan1, NULL, &seq, &err) ==
        MSP_STATUS_INVALID_ARGUMENT);

  /* Too little room for the ids: the count is reported and nothing is written. */
  CHECK(msp_trueup_ledger_propose_json(ledger, proposals_json, "reconciler", feb20, "run 1", -1, NULL, 0, &count,
                                       &err) == MSP_STATUS_BUFFER_TOO_SMALL);
  CHECK(count == 2);
  CHECK(msp_trueup_ledger_propose_json(ledger, proposals_json, "reconciler", feb20, "run 1", -1, ids, 2, &count,
                                       &err) == MSP_STATUS_OK);
  CHECK(count == 2 && ids[0] == 1 && ids[1] == 2);

  /* Tenant scope: acme's proposal is, for a globex caller, exactly an unknown id; "" is no scope. */
  CHECK(msp_trueup_ledger_decide(ledger, "globex", ids[0], "approved", "eve", feb21, NULL, &err) ==
        MSP_STATUS_NOT_FOUND);
  CHECK(strcmp(err.message, "proposal 1 not found in tenant 'globex'") == 0);
  CHECK(msp_trueup_ledger_decide(ledger, "globex", 99, "approved", "eve", feb21, NULL, &err) == MSP_STATUS_NOT_FOUND);
  CHECK(strcmp(err.message, "proposal 99 not found in tenant 'globex'") == 0);
  CHECK(msp_trueup_ledger_decide(ledger, "", ids[0], "approved", "eve", feb21, NULL, &err) ==
        MSP_STATUS_INVALID_ARGUMENT);

  /* Still proposed after the refused calls: acme's own scope and the all-tenants scope (NULL) decide it. */
  CHECK(msp_trueup_ledger_decide(ledger, "acme", ids[0], "approved", "bob", feb21, "agreed", &err) == MSP_STATUS_OK);
  CHECK(msp_trueup_ledger_decide(ledger, NULL, ids[1], "rejected", "bob", feb21, NULL, &err) == MSP_STATUS_OK);
  CHECK(msp_trueup_ledger_decide(ledger, NULL, ids[1], "approved", "bob", feb21, NULL, &err) ==
        MSP_STATUS_INVALID_STATE);
  CHECK(strstr(err.message, "is rejected") != NULL);
  CHECK(msp_trueup_ledger_decide(ledger, NULL, ids[0], "maybe", "bob", feb21, NULL, &err) ==
        MSP_STATUS_INVALID_ARGUMENT);
  CHECK(msp_trueup_ledger_decide(ledger, NULL, 99, "approved", "bob", feb21, NULL, &err) == MSP_STATUS_NOT_FOUND);
  CHECK(strcmp(err.message, "proposal 99 not found in all tenants") == 0);
  CHECK(msp_trueup_ledger_apply(ledger, NULL, ids[1], "bob", feb21, NULL, &applied, &err) ==
        MSP_STATUS_INVALID_STATE);
  CHECK(msp_trueup_ledger_apply(ledger, "globex", ids[0], "eve", feb21, NULL, &applied, &err) ==
        MSP_STATUS_NOT_FOUND);
  CHECK(strcmp(err.message, "proposal 1 not found in tenant 'globex'") == 0);
  CHECK(msp_trueup_ledger_apply(ledger, "acme", ids[0], "bob", feb21, NULL, &applied, &err) == MSP_STATUS_OK);

  /* Events: line change 1, proposed 2 and 3, approved 4, rejected 5, then the applied line change 6. */
  CHECK(applied == 6);
  CHECK(msp_trueup_ledger_quantity_as_of(ledger, "acme", "C-1", "L-1", "2024-02-29", MSP_NO_INSTANT, &quantity,
                                         &err) == MSP_STATUS_OK && quantity == 10);
  CHECK(msp_trueup_ledger_quantity_as_of(ledger, "acme", "C-1", "L-1", "2024-03-01", MSP_NO_INSTANT, &quantity,
                                         &err) == MSP_STATUS_OK && quantity == 13);
  /* As known before the apply. */
  CHECK(msp_trueup_ledger_quantity_as_of(ledger, "acme", "C-1", "L-1", "2024-03-01", feb20, &quantity, &err) ==
            MSP_STATUS_OK && quantity == 10);
  CHECK(msp_trueup_ledger_quantity_as_of(ledger, "acme", "C-1", "L-1", "2023-12-31", MSP_NO_INSTANT, &quantity,
                                         &err) == MSP_STATUS_NOT_FOUND);
  CHECK(strstr(err.message, "line 'L-1'") != NULL);

  CHECK(msp_trueup_ledger_history_json(ledger, "acme", "C-1", "L-1", NULL, 0, &required, &err) == MSP_STATUS_OK);
  CHECK(required > 1 && required <= sizeof buf);
  CHECK(msp_trueup_ledger_history_json(ledger, "acme", "C-1", "L-1", buf, sizeof buf, &required, &err) ==
        MSP_STATUS_OK);
  CHECK(required == strlen(buf) + 1);
  CHECK(strstr(buf, "\"kind\":\"applied\"") != NULL);
  CHECK(strstr(buf, "\"actor\":\"bob\"") != NULL && strstr(buf, "\"reason\":\"agreed\"") != NULL);
  CHECK(msp_trueup_ledger_history_json(ledger, "globex", NULL, NULL, buf, sizeof buf, NULL, &err) == MSP_STATUS_OK);
  CHECK(strcmp(buf, "[]") == 0);
  msp_trueup_ledger_free(ledger);
  msp_trueup_ledger_free(NULL);
  remove_ledger(path);

  text = fopen(not_sqlite, "w");
  CHECK(text != NULL);
  if (text != NULL) {
    int i;
    for (i = 0; i < 50; ++i) fputs("plain text, not a database\n", text);
    fclose(text);
  }
  ledger = NULL;
  CHECK(msp_trueup_ledger_open(not_sqlite, &ledger, &err) == MSP_STATUS_STORAGE_ERROR);
  CHECK(ledger == NULL && strstr(err.message, not_sqlite) != NULL);
  remove(not_sqlite);
}

static void test_kpi(void) {
  /* Tenant 0: created 2025-01-05 10:00Z resolved +24 h; 2025-03-31 23:30Z (Q2 in Berlin) open.
     Tenant 1: created 2025-04-02 08:00Z, resolved +6 h, nps 9 (a promoter). */
  const int64_t created[3] = {1736071200, 1743463800, 1743580800};
  const int64_t resolved[3] = {1736157600, MSP_NO_INSTANT, 1743602400};
  const int32_t group[3] = {0, 0, 1};
  const int8_t nps[3] = {-1, -1, 9};
  const char *kpis[4] = {"created", "backlog", "resolution_hours_mean", "nps"};
  const char *top[1] = {"top_categories"};
  msp_ticket_kpi_columns in = MSP_TICKET_KPI_COLUMNS_INIT;
  msp_kpi_frame *frame = NULL;
  msp_error err;
  double values[4];
  int32_t periods = 0;
  char buf[512];
  size_t required = 0;

  CHECK(in.struct_size == sizeof(msp_ticket_kpi_columns) && in.n == 0 && in.created == NULL && in.reactive == NULL);
  in.n = 3;
  in.created = created;
  in.resolved = resolved;
  in.group = group;
  in.nps = nps;
  CHECK(msp_ticket_kpi_frame(&in, 2, "quarter", "Europe/Berlin", 1, NULL, kpis, 4, NULL, &frame, &err) ==
        MSP_STATUS_OK);
  CHECK(msp_kpi_frame_periods(frame, &periods, &err) == MSP_STATUS_OK && periods == 2);
  CHECK(msp_kpi_frame_period_label(frame, 1, buf, sizeof buf, &required, &err) == MSP_STATUS_OK);
  CHECK(strcmp(buf, "2025-Q2") == 0);
  CHECK(msp_kpi_frame_values(frame, "created", values, 4, &err) == MSP_STATUS_OK);
  CHECK(values[0] == 1 && values[1] == 1 && values[2] == 0 && values[3] == 1);
  CHECK(msp_kpi_frame_values(frame, "backlog", values, 4, &err) == MSP_STATUS_OK);
  CHECK(values[0] == 0 && values[1] == 1 && values[3] == 0);
  CHECK(msp_kpi_frame_values(frame, "resolution_hours_mean", values, 4, &err) == MSP_STATUS_OK);
  CHECK(values[0] == 24.0 && values[1] != values[1] && values[3] == 6.0); /* an empty quarter is NaN */
  CHECK(msp_kpi_frame_values(frame, "nps", values, 4, &err) == MSP_STATUS_OK && values[3] == 100.0);
  CHECK(msp_kpi_frame_values(frame, "nps", values, 3, &err) == MSP_STATUS_BUFFER_TOO_SMALL);
  CHECK(msp_kpi_frame_values(frame, "csat_positive_pct", values, 4, &err) == MSP_STATUS_NOT_FOUND);
  msp_kpi_frame_free(frame);
  frame = NULL;
  CHECK(msp_ticket_kpi_frame(&in, 2, "quarter", "Mars/Olympus", 1, NULL, kpis, 4, NULL, &frame, &err) ==
        MSP_STATUS_UNKNOWN_TIME_ZONE);
  CHECK(strstr(err.message, "Mars/Olympus") != NULL && frame == NULL);
  /* A requested KPI whose input is missing is an error naming it, as in C++ and Python. */
  CHECK(msp_ticket_kpi_frame(&in, 2, "quarter", "UTC", 1, NULL, top, 1, NULL, &frame, &err) ==
        MSP_STATUS_INVALID_ARGUMENT);
  CHECK(strcmp(err.message, "KPI 'top_categories' needs category") == 0 && frame == NULL);
  /* No list: every KPI the given columns allow; no zone: the default report zone (Berlin),
     so 2025-03-31 23:30Z falls in Q2 as above. */
  CHECK(msp_ticket_kpi_frame(&in, 2, "quarter", NULL, 1, NULL, NULL, 0, NULL, &frame, &err) == MSP_STATUS_OK);
  CHECK(msp_kpi_frame_periods(frame, &periods, &err) == MSP_STATUS_OK && periods == 2);
  CHECK(msp_kpi_frame_values(frame, "backlog", values, 4, &err) == MSP_STATUS_OK && values[1] == 1);
  CHECK(msp_kpi_frame_values(frame, "nps", values, 4, &err) == MSP_STATUS_OK && values[3] == 100.0);
  CHECK(msp_kpi_frame_values(frame, "top_categories", values, 4, &err) == MSP_STATUS_NOT_FOUND);
  msp_kpi_frame_free(frame);
  CHECK(msp_kpi_dictionary_json(buf, 8, &required, &err) == MSP_STATUS_BUFFER_TOO_SMALL && required > 1000);

  /* A struct from another header: refused by name with both sizes (18 members of 8 bytes). */
  CHECK(sizeof(msp_ticket_kpi_columns) == 18 * sizeof(size_t));
  in.struct_size = 8;
  frame = NULL;
  CHECK(msp_ticket_kpi_frame(&in, 2, "quarter", NULL, 1, NULL, NULL, 0, NULL, &frame, &err) ==
        MSP_STATUS_INVALID_ARGUMENT);
  CHECK(frame == NULL);
  snprintf(buf, sizeof buf, "msp_ticket_kpi_columns.struct_size 8 is not a size this library knows (expected %u)",
           (unsigned)sizeof(msp_ticket_kpi_columns));
  CHECK(strcmp(err.message, buf) == 0);
  in.struct_size = sizeof in;
  CHECK(msp_ticket_kpi_frame(&in, 2, "quarter", NULL, 1, NULL, NULL, 0, NULL, &frame, &err) == MSP_STATUS_OK);
  msp_kpi_frame_free(frame);
}

/* Windows 10 22H2 Pro support ended 2025-10-14: overdue on 2025-10-15; a negative seat count
   names the licence and the field and carries its row. */
static void test_lifecycle(void) {
  const char *request =
      "{\"as_of\": \"2025-10-15\", \"assets\": [{\"id\": \"PC-1\", \"tenant\": \"acme\", "
      "\"type\": \"workstation\", \"warranty_end\": \"2028-01-01\", \"os\": \"Windows 10\", "
      "\"os_version\": \"22H2\", \"os_edition\": \"Pro\"}]}";
  char buf[4096];
  size_t required = 0;
  msp_error err;
  CHECK(msp_lifecycle_evaluate_json(request, NULL, 0, &required, &err) == MSP_STATUS_OK);
  CHECK(required > 0 && required <= sizeof buf);
  CHECK(msp_lifecycle_evaluate_json(request, buf, sizeof buf, &required, &err) == MSP_STATUS_OK);
  CHECK(strstr(buf, "\"status\":\"overdue\"") != NULL);
  CHECK(strstr(buf, "\"os_support_end\":\"2025-10-14\"") != NULL);

  CHECK(msp_lifecycle_evaluate_json("{\"as_of\": \"2025-10-15\", \"licences\": [{\"tenant\": \"t\", "
                                    "\"sku\": \"s\", \"seats\": 1}, {\"tenant\": \"t\", \"sku\": \"AV\", \"seats\": -3}]}",
                                    buf, sizeof buf, &required, &err) == MSP_STATUS_INVALID_ARGUMENT);
  CHECK(strcmp(err.message, "licences[1] (tenant 't' sku 'AV').seats: -3 must be >= 0") == 0);
  CHECK(err.row == 1);

  CHECK(msp_os_lifecycle_table_version(buf, sizeof buf, &required, &err) == MSP_STATUS_OK);
  CHECK(strcmp(buf, "mspcore-os-1") == 0);
}

/* 1,000.00 a month with 5% a year: FY2027 12 x 1,000.00 = 12,000.00, FY2028 12 x 1,050.00 =
   12,600.00; a dependency cycle is named. */
static void test_budget(void) {
  const char *request =
      "{\"years\": 2, \"price_increase\": \"5\", \"initiatives\": [{\"id\": \"I-1\", \"tenant\": \"acme\", "
      "\"quarter\": \"2027-Q1\", \"status\": \"approved\", \"costs\": [{\"kind\": \"recurring\", "
      "\"period\": \"monthly\", \"amount\": \"1000.00\", \"currency\": \"EUR\", \"category\": \"opex\"}]}]}";
  static char buf[16384];
  size_t required = 0;
  msp_error err;
  CHECK(msp_vcio_budget_json(request, NULL, 0, &required, &err) == MSP_STATUS_OK);
  CHECK(required > 0 && required <= sizeof buf);
  CHECK(msp_vcio_budget_json(request, buf, sizeof buf, &required, &err) == MSP_STATUS_OK);
  CHECK(strstr(buf, "\"fiscal_year\":\"FY2027\",\"one_time\":\"0.00\",\"opex\":\"12000.00\"") != NULL);
  CHECK(strstr(buf, "\"opex\":\"12600.00\"") != NULL);

  CHECK(msp_vcio_budget_json("{\"initiatives\": [{\"id\": \"I-3\", \"tenant\": \"t\", \"quarter\": \"2027-Q1\", "
                             "\"status\": \"approved\", \"depends_on\": [\"I-5\"]}, {\"id\": \"I-5\", \"tenant\": \"t\", "
                             "\"quarter\": \"2027-Q1\", \"status\": \"approved\", \"depends_on\": \"I-3\"}]}",
                             buf, sizeof buf, &required, &err) == MSP_STATUS_INVALID_ARGUMENT);
  CHECK(strcmp(err.message, "roadmap of tenant 't': dependency cycle I-3 -> I-5 -> I-3") == 0);
}

/* One section, two questions of weight 1: Q1 aligned, Q2 partial -> 1.5 of 2 = 75.00; an
   answer for an unknown question names the record. */
static void test_alignment(void) {
  const char *request =
      "{\"standard\": {\"id\": \"std\", \"sections\": [{\"id\": \"S\", \"questions\": [{\"id\": \"Q1\"}, "
      "{\"id\": \"Q2\"}]}]}, \"answers\": [{\"tenant\": \"acme\", \"question\": \"Q1\", \"answer\": \"aligned\"}, "
      "{\"tenant\": \"acme\", \"question\": \"Q2\", \"answer\": \"partial\"}]}";
  static char buf[8192];
  size_t required = 0;
  msp_error err;
  CHECK(msp_vcio_alignment_json(request, NULL, 0, &required, &err) == MSP_STATUS_OK);
  CHECK(required > 0 && required <= sizeof buf);
  CHECK(msp_vcio_alignment_json(request, buf, sizeof buf, &required, &err) == MSP_STATUS_OK);
  CHECK(strstr(buf, "\"score\":\"75.00\"") != NULL);
  CHECK(strstr(buf, "\"contribution\":\"50.00\"") != NULL);

  CHECK(msp_vcio_alignment_json("{\"standard\": {\"id\": \"std\", \"questions\": [{\"id\": \"Q1\", \"section\": \"S\"}]}, "
                                "\"answers\": [{\"tenant\": \"t\", \"question\": \"Q9\", \"answer\": \"aligned\"}]}",
                                buf, sizeof buf, &required, &err) == MSP_STATUS_INVALID_ARGUMENT);
  CHECK(strcmp(err.message, "answers[0] (tenant 't' question 'Q9').question: unknown question 'Q9' (standard 'std')") == 0);
  CHECK(err.row == 0);
}

static void test_kpi_partials_assets_trend(void) {
  /* Two tickets of one tenant in 2025-Q1 (UTC): resolved after 24 h and 12 h. Their partials,
     one per ticket, merge into the partial of both; a frame from it has mean 18 h. */
  const int64_t created[2] = {1736071200, 1739145600};
  const int64_t resolved[2] = {1736157600, 1739188800};
  const int32_t group[2] = {0, 0};
  const char *kpis[2] = {"created", "resolution_hours_mean"};
  msp_ticket_kpi_columns in = MSP_TICKET_KPI_COLUMNS_INIT;
  msp_kpi_partials *one = NULL, *two = NULL;
  msp_kpi_frame *frame = NULL;
  msp_error err;
  unsigned char bytes[2][256], merged[256];
  const unsigned char *parts[2];
  size_t sizes[2], n = 0, required = 0;
  int32_t g = -1, period_id = 0, periods = 0;
  double values[2];
  msp_asset_kpi_columns assets = MSP_ASSET_KPI_COLUMNS_INIT;
  const int32_t asset_group[2] = {0, 1};
  const int8_t managed[2] = {1, 0};
  const double series[4] = {1, 2, 4, 8};
  double delta[4], slope[4], mean[4];
  int8_t unusual[4];

  in.n = 1;
  in.created = created;
  in.resolved = resolved;
  in.group = group;
  CHECK(msp_ticket_kpi_partials(&in, 1, "quarter", "UTC", 1, NULL, &one, &err) == MSP_STATUS_OK);
  in.created = created + 1;
  in.resolved = resolved + 1;
  CHECK(msp_ticket_kpi_partials(&in, 1, "quarter", "UTC", 1, NULL, &two, &err) == MSP_STATUS_OK);
  CHECK(msp_kpi_partials_count(one, &n, &err) == MSP_STATUS_OK && n == 1);
  CHECK(msp_kpi_partials_row(one, 0, &g, &period_id, &err) == MSP_STATUS_OK && g == 0 && period_id == 2025 * 12);
  CHECK(msp_kpi_partials_bytes(one, 0, bytes[0], sizeof bytes[0], &sizes[0], &err) == MSP_STATUS_OK);
  CHECK(msp_kpi_partials_bytes(two, 0, bytes[1], sizeof bytes[1], &sizes[1], &err) == MSP_STATUS_OK);
  msp_kpi_partials_free(one);
  msp_kpi_partials_free(two);
  parts[0] = bytes[0];
  parts[1] = bytes[1];
  CHECK(msp_ticket_kpi_merge_partials(parts, sizes, 2, merged, sizeof merged, &required, &err) == MSP_STATUS_OK);
  parts[0] = merged;
  CHECK(msp_ticket_kpi_frame_from_partials(group, &period_id, parts, &required, 1, 1, "quarter", "UTC", 1, kpis, 2,
                                           NULL, &frame, &err) == MSP_STATUS_OK);
  CHECK(msp_kpi_frame_periods(frame, &periods, &err) == MSP_STATUS_OK && periods == 1);
  CHECK(msp_kpi_frame_values(frame, "created", values, 1, &err) == MSP_STATUS_OK && values[0] == 2);
  CHECK(msp_kpi_frame_values(frame, "resolution_hours_mean", values, 1, &err) == MSP_STATUS_OK && values[0] == 18.0);
  msp_kpi_frame_free(frame);

  /* Two assets in two groups, one managed: 100 % and 0 %. */
  CHECK(assets.struct_size == sizeof(msp_asset_kpi_columns) && assets.group == NULL);
  assets.n = 2;
  assets.group = asset_group;
  assets.managed = managed;
  CHECK(msp_asset_kpi_frame(&assets, 2, 20269, NULL, 0, &frame, &err) == MSP_STATUS_OK);
  CHECK(msp_kpi_frame_values(frame, "managed_pct", values, 2, &err) == MSP_STATUS_OK);
  CHECK(values[0] == 100.0 && values[1] == 0.0);
  msp_kpi_frame_free(frame);

  /* 1, 2, 4, 8 with window 2: deltas 1, 2, 4; slopes over two points the same; means 1.5, 3, 6. */
  CHECK(msp_kpi_trend(series, 1, 4, 2, delta, slope, mean, unusual, &err) == MSP_STATUS_OK);
  CHECK(delta[0] != delta[0] && delta[1] == 1 && delta[2] == 2 && delta[3] == 4);
  CHECK(slope[3] == 4 && mean[1] == 1.5 && mean[3] == 6);
  CHECK(msp_kpi_trend(series, 1, 4, 0, delta, slope, mean, unusual, &err) == MSP_STATUS_OUT_OF_RANGE);
}

static void test_rmm_import(void) {
  /* In the working directory: strict C99 has no mkdtemp. 1748779140000 ms = 2025-06-01T11:59:00Z. */
  static const char *path = "mspcore_c_test_rmm.json";
  static char buf[4096];
  size_t required = 0;
  msp_error err;
  FILE *f = fopen(path, "w");
  CHECK(f != NULL);
  if (f == NULL) return;
  fputs("{\"alerts\": [{\"alertUid\": \"a1\", \"priority\": \"High\", \"timestamp\": 1748779140000,"
        " \"alertContext\": {\"@class\": \"ping_ctx\"},"
        " \"alertSourceInfo\": {\"deviceUid\": \"d1\", \"siteName\": \"Acme\"}}]}", f);
  fclose(f);
  CHECK(msp_rmm_import_json(path, "datto_rmm", "{\"tenants\": {\"Acme\": \"acme\"}}", NULL, 0, &required, &err) ==
        MSP_STATUS_OK);
  CHECK(required > 0 && required <= sizeof buf);
  CHECK(msp_rmm_import_json(path, "datto_rmm", "{\"tenants\": {\"Acme\": \"acme\"}}", buf, sizeof buf, &required,
                            &err) == MSP_STATUS_OK);
  CHECK(strstr(buf, "\"opened\":\"2025-06-01T11:59:00Z\"") != NULL);
  CHECK(strstr(buf, "\"tenant\":\"acme\"") != NULL);
  CHECK(strstr(buf, "\"outage\":true") != NULL);
  CHECK(msp_rmm_import_json(path, "ninja", NULL, buf, sizeof buf, &required, &err) == MSP_STATUS_INVALID_ARGUMENT);
  CHECK(msp_rmm_import_json("mspcore_c_test_missing.json", "cove", NULL, buf, sizeof buf, &required, &err) ==
        MSP_STATUS_IO_ERROR);
  CHECK(strcmp(err.message, "'mspcore_c_test_missing.json': cannot be opened (No such file or directory)") == 0);
  remove(path);
}

/* Access control: a small model worked by hand. ops inherits view (read tickets everywhere)
 * and denies reading tickets of tenant beta; vic is a vendor technician whose home is acme. */
static void test_access(void) {
  static const char *model_json =
      "{\"parties\": [{\"id\": \"msp\", \"kind\": \"msp\"}, {\"id\": \"v\", \"kind\": \"vendor\"}],"
      " \"roles\": [{\"id\": \"view\", \"grants\": [{\"id\": \"g-read\", \"actions\": [\"read\"], \"kinds\": [\"ticket\"]}]},"
      "  {\"id\": \"ops\", \"inherits\": [\"view\"], \"grants\": [{\"id\": \"no-beta\", \"effect\": \"deny\","
      "   \"actions\": [\"read\"], \"kinds\": [\"ticket\"], \"tenant\": \"beta\"}]}],"
      " \"principals\": [{\"id\": \"olga\", \"party\": \"msp\", \"roles\": [\"ops\"]},"
      "  {\"id\": \"vic\", \"party\": \"v\", \"roles\": [\"view\"], \"home_tenants\": [\"acme\"]}]}";
  msp_error err;
  msp_access_model *model = NULL;
  char buf[512];
  size_t required = 0;
  int allowed = -1, all = -1;
  CHECK(msp_access_model_new_from_json(model_json, &model, &err) == MSP_STATUS_OK);
  /* olga on beta: the deny (ops[0]) beats the inherited allow (view[0]). */
  CHECK(msp_access_authorize_json(model,
                                  "{\"principal\": \"olga\", \"action\": \"read\","
                                  " \"resource\": {\"kind\": \"ticket\", \"tenant\": \"beta\", \"scope\": \"q1\"}}",
                                  NULL, 0, &required, &err) == MSP_STATUS_OK);
  CHECK(required <= sizeof buf);
  CHECK(msp_access_authorize_json(model,
                                  "{\"principal\": \"olga\", \"action\": \"read\","
                                  " \"resource\": {\"kind\": \"ticket\", \"tenant\": \"beta\", \"scope\": \"q1\"}}",
                                  buf, sizeof buf, &required, &err) == MSP_STATUS_OK);
  CHECK(strcmp(buf, "{\"allowed\":false,\"chain\":[\"ops\"],\"grant_id\":\"no-beta\",\"grant_index\":0,"
                    "\"reason\":\"denied\",\"role\":\"ops\"}") == 0);
  CHECK(msp_access_allows(model, "olga", "read", "ticket", "acme", NULL, &allowed, &err) == MSP_STATUS_OK);
  CHECK(allowed == 1);
  CHECK(msp_access_allows(model, "olga", "read", "ticket", "beta", "q1", &allowed, &err) == MSP_STATUS_OK);
  CHECK(allowed == 0);
  /* vic: external, home acme, so beta is refused although view names every tenant. */
  CHECK(msp_access_allows(model, "vic", "read", "ticket", "beta", "", &allowed, &err) == MSP_STATUS_OK);
  CHECK(allowed == 0);
  CHECK(msp_access_allows(model, "vic", "read", "ticket", "acme", "", &allowed, &err) == MSP_STATUS_OK);
  CHECK(allowed == 1);
  CHECK(msp_access_allows(model, "vic", "delete", "ticket", "acme", "", &allowed, &err) == MSP_STATUS_INVALID_ARGUMENT);
  /* Store scopes: vic gets his one home tenant; olga must name one (beta is denied). */
  CHECK(msp_access_scope_for(model, "vic", "read", "ticket", NULL, &all, buf, sizeof buf, &required, &err) ==
        MSP_STATUS_OK);
  CHECK(all == 0 && strcmp(buf, "acme") == 0);
  CHECK(msp_access_scope_for(model, "olga", "read", "ticket", NULL, &all, buf, sizeof buf, &required, &err) ==
        MSP_STATUS_PERMISSION_DENIED);
  CHECK(strcmp(err.message, "principal 'olga' may not read ticket on all tenants: a tenant must be named") == 0);
  CHECK(msp_access_scope_for(model, "olga", "read", "ticket", "beta", &all, buf, sizeof buf, &required, &err) ==
        MSP_STATUS_PERMISSION_DENIED);
  CHECK(strcmp(err.message, "principal 'olga' may not read ticket of tenant 'beta': denied") == 0);
  CHECK(msp_access_scope_for(model, "olga", "read", "ticket", "acme", &all, buf, sizeof buf, &required, &err) ==
        MSP_STATUS_OK);
  CHECK(all == 0 && strcmp(buf, "acme") == 0);
  msp_access_model_free(model);
  msp_access_model_free(NULL);
  /* A cycle is named when the model is loaded. */
  model = NULL;
  CHECK(msp_access_model_new_from_json("{\"roles\": [{\"id\": \"a\", \"inherits\": [\"b\"]},"
                                       " {\"id\": \"b\", \"inherits\": [\"a\"]}]}",
                                       &model, &err) == MSP_STATUS_INVALID_ARGUMENT);
  CHECK(model == NULL);
  CHECK(strcmp(err.message, "model.roles: inheritance cycle 'a' -> 'b' -> 'a'") == 0);
  /* Every tenant for a principal allowed on all of them with no deny. */
  CHECK(msp_access_model_new_from_json("{\"roles\": [{\"id\": \"r\", \"grants\": [{\"actions\": [\"*\"], \"kinds\": [\"*\"]}]}],"
                                       " \"principals\": [{\"id\": \"root\", \"roles\": [\"r\"]}]}",
                                       &model, &err) == MSP_STATUS_OK);
  CHECK(msp_access_scope_for(model, "root", "approve", "contract", NULL, &all, NULL, 0, &required, &err) ==
        MSP_STATUS_OK);
  CHECK(all == 1 && required == 1);
  msp_access_model_free(model);
}

/* Co-managed IT: the RACI matrix. Worked by hand: acme's network lane has msp R and client_it A,
   so a network ticket goes to msp's queue, and client_it holding a servers ticket (where it has
   no cell) breaks the matrix; a matrix with two A in a lane is a result, not a failure. */
static void test_raci(void) {
  const char *matrix =
      "{\"parties\": [{\"id\": \"msp\", \"kind\": \"msp\"}, {\"id\": \"client_it\", \"kind\": \"client_it\"}], "
      "\"lanes\": [\"network\", \"servers\"], \"cells\": [{\"tenant\": \"acme\", \"lane\": \"network\", \"party\": \"msp\", "
      "\"raci\": \"R\"}, {\"tenant\": \"acme\", \"lane\": \"network\", \"party\": \"client_it\", \"raci\": \"A\"}, "
      "{\"tenant\": \"acme\", \"lane\": \"servers\", \"party\": \"msp\", \"raci\": \"RA\"}]}";
  const char *two_a =
      "{\"parties\": [{\"id\": \"msp\", \"kind\": \"msp\"}, {\"id\": \"client_it\", \"kind\": \"client_it\"}], "
      "\"lanes\": [\"network\"], \"cells\": [{\"tenant\": \"acme\", \"lane\": \"network\", \"party\": \"msp\", "
      "\"raci\": \"RA\"}, {\"tenant\": \"acme\", \"lane\": \"network\", \"party\": \"client_it\", \"raci\": \"A\"}]}";
  static char request[4096];
  static char buf[4096];
  size_t required = 0;
  msp_error err;
  CHECK(msp_raci_validate_json(matrix, NULL, 0, &required, &err) == MSP_STATUS_OK);
  CHECK(required == strlen("{\"problems\":[],\"valid\":true}") + 1);
  CHECK(msp_raci_validate_json(matrix, buf, sizeof buf, &required, &err) == MSP_STATUS_OK);
  CHECK(strcmp(buf, "{\"problems\":[],\"valid\":true}") == 0);
  CHECK(msp_raci_validate_json(two_a, buf, sizeof buf, &required, &err) == MSP_STATUS_OK);
  CHECK(strstr(buf, "\"message\":\"cells[1] (tenant 'acme' lane 'network' party 'client_it'): a second A ('msp' is "
                    "accountable at cells[0]); exactly one party is accountable\"") != NULL);
  CHECK(strstr(buf, "\"valid\":false") != NULL);

  snprintf(request, sizeof request,
           "{\"matrix\": %s, \"routing\": {\"rules\": [{\"category\": \"net*\", \"lane\": \"network\"}], \"queues\": "
           "[{\"party\": \"msp\", \"queue\": \"NOC\"}]}, \"tickets\": [{\"tenant\": \"acme\", \"id\": \"T1\", "
           "\"category\": \"network/vpn\"}]}",
           matrix);
  CHECK(msp_raci_route_json(request, buf, sizeof buf, &required, &err) == MSP_STATUS_OK);
  CHECK(strstr(buf, "\"party\":\"msp\",\"queue\":\"NOC\",\"rule\":0,\"status\":\"routed\"") != NULL);
  CHECK(msp_raci_route_json(request, buf, 8, &required, &err) == MSP_STATUS_BUFFER_TOO_SMALL);

  snprintf(request, sizeof request,
           "{\"matrix\": %s, \"tickets\": [{\"tenant\": \"acme\", \"id\": \"T2\", \"lane\": \"servers\", \"owner\": "
           "\"client_it\"}]}",
           matrix);
  CHECK(msp_raci_violations_json(request, buf, sizeof buf, &required, &err) == MSP_STATUS_OK);
  CHECK(strstr(buf, "\"violation\":\"owner_not_responsible\"") != NULL);
  CHECK(strstr(buf, "\"responsible\":\"msp\"") != NULL);

  snprintf(request, sizeof request, "{\"matrix\": %s, \"tickets\": []}", two_a);
  CHECK(msp_raci_violations_json(request, buf, sizeof buf, &required, &err) == MSP_STATUS_INVALID_ARGUMENT);
  CHECK(strcmp(err.message, "matrix: 1 problem (raci_validate lists them), the first: cells[1] (tenant 'acme' lane "
                            "'network' party 'client_it'): a second A ('msp' is accountable at cells[0]); exactly one "
                            "party is accountable") == 0);
  CHECK(msp_raci_validate_json("{\"parties\": [{\"id\": \"\", \"kind\": \"msp\"}]}", buf, sizeof buf, &required, &err) ==
        MSP_STATUS_INVALID_ARGUMENT);
  CHECK(strcmp(err.message, "parties[0].id must not be empty") == 0);
  CHECK(err.row == 0);
  CHECK(msp_raci_validate_json(NULL, buf, sizeof buf, &required, &err) == MSP_STATUS_INVALID_ARGUMENT);
}

int main(void) {
  test_version_and_status();
  test_money();
  test_money_errors();
  test_time();
  test_calendar();
  test_sla();
  test_ledger();
  test_kpi();
  test_lifecycle();
  test_budget();
  test_alignment();
  test_kpi_partials_assets_trend();
  test_rmm_import();
  test_access();
  test_raci(); /* co-managed IT */
  printf("%d passed, %d failed\n", checks - failures, failures);
  return failures == 0 ? 0 : 1;
}
