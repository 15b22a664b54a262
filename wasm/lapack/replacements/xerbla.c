/* Replaces LAPACK 3.11 SRC/xerbla.f. The reference XERBLA prints with a formatted WRITE and then STOPs, which in a
 * WebAssembly module would need libf2c's I/O and would kill the whole module (and the Node process or browser tab
 * hosting it). This one prints the same message to stderr and returns: every LAPACK routine returns right after
 * calling XERBLA with INFO = -(number of the bad argument), and the core turns INFO < 0 into a sane::Error. */
#include <stdio.h>
#include "f2c.h"

int xerbla_(char *srname, integer *info, ftnlen srname_len) {
  int len = (int)srname_len;
  while (len > 0 && srname[len - 1] == ' ') --len;  /* LEN_TRIM */
  fprintf(stderr, " ** On entry to %.*s parameter number %d had an illegal value\n", len, srname, (int)*info);
  return 0;
}
