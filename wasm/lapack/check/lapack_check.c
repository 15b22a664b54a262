/* Calls DSTEV, DSYEV and the hand-written replacements with the gfortran ABI of native/core/lapack.hpp and prints
 * every result as "key value" lines. check.sh builds it twice, against the system LAPACK (gcc -llapack) and against
 * the f2c port (emcc), and compares the two outputs: the port is proved by an independent implementation. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void dstev_(const char *jobz, const int *n, double *d, double *e, double *z, const int *ldz, double *work, int *info,
            size_t jobz_len);
void dsyev_(const char *jobz, const char *uplo, const int *n, double *a, const int *lda, double *w, double *work,
            const int *lwork, int *info, size_t jobz_len, size_t uplo_len);
double dnrm2_(const int *n, const double *x, const int *incx);
/* Internal routines: f2c gives SUBROUTINEs an int result, gfortran none; int is right for both here (unused). */
int dlartg_(const double *f, const double *g, double *c, double *s, double *r);
int dlassq_(const int *n, const double *x, const int *incx, double *scl, double *sumsq);
double dlamch_(const char *cmach, size_t len);

static uint64_t state = 12345;
static double uniform(void) { /* splitmix64 -> [-1, 1) */
  uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  z ^= z >> 31;
  return (double)(z >> 11) * 0x1p-52 - 1.0;
}

/* Eigenvector checks that do not depend on the sign LAPACK picks: max_i ||A v_i - l_i v_i|| / ||A|| and
 * max |V^T V - I|. */
static void checkVectors(const char *key, int n, const double *a /* column-major */, const double *w,
                         const double *v, double anorm) {
  double res = 0, orth = 0;
  for (int i = 0; i < n; ++i) {
    double r2 = 0;
    for (int row = 0; row < n; ++row) {
      double s = -w[i] * v[row + i * n];
      for (int k = 0; k < n; ++k) s += a[row + k * n] * v[k + i * n];
      r2 += s * s;
    }
    if (sqrt(r2) / anorm > res) res = sqrt(r2) / anorm;
    for (int j = 0; j < n; ++j) {
      double s = 0;
      for (int k = 0; k < n; ++k) s += v[k + i * n] * v[k + j * n];
      double err = fabs(s - (i == j));
      if (err > orth) orth = err;
    }
  }
  printf("%s.residual_ok %d\n", key, res < 100 * n * 2.3e-16);
  printf("%s.orthogonality_ok %d\n", key, orth < 100 * n * 2.3e-16);
}

static void tridiagonal(int n, double scale) {
  double *d = malloc(sizeof(double) * n), *e = malloc(sizeof(double) * n), *z = malloc(sizeof(double) * n * n);
  double *d0 = malloc(sizeof(double) * n), *e0 = malloc(sizeof(double) * n), *a = calloc((size_t)n * n, 8);
  double *work = malloc(sizeof(double) * (2 * n + 2));
  for (int i = 0; i < n; ++i) d0[i] = scale * uniform(), e0[i] = scale * uniform();
  char key[64];
  for (int vectors = 0; vectors < 2; ++vectors) {
    memcpy(d, d0, sizeof(double) * n);
    memcpy(e, e0, sizeof(double) * n);
    int info = 0, ldz = n;
    dstev_(vectors ? "V" : "N", &n, d, e, z, &ldz, work, &info, 1);
    snprintf(key, sizeof key, "dstev.%c.n%d.s%g", vectors ? 'V' : 'N', n, scale);
    printf("%s.info %d\n", key, info);
    for (int i = 0; i < n; ++i) printf("%s.w%d %.17g\n", key, i, d[i]);
    if (vectors) {
      double anorm = 0;
      for (int i = 0; i < n; ++i) {
        a[i + i * n] = d0[i];
        if (i + 1 < n) a[i + 1 + i * n] = a[i + (i + 1) * n] = e0[i];
        anorm = fmax(anorm, fabs(d0[i]) + (i + 1 < n ? fabs(e0[i]) : 0) + (i > 0 ? fabs(e0[i - 1]) : 0));
      }
      checkVectors(key, n, a, d, z, anorm);
    }
  }
  free(d), free(e), free(z), free(d0), free(e0), free(a), free(work);
}

