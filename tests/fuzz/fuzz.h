/* fuzz.h - what the libFuzzer targets of tests/fuzz/ share. */
#ifndef FUZZ_H
#define FUZZ_H

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
/* Is the script cheap enough to run?  Exact Shapley values take 2^k
 * evaluations of a k-factor rule per tuple (sampled: 2000 k), and nothing
 * bounds that yet (issue 8: the work budget): a script of 2 KB can take
 * minutes, which a fuzzer reports as a timeout.  Such scripts are loaded,
 * not run. */
int fuzz_affordable(const coop_script *s);
/* Prints d's diagnostics as text and as JSON (to fuzz_null), then clears
 * it. */
void fuzz_diags(coop_diags *d);

#endif
