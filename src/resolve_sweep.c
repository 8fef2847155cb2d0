/*
 * resolve_sweep.c - sweeps: each axis's target (resolved as a what-if's
 * change's is: an attribute, a relation's value, a bid's field, a
 * parameter) and its values, checked against the target's type and
 * range; the statement decided at each point; the grid's size and the
 * work it takes, against their limits.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "change.h"
#include "decl.h"
#include "fmt.h"
#include "slip.h"
#include "resolver.h"
#include "sweep.h"

/* The target's range (NAN: none): a relation's, or its actor's attribute's. */
static void target_range(const model *m, const event_change *t, double *lo, double *hi)
{
    *lo = *hi = NAN;
    if (t->is_param) {
        *lo = m->params[t->param].lo;
        *hi = m->params[t->param].hi;
    } else if (t->is_rel) {
        *lo = m->rels[t->rel].lo;
        *hi = m->rels[t->rel].hi;
    } else if (m->attr_lo && m->attr_lo[t->attr]) {
        *lo = m->attr_lo[t->attr][t->actor];
        *hi = m->attr_hi[t->attr][t->actor];
    }
}

/* A constant value of the axis: into *v; 0, or -1 after saying why (not a
 * constant, not a number or true/false, not of the target's type, outside
 * its range).  `range`: a range's end or step, which must be a number. */
static int axis_value(R *r, const sweep_axis *ax, const expr *e, int range, double *v)
{
    rexpr *x = rsv_constant(r, e, "a sweep's value");
    if (!x) return -1;
    if (!rsv_is_num(x->type) || (range && x->type != T_NUM)) {
        ERR(e->loc, "a sweep's %s must be a number%s, but this is %s", range ? "range" : "value",
            range ? "" : " or true/false", rsv_type_name(x->type));
        return -1;
    }
    if ((ax->type == T_BOOL) != (x->type == T_BOOL)) {
        if (ax->t.is_param) /* as a what-if says it */
            ERR(e->loc, "parameter '%s' is %s, not %s", ax->name, ax->type == T_BOOL ? "true or false" : "a number",
                ax->type == T_BOOL ? "a number: sweep it in {false, true}" : "true/false");
        else
            ERR(e->loc, "%s takes %s, but this is %s", ax->name, ax->type == T_BOOL ? "true or false" : "a number",
                x->type == T_BOOL ? "true/false" : "a number");
        return -1;
    }
    *v = x->num;
    return 0;
}

/* Is v inside the target's range?  Else says so at loc, and slip after it
 * (sweepdef's), when there is one. */
static int in_range(R *r, const sweep_axis *ax, double v, coop_loc loc, const char *slip)
{
    double lo, hi;
    target_range(r->m, &ax->t, &lo, &hi);
    if (isnan(lo) || (v >= lo && v <= hi)) return 1;
    char why[COOP_MAX_TOKEN_LEN + 256];
    ERR(loc, "%s%s%s", slip_outside(why, sizeof why, ax->name, "would be", v, lo, hi), slip ? "; " : "",
        slip ? slip : "");
    return 0;
}

/* Says that B (tb) is not on the grid of `from A to B step S`, whose n
 * values stop short of it, and what to write instead (sweep_range_fix). */
static void off_grid(R *r, const sweepdef *d, double a, double b, double s, long n, const char *ta, const char *tb,
                     const char *ts)
{
    grid_fix f;
    sweep_range_fix(a, b, s, n, &f);
    char last[64], span[64], steps[3 * 64 + 16] = "";
    fmt_num(last, sizeof last, f.last);
    fmt_num(span, sizeof span, f.span);
    size_t len = 0;
    for (int i = 0; i < f.nstep; i++) {
        char t[64];
        fmt_num(t, sizeof t, f.step[i]);
        len += (size_t)snprintf(steps + len, sizeof steps - len, "%s%s", !i ? " such as " : i == f.nstep - 1 ? " or " : ", ", t);
    }
    if (n > 1)
        ERR(d->to->loc, "%s is not on the grid of step %s from %s (the last value would be %s): write to %s, or a "
            "step that divides %s%s", tb, ts, ta, last, last, span, steps);
    else
        ERR(d->to->loc, "%s is not on the grid of step %s from %s (the step goes past it): write a step that divides "
            "%s%s", tb, ts, ta, span, steps);
}

