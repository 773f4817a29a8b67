#ifndef ROSTER_CMALLOC_SHIM_H
#define ROSTER_CMALLOC_SHIM_H
// glibc's malloc tuning (mallopt), which Swift's Glibc module leaves out.
#include <malloc.h>
#endif
