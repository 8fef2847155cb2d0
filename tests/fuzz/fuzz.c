/* fuzz.c - what the libFuzzer targets share: the output stream, the hash
 * that picks run options, diagnostics printed both ways. */
#include "fuzz.h"

#include <stdlib.h>

FILE *fuzz_null(void)
{
    static FILE *null;
    if (!null && !(null = fopen("/dev/null", "w"))) abort();
    return null;
}

uint64_t fuzz_hash(const uint8_t *data, size_t size)
{
    uint64_t h = 14695981039346656037u;
    for (size_t i = 0; i < size; i++) h = (h ^ data[i]) * 1099511628211u;
    return h;
}

void fuzz_diags(coop_diags *d)
{
    coop_diags_print(d, fuzz_null(), 0);
    coop_diags_print(d, fuzz_null(), 1);
    coop_diags_clear(d);
}
