#ifndef ROSTER_CZXCVBN_SHIM_H
#define ROSTER_CZXCVBN_SHIM_H
// Debian's libzxcvbn-dev: Dropbox's zxcvbn estimator in C, dictionaries compiled in.
#include <zxcvbn.h>
#endif