static void dense(int n, double scale) {
  double *a0 = malloc(sizeof(double) * n * n), *a = malloc(sizeof(double) * n * n), *w = malloc(sizeof(double) * n);
  for (int j = 0; j < n; ++j)
    for (int i = 0; i <= j; ++i) a0[i + j * n] = a0[j + i * n] = scale * uniform();
  char key[64];
  for (int vectors = 0; vectors < 2; ++vectors) {
    memcpy(a, a0, sizeof(double) * n * n);
    int info = 0, lwork = -1;
    double query;
    dsyev_(vectors ? "V" : "N", "U", &n, a, &n, w, &query, &lwork, &info, 1, 1);
    lwork = (int)query;
    double *work = malloc(sizeof(double) * (lwork > 1 ? lwork : 1));
    dsyev_(vectors ? "V" : "N", "U", &n, a, &n, w, work, &lwork, &info, 1, 1);
    snprintf(key, sizeof key, "dsyev.%c.n%d.s%g", vectors ? 'V' : 'N', n, scale);
    printf("%s.info %d\n", key, info);
    for (int i = 0; i < n; ++i) printf("%s.w%d %.17g\n", key, i, w[i]);
    if (vectors) {
      double anorm = 0;
      for (int j = 0; j < n; ++j) {
        double s = 0;
        for (int i = 0; i < n; ++i) s += fabs(a0[i + j * n]);
        anorm = fmax(anorm, s);
      }
      checkVectors(key, n, a0, w, a, anorm);
    }
    free(work);
  }
  free(a0), free(a), free(w);
}

int main(void) {
  const int sizes[] = {1, 2, 3, 10, 64, 200};
  /* Scales far from 1 take the scaling paths of DSTEV/DSYEV (DLANST/DLANSY -> DLASSQ, DLASCL). */
  const double scales[] = {1.0, 1e-160, 1e150};
  for (int s = 0; s < 3; ++s)
    for (int k = 0; k < 6; ++k) tridiagonal(sizes[k], scales[s]), dense(sizes[k], scales[s]);

  /* Replacements on values that overflow or underflow when squared. */
  const double xs[][4] = {{3, 4, 0, 0}, {1e300, 1e300, 0, 0}, {1e-300, 1e-300, 3e-300, 0}, {1e-170, 1e170, 1, 0},
                          {0, 0, 0, 0}, {-2, 1e-320, 5e-324, 7}};
  for (int k = 0; k < 6; ++k) {
    int n = 4, inc = 1, neg = -1;
    printf("dnrm2.%d %.17g\n", k, dnrm2_(&n, xs[k], &inc));
    printf("dnrm2.neg.%d %.17g\n", k, dnrm2_(&n, xs[k], &neg));
    double scl = 1, ssq = 0;
    dlassq_(&n, xs[k], &inc, &scl, &ssq);
    printf("dlassq.%d %.17g\n", k, scl * sqrt(ssq));
    scl = 1e-200, ssq = 3; /* accumulate onto a tiny incoming sum */
    dlassq_(&n, xs[k], &inc, &scl, &ssq);
    printf("dlassq.acc.%d %.17g\n", k, scl * sqrt(ssq));
  }
  const double fg[][2] = {{3, 4}, {-3, 4}, {0, -2}, {5, 0}, {1e300, 1e300}, {1e-300, -1e-310}, {-1e-200, 1e200}};
  for (int k = 0; k < 7; ++k) {
    double c, s, r;
    dlartg_(&fg[k][0], &fg[k][1], &c, &s, &r);
    printf("dlartg.%d %.17g %.17g %.17g\n", k, c, s, r);
  }
  const char *params = "ESBPNRMULO";
  for (const char *p = params; *p; ++p) printf("dlamch.%c %.17g\n", *p, dlamch_(p, 1));
  return 0;
}
