// OpenBLAS as Tailor sees it: the CBLAS interface, OpenBLAS's own queries, and the one
// LAPACK routine chapter 4 compares its hand-written SVD against. Debian's
// libopenblas-dev carries the LAPACK symbols inside libopenblas itself.
#include <cblas.h>

/// LAPACK's single-precision divide-and-conquer SVD (column-major, Fortran calling convention).
void sgesdd_(const char *jobz, const int *m, const int *n, float *a, const int *lda,
             float *s, float *u, const int *ldu, float *vt, const int *ldvt,
             float *work, const int *lwork, int *iwork, int *info);
