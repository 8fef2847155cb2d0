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

/* Evaluations a script's rules may cost, at most: about 4 s of an
 * instrumented build. */
#define FUZZ_MAX_WORK (1L << 20)

int fuzz_affordable(const coop_script *s)
{
    long work = 0;
    for (int r = 0; r < coop_name_count(s, COOP_NAMES_RULE); r++) {
        long t = coop_rule_tuples(s, r), k = coop_rule_factors(s, r);
        long per = k <= COOP_SHAPLEY_EXACT_MAX ? 1L << k : COOP_SHAPLEY_PERMUTATIONS * k;
        if (t > FUZZ_MAX_WORK / per) return 0;
        work += t * per;
        if (work > FUZZ_MAX_WORK) return 0;
    }
    return 1;
}

void fuzz_diags(coop_diags *d)
{
    coop_diags_print(d, fuzz_null(), 0);
    coop_diags_print(d, fuzz_null(), 1);
    coop_diags_clear(d);
}