/* `TARGET from A to B step S`: its values. */
static int range_values(R *r, const sweepdef *d, sweep_axis *ax)
{
    double a, b, s;
    if (ax->type == T_BOOL) {
        ERR(d->loc, "%s is true or false: sweep it over a list of them (in {false, true}; -p %s=false,true), not a "
            "range", ax->name, ax->name);
        return -1;
    }
    if ((axis_value(r, ax, d->from, 1, &a) | axis_value(r, ax, d->to, 1, &b) | axis_value(r, ax, d->step, 1, &s)) < 0)
        return -1;
    char ta[64], tb[64], ts[64];
    fmt_num(ta, sizeof ta, a);
    fmt_num(tb, sizeof tb, b);
    fmt_num(ts, sizeof ts, s);
    switch (sweep_range_count(a, b, s, COOP_SWEEP_MAX_POINTS, &ax->n)) {
    case GRID_OK: break;
    case GRID_STEP_ZERO:
        ERR(d->step->loc, "a step of 0 never goes from %s to %s; write a step other than 0", ta, tb);
        return -1;
    case GRID_WRONG_SIGN:
        ERR(d->step->loc, "from %s to %s goes %s, but step %s goes %s: write step %s%s", ta, tb, b > a ? "up" : "down", ts,
            s > 0 ? "up" : "down", s > 0 ? "-" : "", s > 0 ? ts : ts + 1);
        return -1;
    case GRID_TOO_MANY:
        ERR(d->loc, "from %s to %s step %s takes more than %ld values, the limit (COOP_SWEEP_MAX_POINTS); write a "
            "larger step", ta, tb, ts, (long)COOP_SWEEP_MAX_POINTS);
        return -1;
    case GRID_NOT_FINITE:
        ERR(d->loc, "a sweep's range must be finite numbers");
        return -1;
    case GRID_OFF: off_grid(r, d, a, b, s, ax->n, ta, tb, ts);
        return -1;
    }
    ax->from = a;
    ax->to = b;
    ax->step = s;
    ax->decimals = sweep_range_decimals(a, s);
    /* the values run from the first to the last: those two say the rest */
    return in_range(r, ax, sweep_value(ax, 0), d->from->loc, NULL) &&
                   in_range(r, ax, sweep_value(ax, ax->n - 1), d->to->loc, NULL)
               ? 0 : -1;
}

/* `TARGET in {v, ...}`: its values, each once. */
static int list_values(R *r, const sweepdef *d, sweep_axis *ax)
{
    int bad = 0;
    ax->n = d->n;
    ax->v = arena_alloc(r->a, (size_t)d->n * sizeof *ax->v);
    for (int i = 0; i < d->n; i++) {
        if (axis_value(r, ax, d->v[i], 0, &ax->v[i]) < 0 || !in_range(r, ax, ax->v[i], d->v[i]->loc, d->slip)) {
            bad = 1;
            continue;
        }
        for (int j = 0; j < i; j++)
            if (ax->v[j] == ax->v[i]) {
                char b[64];
                fmt_num(b, sizeof b, ax->v[i]);
                ERR(d->v[i]->loc, "%s is in the list twice; each value of an axis is one point", ax->type == T_BOOL ? (ax->v[i] ? "true" : "false") : b);
                bad = 1;
                break;
            }
    }
    return bad ? -1 : 0;
}

int rsv_sweep_axis(R *r, const sweepdef *d, sweep_axis *ax)
{
    const model *m = r->m;
    const change *c = &d->target;
    memset(ax, 0, sizeof *ax);
    ax->loc = d->loc;
    if (resolve_change_target(m, r->w, r->src, r->a, c, &ax->t, r->d) < 0) return -1;
    ax->t.op = CH_SET;
    ax->t.loc = c->loc;
    if (ax->t.is_param) {
        ax->name = m->params[ax->t.param].name;
        ax->type = m->params[ax->t.param].type;
    } else {
        char *t = NULL;
        size_t len = 0;
        FILE *f = mem_stream(&t, &len);
        change_target_of(f, m, ax->t.is_rel, ax->t.actor, ax->t.attr, ax->t.rel, ax->t.args, 0);
        fclose(f);
        ax->name = arena_strdup(r->a, t);
        free(t);
        ax->type = ax->t.is_rel ? m->rels[ax->t.rel].type : m->attrs[ax->t.attr].type;
    }
    if (ax->type != T_NUM && ax->type != T_BOOL) {
        ERR(c->loc, "%s holds %s; a sweep varies numbers and true/false", ax->name, rsv_type_name(ax->type));
        return -1;
    }
    return d->step ? range_values(r, d, ax) : list_values(r, d, ax);
}

