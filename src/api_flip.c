/*
 * api_flip.c - coop_flip: the smallest change that flips a verdict
 * (flip.h) as a result a program reads.  The call stands for the statement
 * `flip R(a, b) [to ...] [by ...]`, written out and resolved as a script's
 * is, so that a tuple or a name of `by` is checked, and said, as there.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "flip.h"
#include "parse.h"
#include "report.h"
#include "resolve.h"
#include "script.h"

/* The result with what it holds. */
typedef struct owned {
    coop_flip_result r; /* first: what the caller holds */
    arena mem;
} owned;

/* What a mem_stream gathered, t[0..len), as a string of a (NULL: none). */
static const char *text(arena *a, const char *t, size_t len) { return len ? arena_strdup(a, t) : NULL; }

/* The statement the call stands for, resolved into *st (in a): its tuple,
 * verdict and picks.  0, or -1 with the reasons in d. */
static int statement(const coop_script *s, const coop_world *w, int rule, const int *tuple, int to, const char *by,
                     arena *a, stmt *st, coop_diags *d)
{
    const model *m = &s->m;
    const rule_info *ru = &m->rules[rule];
    char *t = NULL;
    size_t len = 0;
    FILE *f = mem_stream(&t, &len);
    fprintf(f, "flip %s(", ru->name);
    for (int p = 0; p < (ru->tender ? 1 : ru->np); p++) fprintf(f, "%s%s", p ? ", " : "", m->actors[tuple[p]].name);
    fprintf(f, ")%s%s%s", to == FLIP_OTHER ? "" : to ? " to form" : " to fail", by ? " by " : "", by ? by : "");
    fclose(f);
    source *src = arena_alloc(a, sizeof *src);
    memset(src, 0, sizeof *src);
    src->name = "coop_flip";
    src->text = arena_strdup(a, t);
    src->len = len;
    free(t);
    program p = {0};
    size_t errors = coop_diags_errors(d);
    if (parse_input(src, IN_PROGRAM, a, d, &p) < 0 || coop_diags_errors(d) > errors) return -1;
    if (p.n != 1 || p.v[0]->k != S_FLIP) {
        coop_diags_add(d, COOP_ERROR, "coop_flip", 1, 1, "by names values to move, as after a flip's 'by': %s", by);
        return -1;
    }
    coop_world *wc = world_clone(w); /* (resolving numbers new symbols in the world it is given: none here) */
    stmt *out;
    int n = resolve_stmts(m, wc, src, a, p.v, 1, NULL, 0, &out, d);
    world_free(wc);
    if (n != 1) return -1;
    if (out->flip_to != to) { /* `by` said a verdict of its own */
        coop_diags_add(d, COOP_ERROR, "coop_flip", 1, 1, "by names values to move; the verdict is coop_flip's `to`");
        return -1;
    }
    *st = *out;
    return 0;
}

/* x as the caller reads it, in o's arena. */
static void result_of(owned *o, const model *m, flip_result *x)
{
    coop_flip_result *r = &o->r;
    arena *a = &o->mem;
    r->forms = x->before;
    r->has_score = x->has_score;
    r->score = x->has_score ? x->score_before : 0;
    r->to = x->want;
    r->already = x->already;
    r->found = x->found;
    r->count = x->found ? x->count : -1;
    r->cost = x->found ? x->cost : INFINITY;
    r->forms_after = x->found ? x->after : -1;
    r->score_after = x->found && x->has_score ? x->score_after : 0;
    r->exact = x->exact;
    r->programmes = x->lps;
    r->closed_form = x->closed;
    r->evaluations = x->evaluations;
    coop_flip_change *c = arena_alloc(a, ((size_t)x->nin + 1) * sizeof *c);
    char *t = NULL;
    size_t len = 0;
    for (int i = 0; i < x->nin && x->found; i++) {
        if (x->to[i] == x->in[i].now) continue;
        FILE *f = mem_stream(&t, &len);
        flip_target(f, m, &x->in[i]);
        fclose(f);
        coop_flip_change *ch = &c[r->nchanges++];
        ch->target = text(a, t, len);
        free(t);
        ch->boolean = x->in[i].boolean;
        ch->value = x->to[i];
        ch->was = x->in[i].now;
        ch->share = x->share[i];
    }
    r->changes = c;
    if (r->nchanges) {
        FILE *f = mem_stream(&t, &len);
        report_flip_whatif(f, m, x);
        fclose(f);
        r->what_if = text(a, t, len);
        free(t);
    }
    FILE *f = mem_stream(&t, &len);
    int said = report_flip_method(f, m, x);
    fclose(f);
    r->method = said ? text(a, t, len) : NULL;
    free(t);
    f = mem_stream(&t, &len);
    said = report_flip_left(f, x);
    fclose(f);
    r->left_out = said ? text(a, t, len) : NULL;
    free(t);
}

coop_flip_result *script_flip(const coop_script *s, const coop_world *w, uint64_t seed, int rule, const int *tuple,
                              int to, const char *by, coop_diags *d)
{
    const model *m = &s->m;
    if (rule < 0 || rule >= m->nrules || !tuple || to < FLIP_OTHER || to > FLIP_FORM) {
        coop_diags_add(d, COOP_ERROR, NULL, 0, 0, "coop_flip: %s", !tuple || rule < 0 || rule >= m->nrules
                       ? "no such rule or tuple" : "to is COOP_FLIP_OTHER, COOP_FLIP_FAIL or COOP_FLIP_FORM");
        return NULL;
    }
    const rule_info *ru = &m->rules[rule];
    for (int p = 0; p < (ru->tender ? 1 : ru->np); p++)
        if (tuple[p] < 0 || tuple[p] >= m->nactors) {
            coop_diags_add(d, COOP_ERROR, NULL, 0, 0, "coop_flip: actor %d of the tuple is no actor", tuple[p]);
            return NULL;
        }
    owned *o = mem_calloc(1, sizeof *o);
    arena_init(&o->mem);
    stmt st;
    flip_result x;
    if (statement(s, w, rule, tuple, to, by, &o->mem, &st, d) < 0) {
        coop_flip_free(&o->r);
        return NULL;
    }
    int rc = flip_find(&x, m, w, st.rule, st.tuple, st.flip_to, st.pick, st.npick, seed, NULL);
    if (rc < 0 && x.err_loc.line)
        diag_at(d, &s->src, x.err_loc, COOP_ERROR, "%s", x.err_msg);
    else if (rc < 0)
        coop_diags_add(d, COOP_ERROR, "coop_flip", 1, 1, "%s", x.err_msg ? x.err_msg : "interrupted");
    else
        result_of(o, m, &x);
    flip_free(&x);
    if (rc < 0) {
        coop_flip_free(&o->r);
        return NULL;
    }
    return &o->r;
}

void coop_flip_free(coop_flip_result *r)
{
    if (!r) return;
    owned *o = (owned *)r;
    arena_free(&o->mem);
    free(o);
}
