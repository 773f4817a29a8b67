#ifndef ROSTER_CQRENCODE_SHIM_H
#define ROSTER_CQRENCODE_SHIM_H
#include <qrencode.h>
#endif
