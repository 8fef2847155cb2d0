/* cli.h - what the program's parts share (main.c's). */
#ifndef COOP_CLI_H
#define COOP_CLI_H

#include "coop.h"

#define EXIT_MODEL 1
#define EXIT_USAGE 2

/* The program's allocation: out of memory is said, and exits 1. */
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
void out_of_memory(size_t bytes) __attribute__((noreturn));
/* Flushes stdout, keeping the reason of its first failure: the program
 * says it and exits 1 when it ends. */
void out_flush(void);
/* A usage error: "coop: " and the message (fmt with arg), then where to
 * read more, on stderr; EXIT_USAGE. */
int usage_error(const char *fmt, const char *arg);
/* An option's NAME=VALUE given without its '=' (`-p w_trust 0:0.5:0.1`):
 * "-p w_trust: an axis is written NAME=VALUES (w_trust=0:0.5:0.1)" (what,
 * then form), its example with `next`, the argument after the name, when
 * that is a value, else with `values`; EXIT_USAGE. */
int usage_no_eq(const char *opt, const char *name, const char *next, const char *what, const char *form,
                const char *values);
/* "unknown WHAT 'word'" (of its first len bytes when len > 0), naming the
 * nearest of words[0..n) when one is close, else the hint; EXIT_USAGE. */
int unknown_word(const char *what, const char *word, int len, const char *const *words, size_t n, const char *hint);

/* -j's value v (NULL: none given), worker processes from 1 to 4096, into
 * *jobs: 0, or EXIT_USAGE after saying why it is none (sweep.c). */
int jobs_arg(const char *v, long *jobs);
/* The worker processes a sweep takes: jobs, or when 0 the cores online. */
int jobs_or_cores(long jobs);

/* `-D NAME=VALUE` (define.c): a parameter's value for a run or a sweep. */
typedef struct define {
    const char *arg;       /* as given, for messages */
    char *name;
    double value;
    int truth;             /* VALUE was true or false */
    int used;              /* a file declares NAME */
    char *actor;           /* else an actor that has NAME (or is NAME's
                              `actor.`) as an attribute, for the hint */
} define;
typedef struct defines {
    define *v;
    int n;
} defines;
/* Reads -D's argument a (NULL: it had none) into ds: 0, or EXIT_USAGE
 * after saying why (malformed, a name given twice; next, the argument
 * after it or NULL, is named when it looks like the value of a NAME
 * written without '='). */
int defines_add(defines *ds, const char *a, const char *next);
void defines_free(defines *ds);
/* The defines into w, a world of script s (of file `file`): 0, or
 * EXIT_USAGE after saying why one cannot be made (a value of the wrong
 * type, or outside the parameter's range).  A define of a parameter s does
 * not declare is left for defines_unused. */
int defines_into(defines *ds, const coop_script *s, coop_world *w, const char *file);
/* A define no file declares: said, with the nearest parameter of the
 * scripts (names[0..n)); EXIT_USAGE, or 0 when every one is declared. */
int defines_unused(const defines *ds, const char *const *names, size_t n);

#endif
