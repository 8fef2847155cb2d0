/*
 * csv.c - libFuzzer target: an input is a CSV file, read by the data
 * statement of a script picked by a hash of the input: actors (the first
 * column their names; or name and label columns named), or a relation's
 * values between declared actors; a rule over what was read, run as the
 * script target runs its input (fuzz_script).  The file is written to a
 * path of the process's own (in TMPDIR), which every script names whole.
 * What fails is a crash, a sanitizer's report, a leak, a timeout or too
 * much memory.
 */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char path[256];

static void cleanup(void) { unlink(path); }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!*path) {
        const char *dir = getenv("TMPDIR");
        snprintf(path, sizeof path, "%s/coop-fuzz-csv.%ld.csv", dir && *dir ? dir : "/tmp", (long)getpid());
        atexit(cleanup);
    }
    FILE *f = fopen(path, "wb");
    if (!f) abort();
    if (size && fwrite(data, 1, size, f) != size) abort();
    if (fclose(f) != 0) abort();
    static const char *const scripts[] = {
        "data actors from \"%s\" kind npo\n"
        "partnership p(a: npo, b: npo) { factor f = 1 forms when f > 0 }\nshow p\n",
        "data actors from \"%s\" kind npo name name label label\n",
        "actor a : npo {} actor b : npo {} actor c : enterprise {} actor d : enterprise {}\n"
        "relation r(npo, enterprise) default 0 range 0 .. 1\ndata r from \"%s\"\n"
        "partnership p(x: npo, y: enterprise) { factor f = r(x, y) score = f forms when score > 0.5 }\n"
        "show p\ndominance p\n",
        "kind k : npo\ndata actors from \"%s\" kind k label label\nexpect count(x: k) >= 0\n",
    };
    uint64_t h = fuzz_hash(data, size);
    char script[512];
    int n = snprintf(script, sizeof script, scripts[h % 4], path);
    fuzz_script(script, (size_t)n, h);
    return 0;
}