int rsv_sweep_grid(R *r, const sweepdef *v, int n, sweep_grid *g)
{
    g->n = n;
    g->ax = arena_alloc(r->a, (size_t)n * sizeof *g->ax);
    int bad = 0;
    for (int i = 0; i < n; i++) {
        if (rsv_sweep_axis(r, &v[i], &g->ax[i]) < 0) {
            bad = 1;
            continue;
        }
        for (int j = 0; j < i; j++)
            if (g->ax[j].name && strcmp(g->ax[j].name, g->ax[i].name) == 0) {
                ERR(v[i].loc, "%s is swept twice; give it one axis with all its values", g->ax[i].name);
                bad = 1;
                break;
            }
    }
    if (bad) return -1;
    long *counts = arena_alloc(r->a, (size_t)n * sizeof *counts);
    for (int i = 0; i < n; i++) counts[i] = g->ax[i].n;
    g->points = sweep_product(counts, n, COOP_SWEEP_MAX_POINTS);
    if (g->points < 0) {
        double p = 1;
        char *how = arena_strdup(r->a, "");
        for (int i = 0; i < n; i++) {
            p *= (double)counts[i];
            how = arena_printf(r->a, "%s%s%ld", how, i ? " x " : "", counts[i]);
        }
        ERR(v[0].loc, "this sweep has %.0f points (%s), more than the limit of %ld (COOP_SWEEP_MAX_POINTS); sweep "
            "fewer values: a larger step, fewer axes", p, how, (long)COOP_SWEEP_MAX_POINTS);
        return -1;
    }
    return 0;
}

int rsv_sweep(R *r, const decl *d, stmt *st)
{
    sweep_info *sw = arena_alloc(r->a, sizeof *sw);
    int bad = rsv_sweep_grid(r, d->u.sweep.ax, d->u.sweep.n, &sw->g) < 0;
    const decl *in = d->u.sweep.stmt;
    stmt *x = arena_alloc(r->a, sizeof *x);
    memset(x, 0, sizeof *x);
    x->k = in->k;
    x->loc = in->loc;
    x->rule = x->contract = x->step = x->by = x->world = -1;
    if (in->k == S_FLIP) {
        ERR(in->loc, "a sweep decides an expression or an expect at each point, and flip prints a table of its own; "
            "sweep the flip's costs instead, to the verdict meant at every point (flip_cost(R(a, b) to form), "
            "flip_count(R(a, b) to fail), flippable(R(a, b) to form))");
        return -1;
    }
    if (in->k != S_VALUE && in->k != S_EXPECT) {
        ERR(in->loc, "a sweep decides an expression or an expect at each point, and %s prints a table of its own; "
            "sweep a value it reads instead (count(R), R(a, b), score(R(a, b)), dominant(R(a, b)))",
            decl_class_of(in->k)->noun);
        return -1;
    }
    /* the statement reads what the axes set, though the world it starts
     * from may lack it: each point gives it a value */
    const int *given = r->given;
    int ngiven = r->ngiven;
    const rexpr *unset = r->unset;
    int *v = arena_alloc(r->a, (size_t)(2 * sw->g.n + 1) * sizeof *v); /* (a failed axis's target: -1, never read) */
    r->ngiven = sweep_given(sw->g.ax, sw->g.n, v);
    r->given = v;
    int rc = decl_class_of(in->k)->resolve(r, in, x);
    r->given = given;
    r->ngiven = ngiven;
    r->unset = unset;
    if (rc < 0 || bad) return -1;
    x->past = r->past;
    sw->st = x;
    double each = sweep_work(r->m, &sw->g, x, 1);
    sw->work = each * (double)sw->g.points;
    if (sw->work > (double)COOP_SWEEP_WORK) {
        ERR(d->loc, "this sweep takes %.0f evaluations (%ld points x %.0f each), more than the limit of %lld "
            "(COOP_SWEEP_WORK); sweep fewer points (a larger step, fewer values), or run it with coop sweep, "
            "which runs a sweep this large with --force and splits it across machines (--shard)", sw->work, sw->g.points, each,
            (long long)COOP_SWEEP_WORK);
        return -1;
    }
    st->sweep = sw;
    return 0;
}

int resolve_sweep_axis(const model *m, coop_world *w, const source *src, arena *a, const sweepdef *def,
                       struct sweep_axis *ax, coop_diags *d)
{
    R r0, *r = &r0;
    rsv_start(r, m, w, src, a, d);
    int rc = rsv_sweep_axis(r, def, ax);
    rsv_end(r);
    return rc;
}
