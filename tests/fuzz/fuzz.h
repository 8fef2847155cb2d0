/* fuzz.h - what the libFuzzer targets of tests/fuzz/ share. */
#ifndef FUZZ_H
#define FUZZ_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "coop.h"

/* libFuzzer's entry point, defined by each target. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* /dev/null, opened once: where every result is written. */
FILE *fuzz_null(void);
/* FNV-1a of the input: the run options a target picks from it change with
 * every mutation, and are the same for the same input. */
uint64_t fuzz_hash(const uint8_t *data, size_t size);
/* The interrupt flag of the options (coop_options.interrupt), cleared and
 * armed: after FUZZ_CPU_SECONDS of CPU time it is set, as Ctrl-C sets the
 * REPL's, and evaluation stops.  Within the work budget a rule's analysis
 * may take minutes (2^k Shapley coalitions per tuple, each far slower
 * under the sanitizers), which libFuzzer would report as a timeout; the
 * interrupt is tested as well.  What cannot be interrupted (parsing,
 * resolving) is still bounded by -timeout. */
const volatile sig_atomic_t *fuzz_arm(void);
/* Disarms it, at the end of an input. */
void fuzz_disarm(void);
/* Can the interrupt stop the script's evaluation soon?  Evaluation looks
 * at it after each tuple's Shapley coalitions (or 64 cheap tuples): a
 * script whose rules take seconds (under the sanitizers) for one tuple's
 * is loaded, not run. */
int fuzz_affordable(const coop_script *s);
/* Prints d's diagnostics as text and as JSON (to fuzz_null), then clears
 * it. */
void fuzz_diags(coop_diags *d);
/* Loads a script (named fuzz.coop: a relative data path is read from the
 * working directory) and, when it loads, runs it with coop_run under
 * options h picks (text, JSON or CSV, traces, expect only, the sampling
 * seed), interrupted after a second of CPU time (fuzz_arm), unless the
 * interrupt could not stop it soon (fuzz_affordable); its results and
 * diagnostics written to /dev/null. */
void fuzz_script(const char *text, size_t size, uint64_t h);

#endif
