/* range.c - the tuples a rule ranges over where parameters share a kind. */
#include "range.h"

#include <stdlib.h>

#include "report.h"

int range_group(const rule_info *ru, int p, int *g)
{
    int n = 0;
    for (int q = 0; q < ru->np; q++)
        if (ru->pkinds[q] == ru->pkinds[p]) g[n++] = q;
    return n > 1 && g[0] == p ? n : 0;
}

int range_same_kind(const rule_info *ru)
{
    int g[COOP_MAX_PARAMS];
    for (int p = 0; p < ru->np; p++)
        if (range_group(ru, p, g)) return 1;
    return 0;
}

void range_text(FILE *out, const rule_info *ru)
{
    int g[COOP_MAX_PARAMS], first = 1;
    for (int p = 0; p < ru->np; p++) {
        int n = range_group(ru, p, g);
        if (!n) continue;
        if (!first) fputs("; ", out);
        first = 0;
        if (n < ru->np) { /* name the parameters when others are of other kinds */
            for (int i = 0; i < n; i++) fprintf(out, "%s%s", i == 0 ? "" : i == n - 1 ? " and " : ", ", ru->pnames[g[i]]);
            fputs(" as ", out);
        }
        fputs(ru->ordered ? "ordered " : "unordered ", out);
        if (n == 2) fputs("pairs (each pair of actors", out);
        else if (n == 3) fputs("triples (each set of three actors", out);
        else fprintf(out, "%d-tuples (each set of %d actors", n, n);
        fputs(!ru->ordered ? " once, in the order they are declared)" : n == 2 ? " in both orders)" : " in every order)", out);
    }
}

char *range_error(const model *m, int rule, const int *t)
{
    const rule_info *ru = &m->rules[rule];
    /* the tuple of the same actors: each group's actors sorted into its
     * parameters (a group is a handful: insertion sort) */
    int want[COOP_MAX_PARAMS], g[COOP_MAX_PARAMS];
    for (int p = 0; p < ru->np; p++) want[p] = t[p];
    for (int p = 0; p < ru->np; p++) {
        int n = range_group(ru, p, g);
        for (int i = 1; i < n; i++)
            for (int j = i; j > 0 && want[g[j - 1]] > want[g[j]]; j--) {
                int x = want[g[j]];
                want[g[j]] = want[g[j - 1]];
                want[g[j - 1]] = x;
            }
    }
    char *buf = NULL;
    size_t len = 0;
    FILE *f = mem_stream(&buf, &len);
    fprintf(f, "partnership '%s' ranges over ", ru->name);
    range_text(f, ru);
    fputs(": ", f);
    report_tuple(f, m, rule, t);
    fputs(" is not one of its tuples; ask for ", f);
    report_tuple(f, m, rule, want);
    fputs(", or declare the partnership 'ordered'", f);
    fclose(f);
    return buf;
}
