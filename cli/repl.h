/* repl.h - `coop repl`, the interactive front-end over a session. */
#ifndef COOP_REPL_H
#define COOP_REPL_H

#include "cli.h"

/* Loads the files into a new session and reads commands: with line
 * editing on a terminal, plainly from a pipe or file.  With json, every
 * result and notice is a JSON line on stdout, every diagnostic one on
 * stderr.  A sweep statement's points take `jobs` worker processes.
 * Returns the exit status: 1 when reading from a pipe or file and any
 * command failed. */
int repl_main(const char *const *files, int nfiles, uint64_t seed, int json, int jobs);


#endif
