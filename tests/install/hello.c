/* hello.c - a program built against an installed coop (tests/install.sh):
 * it sees only <coop.h> and links -lcoop through pkg-config.  Loads a model
 * and prints how many partnership rules it declares. */
#include <coop.h>

#include <stdio.h>

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "examples/npo_enterprise.coop";
    coop_diags *d = coop_diags_new();
    if (!d) return 1;
    coop_script *s = coop_load_file(path, d);
    if (!s) {
        coop_diags_print(d, stderr, 0);
        coop_diags_free(d);
        return 1;
    }
    int n = coop_name_count(s, COOP_NAMES_RULE);
    printf("coop %s: %s: %d rule%s\n", COOP_VERSION, path, n, n == 1 ? "" : "s");
    coop_script_free(s);
    coop_diags_free(d);
    return 0;
}
