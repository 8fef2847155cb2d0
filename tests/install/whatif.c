/* whatif.c - the library's what-if, as docs/api.md shows it: load a model,
 * make one change in a copy of its world, and list the verdicts and scores
 * that move, evaluating only the tuples that read what changed.
 *
 *     whatif [FILE [CHANGE]]     (default: examples/npo_enterprise.coop,
 *                                 "acme.media = 0.2") */
#include <coop.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *verdict(const coop_verdict *v) { return v->forms < 0 ? "error" : v->forms ? "forms" : "does not form"; }

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "examples/npo_enterprise.coop";
    const char *text = argc > 2 ? argv[2] : "acme.media = 0.2";
    int status = 1;
    coop_diags *d = coop_diags_new();
    coop_script *s = coop_load_file(path, d);
    coop_change *c = s ? coop_change_parse(s, "change", text, strlen(text), d) : NULL;
    if (!c) {
        coop_diags_print(d, stderr, 0);
        goto out;
    }
    /* the script's own world stays as declared: the change goes to a copy */
    const coop_world *now = coop_script_world(s);
    coop_world *then = coop_world_clone(now);
    if (coop_change_apply(c, then) < 0) {
        fprintf(stderr, "whatif: %s cannot be made\n", text);
        coop_world_free(then);
        goto out;
    }
    char *written = coop_change_text(c);
    printf("what if %s\n", written);
    coop_diff *x = coop_diff_new(s, now, then);
    for (int r = 0; r < coop_name_count(s, COOP_NAMES_RULE); r++) {
        printf("%s: %ld of %ld tuples move (%ld evaluated)\n", coop_rule_name(s, r), coop_diff_rows(x, r),
               coop_rule_tuples(s, r), coop_diff_evaluated(x, r));
        for (long i = 0; i < coop_diff_rows(x, r); i++) {
            int tuple[COOP_MAX_PARAMS];
            coop_verdict a, b;
            coop_diff_row(x, r, i, tuple, &a, &b);
            printf("  %s(", coop_rule_name(s, r));
            for (int p = 0; p < coop_rule_params(s, r); p++)
                printf("%s%s", p ? ", " : "", coop_actor_name(s, tuple[p]));
            printf("): %s -> %s", verdict(&a), verdict(&b));
            if (a.has_score) printf(", score %.4f -> %.4f", a.score, b.score);
            putchar('\n');
        }
    }
    coop_diff_free(x);
    free(written);
    coop_world_free(then);
    status = 0;
out:
    coop_change_free(c);
    coop_script_free(s);
    coop_diags_free(d);
    return status;
}
