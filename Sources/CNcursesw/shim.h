#ifndef DOCKET_CNCURSESW_SHIM_H
#define DOCKET_CNCURSESW_SHIM_H

// SwiftPM drops pkg-config's -D flags, so the wide-character API (cchar_t,
// setcchar, wadd_wch, wget_wch) must be switched on here, before the include.
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <locale.h>
#include <errno.h>
#include <langinfo.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// Swift imports neither function-like macros nor the composed constant
// macros below, and touching the `stdscr` global trips Swift 6 concurrency
// checking; these accessors are the only way Swift sees them.

static inline WINDOW *docket_stdscr(void) { return stdscr; }
static inline int docket_max_x(WINDOW *w) { return getmaxx(w); }
static inline int docket_max_y(WINDOW *w) { return getmaxy(w); }

static inline int docket_ok(void) { return OK; }
static inline int docket_err(void) { return ERR; }
static inline int docket_key_code_yes(void) { return KEY_CODE_YES; }

static inline attr_t docket_a_normal(void) { return A_NORMAL; }
static inline attr_t docket_a_bold(void) { return A_BOLD; }
static inline attr_t docket_a_reverse(void) { return A_REVERSE; }
static inline attr_t docket_a_underline(void) { return A_UNDERLINE; }
static inline attr_t docket_a_dim(void) { return A_DIM; }
static inline attr_t docket_color_pair(int n) { return (attr_t)COLOR_PAIR(n); }
static inline int docket_color_pairs(void) { return COLOR_PAIRS; }
static inline int docket_colors(void) { return COLORS; }

static inline int docket_key_down(void) { return KEY_DOWN; }
static inline int docket_key_up(void) { return KEY_UP; }
static inline int docket_key_left(void) { return KEY_LEFT; }
static inline int docket_key_right(void) { return KEY_RIGHT; }
static inline int docket_key_home(void) { return KEY_HOME; }
static inline int docket_key_end(void) { return KEY_END; }
static inline int docket_key_ppage(void) { return KEY_PPAGE; }
static inline int docket_key_npage(void) { return KEY_NPAGE; }
static inline int docket_key_a1(void) { return KEY_A1; }
static inline int docket_key_a3(void) { return KEY_A3; }
static inline int docket_key_c1(void) { return KEY_C1; }
static inline int docket_key_c3(void) { return KEY_C3; }
static inline int docket_key_backspace(void) { return KEY_BACKSPACE; }
static inline int docket_key_enter(void) { return KEY_ENTER; }
static inline int docket_key_btab(void) { return KEY_BTAB; }
static inline int docket_key_dc(void) { return KEY_DC; }
static inline int docket_key_ic(void) { return KEY_IC; }
static inline int docket_key_resize(void) { return KEY_RESIZE; }
static inline int docket_key_mouse(void) { return KEY_MOUSE; }
static inline int docket_key_f(int n) { return KEY_F(n); }

static inline mmask_t docket_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t docket_button1_released(void) { return BUTTON1_RELEASED; }
static inline mmask_t docket_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline mmask_t docket_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t docket_button5_pressed(void) { return BUTTON5_PRESSED; }

static inline int docket_set_escdelay(int ms) { return set_escdelay(ms); }

// glibc declares wcwidth only under _XOPEN_SOURCE, which the system module
// <wchar.h> belongs to was not built with; ncurses measures with it, and so
// must we.
extern int wcwidth(wchar_t c);
static inline int docket_wcwidth(wchar_t c) { return wcwidth(c); }
static inline int docket_errno(void) { return errno; }

// Restoring the terminal on a fatal signal.
//
// The handler must be plain C: it runs at an arbitrary point, possibly while
// the main thread is blocked in wget_wch or halfway through doupdate, and must
// not enter the Swift runtime. It calls endwin() (as htop does: not strictly
// async-signal-safe, but the process exits right after, and a garbled last
// frame beats a terminal left in raw mode) and then _exit(128 + signo).
//
// The state lives in a function-local static of a `static inline` function,
// so every object file that calls these gets its own copy: call them from ONE
// Swift file only (DocketTerminal/SignalGuard.swift).

enum { DOCKET_FATAL_SIGNAL_COUNT = 3 };

typedef struct {
    volatile sig_atomic_t armed;
    int installed;
    int atexit_registered;
    struct sigaction previous[DOCKET_FATAL_SIGNAL_COUNT];
} docket_signal_state;

static inline docket_signal_state *docket_signals(void) {
    static docket_signal_state state;
    return &state;
}

static inline int docket_fatal_signal(int i) {
    static const int signals[DOCKET_FATAL_SIGNAL_COUNT] = { SIGINT, SIGTERM, SIGHUP };
    return signals[i];
}

static inline void docket_restore_terminal(void) {
    docket_signal_state *s = docket_signals();
    if (s->armed) {
        s->armed = 0;
        if (!isendwin()) endwin();
    }
}

static inline void docket_on_fatal_signal(int signo) {
    docket_restore_terminal();
    _exit(128 + signo);
}

static inline void docket_on_exit(void) { docket_restore_terminal(); }

static inline void docket_arm(int armed) { docket_signals()->armed = armed ? 1 : 0; }
static inline int docket_is_armed(void) { return docket_signals()->armed != 0; }

// Installs the handlers for SIGINT, SIGTERM and SIGHUP (a signal the parent
// left ignored, as nohup does, stays ignored) and, once per process, an
// atexit hook. Must run before newterm(), so ncurses sees them taken and does
// not install its own SIGINT/SIGTERM handlers, which exit with status 1.
static inline void docket_install_signal_handlers(void) {
    docket_signal_state *s = docket_signals();
    if (!s->atexit_registered) {
        s->atexit_registered = 1;
        atexit(docket_on_exit);
    }
    if (s->installed) return;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = docket_on_fatal_signal;
    sigemptyset(&sa.sa_mask);
    for (int i = 0; i < DOCKET_FATAL_SIGNAL_COUNT; i++) sigaddset(&sa.sa_mask, docket_fatal_signal(i));
    for (int i = 0; i < DOCKET_FATAL_SIGNAL_COUNT; i++) {
        struct sigaction old;
        if (sigaction(docket_fatal_signal(i), NULL, &old) != 0) continue;
        s->previous[i] = old;
        if (old.sa_handler == SIG_IGN) continue;
        sigaction(docket_fatal_signal(i), &sa, NULL);
    }
    s->installed = 1;
}

static inline void docket_uninstall_signal_handlers(void) {
    docket_signal_state *s = docket_signals();
    if (!s->installed) return;
    for (int i = 0; i < DOCKET_FATAL_SIGNAL_COUNT; i++) sigaction(docket_fatal_signal(i), &s->previous[i], NULL);
    s->installed = 0;
}

// True when the current LC_CTYPE encodes characters as UTF-8.
static inline int docket_locale_is_utf8(void) {
    const char *codeset = nl_langinfo(CODESET);
    return codeset != NULL && (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0);
}

#endif
