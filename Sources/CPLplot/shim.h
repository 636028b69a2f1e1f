// PLplot for Swift. Include through the plplot/ prefix so a missing plplot.pc does not break
// the build (docs/design.md §4). PLplot's API names are macros (plinit -> c_plinit): Swift calls c_*.
#ifndef CHORUS_CPLPLOT_SHIM_H
#define CHORUS_CPLPLOT_SHIM_H
#include <plplot/plplot.h>
#endif
