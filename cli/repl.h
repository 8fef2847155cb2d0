/* repl.h - `coop repl`, the interactive front-end over a session. */
#ifndef COOP_REPL_H
#define COOP_REPL_H

#include "coop.h"

/* Loads the files into a new session and reads commands: with line
 * editing on a terminal, plainly from a pipe or file.  With json, every
 * result and notice is a JSON line on stdout, every diagnostic one on
 * stderr.  Returns the exit status: 1 when reading from a pipe or file and
 * any command failed. */
int repl_main(const char *const *files, int nfiles, uint64_t seed, int json);

/* The program's allocation (main.c): out of memory is said, and exits 1. */
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
void out_of_memory(size_t bytes) __attribute__((noreturn));
/* Flushes stdout, keeping the reason of its first failure: the program
 * says it and exits 1 when it ends (main.c). */
void out_flush(void);

#endif
