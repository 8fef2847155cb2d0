/* sweep.h - `coop sweep` and `coop merge`, the command-line sweeps. */
#ifndef COOP_CLI_SWEEP_H
#define COOP_CLI_SWEEP_H

#include <stdint.h>

/* coop sweep with its arguments argv[0..argc) (those after the word
 * `sweep`), sampling with seed (0: the default) unless --seed says; the
 * exit status: 0, 1 a model or runtime error or a failed write, 2 a usage
 * error, 128 + the signal when interrupted (Ctrl-C: 130). */
int sweep_main(int argc, char **argv, uint64_t seed);
/* coop merge with its arguments (those after `merge`): the exit status. */
int merge_main(int argc, char **argv);

#endif
