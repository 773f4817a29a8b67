#ifndef ROSTER_CLIBPQ_SHIM_H
#define ROSTER_CLIBPQ_SHIM_H
// Debian's libpq-dev: the PostgreSQL project's own client library.
#include <postgresql/libpq-fe.h>
#endif
