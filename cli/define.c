/* define.c - `-D NAME=VALUE`: a parameter's value for a run or a sweep,
 * read, checked against each script and set in its world. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* Reads `-D` argument a (NAME=VALUE: a number, a percentage, true or
 * false; next: the argument after it) into *df: 0, or EXIT_USAGE after
 * saying why. */
static int define_of(const char *a, const char *next, define *df)
{
    const char *eq = strchr(a, '=');
    if (!eq && *a) return usage_no_eq("-D", a, next, "a parameter's value", "NAME=VALUE", "VALUE");
    if (!eq || eq == a || !eq[1]) return usage_error("-D needs NAME=VALUE (like -D w_trust=0.4), not '%s'", a);
    df->arg = a;
    const char *v = eq + 1;
    if (strcmp(v, "true") == 0 || strcmp(v, "false") == 0) {
        df->truth = 1;
        df->value = v[0] == 't';
    } else {
        const char *why = NULL;
        int r = coop_number_read(v, &df->value, &why);
        char hint[256], msg[1024];
        if (r < 0) snprintf(msg, sizeof msg, "-D %s: the value is %s", a, why);
        else if (r == 0 && coop_value_hint(v, NAN, NAN, hint, sizeof hint)) /* 0,4: a decimal comma */
            snprintf(msg, sizeof msg, "-D %s: %s", a, hint);
        else if (r == 0)
            snprintf(msg, sizeof msg, "-D %s: the value is not a number, a percentage (25%%) or true/false", a);
        if (r <= 0) return usage_error("%s", msg);
    }
    df->name = xrealloc(NULL, (size_t)(eq - a) + 1); /* only once the value reads: no name to free on error */
    memcpy(df->name, a, (size_t)(eq - a));
    df->name[eq - a] = 0;
    return 0;
}

int defines_add(defines *ds, const char *a, const char *next)
{
    if (!a) return usage_error("%s needs NAME=VALUE", "-D");
    ds->v = xrealloc(ds->v, ((size_t)ds->n + 1) * sizeof *ds->v);
    define *df = &ds->v[ds->n];
    memset(df, 0, sizeof *df);
    int status = define_of(a, next, df);
    if (status) return status;
    for (int j = 0; j < ds->n; j++)
        if (strcmp(ds->v[j].name, df->name) == 0) {
            free(df->name);
            return usage_error("-D %s is given twice", ds->v[j].name);
        }
    ds->n++;
    return 0;
}

void defines_free(defines *ds)
{
    for (int i = 0; i < ds->n; i++) {
        free(ds->v[i].name);
        free(ds->v[i].actor);
    }
    free(ds->v);
    ds->v = NULL;
    ds->n = 0;
}

/* v as a script writes it: the shortest of %.15g and %.17g that reads back. */
static const char *num_text(char *buf, size_t n, double v)
{
    snprintf(buf, n, "%.15g", v);
    if (strtod(buf, NULL) != v) snprintf(buf, n, "%.17g", v);
    return buf;
}

/* The actor whose attribute `nm` is in s (nm "actor.attr": that actor;
 * else the first that has it), malloc'd, or NULL. */
static char *attribute_of(const coop_script *s, const char *nm)
{
    const char *dot = strchr(nm, '.');
    if (dot) {
        char *actor = xrealloc(NULL, (size_t)(dot - nm) + 1);
        memcpy(actor, nm, (size_t)(dot - nm));
        actor[dot - nm] = 0;
        int a = coop_actor_find(s, actor);
        if (a >= 0 && coop_actor_has(s, a, dot + 1)) return actor;
        free(actor);
        return NULL;
    }
    for (int a = 0; coop_attr_find(s, nm) >= 0 && a < coop_name_count(s, COOP_NAMES_ACTOR); a++)
        if (coop_actor_has(s, a, nm)) return xstrdup(coop_actor_name(s, a));
    return NULL;
}

int defines_into(defines *ds, const coop_script *s, coop_world *w, const char *file)
{
    for (int i = 0; i < ds->n; i++) {
        define *df = &ds->v[i];
        int p = coop_param_find(s, df->name);
        if (p < 0) {
            if (!df->actor) df->actor = attribute_of(s, df->name);
            continue;
        }
        df->used = 1;
        double lo, hi;
        coop_value_type t = coop_param_info(s, p, NULL, &lo, &hi, NULL);
        char b1[64], b2[64], b3[64], msg[768], hint[256];
        if ((t == COOP_VALUE_BOOL) != df->truth)
            snprintf(msg, sizeof msg, "-D %s: parameter '%s' of %s is %s", df->arg, df->name, file,
                     t == COOP_VALUE_BOOL ? "true or false, not a number" : "a number, not true/false");
        else if (coop_world_set_param(w, p, df->value) < 0) {
            int said = coop_value_hint(strchr(df->arg, '=') + 1, lo, hi, hint, sizeof hint) != NULL; /* 40: 40%? */
            snprintf(msg, sizeof msg, "-D %s: parameter '%s' of %s takes a value from %s to %s, not %s%s%s", df->arg,
                     df->name, file, num_text(b1, sizeof b1, lo), num_text(b2, sizeof b2, hi),
                     num_text(b3, sizeof b3, df->value), said ? "; " : "", said ? hint : "");
        } else
            continue;
        return usage_error("%s", msg);
    }
    return 0;
}

int defines_unused(const defines *ds, const char *const *names, size_t n)
{
    for (int i = 0; i < ds->n; i++) {
        const define *df = &ds->v[i];
        if (df->used) continue;
        const char *near = coop_suggest(df->name, names, n), *v = strchr(df->arg, '=') + 1;
        if (df->actor) { /* an attribute: -D is no what-if */
            const char *attr = strchr(df->name, '.') ? strchr(df->name, '.') + 1 : df->name;
            fprintf(stderr, "coop: -D %s: '%s' is %s, not a parameter, and -D sets parameters only: change it in "
                    "coop repl (set %s.%s = %s, or what if %s.%s = %s)", df->arg, df->name,
                    attr != df->name ? "an actor's attribute" : "an attribute of the actors", df->actor, attr, v,
                    df->actor, attr, v);
            if (attr == df->name)
                fprintf(stderr, ", or declare a parameter for the rules to read (param %s = %s)", attr, v);
            fputs("\nTry 'coop --help' for more information.\n", stderr);
            return EXIT_USAGE;
        }
        fprintf(stderr, "coop: -D %s: unknown parameter '%s'", df->arg, df->name);
        if (near) fprintf(stderr, "; did you mean '%s'?", near);
        else fprintf(stderr, " (%s)", n ? "no file declares it" : "the files declare no parameters");
        fputs("\nTry 'coop --help' for more information.\n", stderr);
        return EXIT_USAGE;
    }
    return 0;
}
