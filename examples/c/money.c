/* Any program can use mspcore through the C ABI: here, an invoice split in C99. */
#include <mspcore.h>

#include <stdio.h>

int main(void) {
  msp_money total, parts[3];
  msp_error err;
  const int64_t ratios[3] = {1, 1, 1};
  char buf[64];
  size_t i;

  printf("mspcore %s\n", msp_version_string());
  if (msp_money_parse("100.00", "EUR", &total, &err) != MSP_STATUS_OK ||
      msp_money_allocate(&total, ratios, 3, parts, &err) != MSP_STATUS_OK) {
    fprintf(stderr, "error %s: %s\n", msp_status_name(err.code), err.message);
    return 1;
  }
  for (i = 0; i < 3; ++i) {
    if (msp_money_format(&parts[i], buf, sizeof buf, NULL, &err) != MSP_STATUS_OK) return 1;
    printf("part %u: EUR %s\n", (unsigned)i + 1, buf);
  }
  if (msp_money_parse("1e3", "EUR", &total, &err) != MSP_STATUS_OK) {
    printf("rejected as expected: %s (%s)\n", err.message, msp_status_name(err.code));
  }
  return 0;
}
