#ifndef ROSTER_CNCURSESW_SHIM_H
#define ROSTER_CNCURSESW_SHIM_H

// Wide-character API (add_wch, get_wch, setcchar) is only declared with this.
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <locale.h>
#include <ncursesw/ncurses.h>

// Swift 6 rejects mutable C globals such as `stdscr`, `COLS` and `LINES`;
// these accessors read them on the console's one ncurses thread.
static inline WINDOW *roster_stdscr(void) { return stdscr; }
static inline int roster_cols(void) { return COLS; }
static inline int roster_lines(void) { return LINES; }
static inline int roster_colors(void) { return COLORS; }
static inline int roster_color_pairs(void) { return COLOR_PAIRS; }

#endif
