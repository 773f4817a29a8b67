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
#include <langinfo.h>
#include <stdio.h>
#include <string.h>
#include <ncursesw/ncurses.h>
#include <ncursesw/term.h>

// Swift 6 rejects mutable C globals such as `stdscr`, `COLS` and `LINES`;
// these accessors read them on the console's one ncurses thread.
static inline WINDOW *roster_stdscr(void) { return stdscr; }
static inline int roster_cols(void) { return COLS; }
static inline int roster_lines(void) { return LINES; }
static inline int roster_colors(void) { return COLORS; }
static inline int roster_color_pairs(void) { return COLOR_PAIRS; }

// Attribute macros don't import into Swift.
static inline unsigned int roster_a_bold(void) { return A_BOLD; }
static inline unsigned int roster_a_underline(void) { return A_UNDERLINE; }
static inline unsigned int roster_a_reverse(void) { return A_REVERSE; }
static inline unsigned int roster_a_dim(void) { return A_DIM; }

// Checks TERM before ncurses takes the screen: -1 unknown terminal, 0 can't address the
// cursor (such as TERM=dumb), 1 usable. Leaves the terminal untouched either way.
static inline int roster_terminal_usable(const char *term) {
    int status = 0;
    if (setupterm(term, 1, &status) != OK) return -1;
    char *cup = tigetstr("cup");
    int usable = (cup != NULL && cup != (char *)-1) ? 1 : 0;
    del_curterm(cur_term);
    return usable;
}

// newterm on the process's stdout/stdin (globals Swift 6 won't touch).
static inline SCREEN *roster_newterm(void) { return newterm(NULL, stdout, stdin); }

// Terminals described with auto margins but no "newline glitch" (TERM=ansi, some old
// entries) are mostly emulated by xterm-like terminals that do have the glitch: after a
// character in the last column ncurses believes the cursor moved to the next row while it
// did not, and the screen slides (title lost, status line wrapped). 1 for such entries.
static inline int roster_wrap_is_ambiguous(void) {
    return cur_term != NULL && auto_right_margin && !eat_newline_glitch ? 1 : 0;
}

// Whether the locale's character set is UTF-8.
static inline int roster_locale_is_utf8(void) {
    const char *set = nl_langinfo(CODESET);
    return set != NULL && (strcmp(set, "UTF-8") == 0 || strcmp(set, "utf8") == 0);
}

#endif
