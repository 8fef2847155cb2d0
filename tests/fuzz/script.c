/*
 * script.c - libFuzzer target: an input is a script.  It is loaded with
 * coop_load and, when it loads, run with coop_run under options picked by
 * a hash of the input (text, JSON or CSV, traces, expect only, the sampling
 * seed), and interrupted after a second of CPU time (fuzz_arm), unless
 * the interrupt could not stop it soon (fuzz_affordable).  Results
 * go to /dev/null: what fails is a crash, a sanitizer's report, a leak, a
 * timeout or too much memory.
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_script((const char *)data, size, fuzz_hash(data, size));
    return 0;
}
