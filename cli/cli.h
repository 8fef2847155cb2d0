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
/* "unknown WHAT 'word'" (of its first len bytes when len > 0), naming the
 * nearest of words[0..n) when one is close, else the hint; EXIT_USAGE. */
int unknown_word(const char *what, const char *word, int len, const char *const *words, size_t n, const char *hint);

#endif
