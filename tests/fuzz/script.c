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

static void on_expect(void *ctx, const coop_expect_result *r)
{
    fprintf(ctx, "%s:%d:%d: %s %s %s\n", r->file ? r->file : "-", r->loc.line, r->loc.col, r->text,
            r->passed ? "passed" : "failed", r->got ? r->got : "-");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint64_t h = fuzz_hash(data, size);
    coop_diags *d = coop_diags_new();
    coop_script *s = coop_load("fuzz.coop", (const char *)data, size, d);
    if (s && fuzz_affordable(s)) {
        coop_options o = {0};
        o.out = fuzz_null();
        o.format = h & 1 ? COOP_FORMAT_JSON : h >> 62 & 1 ? COOP_FORMAT_CSV : COOP_FORMAT_TEXT;
        o.explain = h >> 1 & 1;
        o.expect_only = h >> 2 & 1;
        o.seed = h >> 3 & 1 ? h >> 4 : 0;
        o.on_expect = on_expect;
        o.ctx = fuzz_null();
        o.interrupt = fuzz_arm();
        coop_run(s, NULL, &o, d);
        fuzz_disarm();
    }
    fuzz_diags(d);
    coop_script_free(s);
    coop_diags_free(d);
    return 0;
}
