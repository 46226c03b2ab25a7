/* Compiled as strict C99 and as C11 with -Wall -Wextra -pedantic -Werror: the header must stay clean C. */
#include <mspcore.h>

int msp_header_check_(void);
int msp_header_check_(void) {
  msp_error err;
  msp_money m;
  err.code = MSP_STATUS_OK;
  m.scale = 0;
  return (int)err.code + m.scale + MSP_VERSION_MAJOR;
}
