/*
 * resolve_time.c - the time a model declares (docs/language.md,
 * "Timelines"): its one timeline, the ranges that bound what events write
 * to relations and attributes, and its events: the steps at which each
 * acts or the condition it waits for, and the target and value of each of
 * its changes.  Nothing here runs them.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "decl.h"
#include "fmt.h"
#include "slip.h"
#include "resolver.h"

/* ---- dates ---- */

static const char *const unit_words[] = {"year", "quarter", "month", "day", /* after a count, also: */
                                         "years", "quarters", "months", "days"};

int rsv_unit(R *r, const name *n, int counted)
{
    suggest sg;
    int u = rsv_word_of(r, &sg, n->s, unit_words, counted ? 8 : 4);
    if (u >= 0) return u % 4;
    for (int p = 4; p < 8; p++)
        if (strcmp(n->s, unit_words[p]) == 0) {
            ERR(n->loc, "a period is named in the singular: write '%s', not '%s' (the plural follows a count, as in "
                        "'every 2 %s')", unit_words[p - 4], n->s, n->s);
            return -1;
        }
    ERR(n->loc, "expected year, quarter, month or day, not '%s'%s", n->s, suggest_said(&sg));
    return -1;
}

int rsv_date(R *r, const datedef *dd, date *out)
{
    if (!dd->ok) return -1;
    if (!dd->is_num) {
        *out = dd->d;
        return 0;
    }
    if (dd->num != floor(dd->num) || dd->num < DATE_MIN_YEAR || dd->num > DATE_MAX_YEAR) {
        char buf[64];
        fmt_num(buf, sizeof buf, dd->num);
        ERR(dd->loc, "a year is a whole number from %d to %d, not %s", DATE_MIN_YEAR, DATE_MAX_YEAR, buf);
        return -1;
    }
    date x = {(int)dd->num, 1, 1, DATE_YEAR};
    *out = x;
    return 0;
}

/* Is x, written at dd, at precision u?  Else says so, with x at u: for
 * an end (`to`), a coarser x's last u (2012 by quarter: 2012-Q4). */
static int at_precision(R *r, const datedef *dd, date x, date_unit u, int end)
{
    if (x.unit == u) return 1;
    char b1[16], b2[16];
    const char *un = date_unit_name(u);
    date like = x;
    if (end && x.unit < u) {
        if (x.unit == DATE_YEAR) like.m = 12;
        if (x.unit == DATE_QUARTER) like.m += 2;
        like.d = date_days_in(like.y, like.m);
    }
    ERR(dd->loc, "%s is a %s, but the timeline steps by %s: write a %s, like %s", date_text(x, b1, sizeof b1),
        date_unit_name(x.unit), un, un, date_text(date_floor(like, u), b2, sizeof b2));
    return 0;
}

/* The step of the timeline at the date dd, which must be at its precision
 * and inside it (end: dd is a `to`): into *x; the step, or -1 after saying
 * why. */
static int step_at(R *r, const datedef *dd, date *x, int end)
{
    const timeline_info *tl = r->m->timeline;
    if (rsv_date(r, dd, x) < 0 || !at_precision(r, dd, *x, tl->unit, end)) return -1;
    char b1[16], b2[16];
    date_text(*x, b1, sizeof b1);
    if (date_serial(*x) < date_serial(tl->start)) {
        ERR(dd->loc, "%s is before the timeline starts, at %s", b1, date_text(tl->start, b2, sizeof b2));
        return -1;
    }
    if (date_serial(*x) > date_serial(tl->end)) {
        ERR(dd->loc, "%s is after the timeline ends, at %s", b1, date_text(tl->end, b2, sizeof b2));
        return -1;
    }
    return (int)date_diff(tl->start, *x, tl->unit);
}

/* ---- the timeline ---- */

/* `timeline FROM .. TO by UNIT`, or NULL after saying why not. */
static timeline_info *timeline(R *r, const decl *d)
{
    const datedef *from = d->u.timeline.from, *to = d->u.timeline.to;
    int u = rsv_unit(r, &d->u.timeline.unit, 0);
    date a, b;
    int ok = rsv_date(r, from, &a) == 0;
    ok &= rsv_date(r, to, &b) == 0;
    if (u < 0 || !ok) return NULL;
    ok = at_precision(r, from, a, (date_unit)u, 0);
    ok &= at_precision(r, to, b, (date_unit)u, 1);
    if (!ok) return NULL;
    char b1[16], b2[16];
    if (date_serial(b) < date_serial(a)) {
        ERR(to->loc, "the timeline ends at %s, before it starts at %s", date_text(b, b1, sizeof b1),
            date_text(a, b2, sizeof b2));
        return NULL;
    }
    long n = date_diff(a, b, (date_unit)u) + 1;
    if (n > COOP_MAX_STEPS) {
        ERR(d->loc, "the timeline from %s to %s by %s has %ld steps; the limit is %d", date_text(a, b1, sizeof b1),
            date_text(b, b2, sizeof b2), unit_words[u], n, COOP_MAX_STEPS);
        return NULL;
    }
    timeline_info *tl = arena_alloc(r->a, sizeof *tl);
    tl->start = a;
    tl->end = b;
    tl->unit = (date_unit)u;
    tl->nsteps = (int)n;
    tl->loc = d->loc;
    return tl;
}

void rsv_timeline(R *r, const program *p)
{
    const decl *first = NULL;
    for (int i = 0; i < p->n; i++) {
        const decl *d = p->v[i];
        if (d->k != D_TIMELINE) continue;
        timeline_info *tl = timeline(r, d); /* a second is checked too */
        if (first) {
            ERR(d->n.loc, "a model has one timeline; this is a second: delete one of them");
            NOTE(first->n.loc, "the first is here");
            continue;
        }
        first = d;
        r->mm->timeline = tl;
    }
    rsv_contract_dues(r, p); /* contracts are resolved before the timeline they read */
}

/* ---- ranges ---- */

static const char *num_text(char *buf, size_t n, double x)
{
    fmt_num(buf, n, x);
    return buf;
}

int rsv_range(R *r, const rangedef *rg, double *lo, double *hi)
{
    *lo = rsv_number(r, rg->lo, "a range's low end", NAN);
    *hi = rsv_number(r, rg->hi, "a range's high end", NAN);
    if (isnan(*lo) || isnan(*hi)) return -1;
    if (*lo > *hi) {
        char b1[64], b2[64];
        coop_loc l = rg->lo->loc;
        l.end_line = rg->hi->loc.end_line;
        l.end_col = rg->hi->loc.end_col;
        ERR(l, "a range runs from its low end to its high end: write %s .. %s", num_text(b1, sizeof b1, *hi),
            num_text(b2, sizeof b2, *lo));
        return -1;
    }
    return 0;
}

void rsv_outside(R *r, coop_loc loc, const char *what, double v, double lo, double hi, coop_loc at)
{
    char why[COOP_MAX_TOKEN_LEN + 256];
    ERR(loc, "%s", slip_outside(why, sizeof why, what, "is", v, lo, hi));
    NOTE(at, "the range is declared here");
}

/* `relation NAME(...) default V range LO .. HI`: its range, and the default
 * and every value set for a tuple (the last of each) inside it. */
static void relation_ranges(R *r, const program *p)
{
    model *m = r->mm;
    int any = 0;
    for (int i = 0; i < p->n; i++) {
        const decl *d = p->v[i];
        if (d->k != D_RELATION || !d->u.rel.range.lo) continue;
        int c = names_get(&m->callables, d->n.s);
        if (c < 0 || m->rels[c].loc.line != d->n.loc.line || m->rels[c].loc.col != d->n.loc.col)
            continue; /* it failed, or it is a second of its name: said */
        relation_info *rel = &m->rels[c];
        double lo, hi;
        if (rel->type == T_BOOL) {
            ERR(d->u.rel.range.at, "relation '%s' holds true/false; a range bounds numbers", d->n.s);
            continue;
        }
        if (rsv_range(r, &d->u.rel.range, &lo, &hi) < 0) continue;
        rel->lo = lo;
        rel->hi = hi;
        any = 1;
        if (rel->def < lo || rel->def > hi)
            rsv_outside(r, d->u.rel.def->loc, arena_printf(r->a, "the default of relation '%s'", d->n.s), rel->def, lo, hi,
                    d->u.rel.range.at);
    }
    if (!any) return;
    /* a tuple set twice holds its last value: that one is checked */
    char *last = mem_calloc((size_t)p->n + 1, 1);
    names seen = {0};
    for (int i = p->n - 1; i >= 0; i--)
        if (p->v[i]->k == D_RELSET) last[i] = names_put(&seen, decl_class_of(D_RELSET)->key(r->a, p->v[i]), 1) < 0;
    names_free(&seen);
    for (int i = 0; i < p->n; i++) {
        const decl *d = p->v[i];
        int c = last[i] ? names_get(&m->callables, d->n.s) : -1, act[COOP_MAX_PARAMS], ok = 1;
        if (c < 0 || isnan(m->rels[c].lo) || d->u.relset.n != m->rels[c].arity) continue;
        for (int j = 0; j < d->u.relset.n && ok; j++) ok = (act[j] = names_get(&m->actor_idx, d->u.relset.args[j].s)) >= 0;
        double v;
        if (!ok || !world_rel_get(r->w, c, act, &v) || (v >= m->rels[c].lo && v <= m->rels[c].hi)) continue;
        const char *what = decl_class_of(D_RELSET)->key(r->a, d) + 6; /* "value r(a, b)" */
        for (int j = 0; j < p->n; j++) /* the range's place */
            if (p->v[j]->k == D_RELATION && strcmp(p->v[j]->n.s, d->n.s) == 0 && p->v[j]->u.rel.range.lo) {
                rsv_outside(r, d->u.relset.value->loc, what, v, m->rels[c].lo, m->rels[c].hi, p->v[j]->u.rel.range.at);
                break;
            }
    }
    free(last);
}

/* One `attribute NAME : KIND range LO .. HI`, resolved. */
typedef struct kind_range {
    const decl *d;
    int attr, kind, depth;
    double lo, hi;
} kind_range;
typedef VEC(kind_range) kind_ranges;

/* Actor ac's attribute at is bounded by [lo, hi]. */
static void set_range(R *r, int at, int ac, double lo, double hi)
{
    model *m = r->mm;
    if (!m->attr_lo) {
        m->attr_lo = arena_alloc(r->a, ((size_t)m->nattrs + 1) * sizeof *m->attr_lo);
        m->attr_hi = arena_alloc(r->a, ((size_t)m->nattrs + 1) * sizeof *m->attr_hi);
    }
    if (!m->attr_lo[at]) {
        m->attr_lo[at] = arena_alloc(r->a, ((size_t)m->nactors + 1) * sizeof **m->attr_lo);
        m->attr_hi[at] = arena_alloc(r->a, ((size_t)m->nactors + 1) * sizeof **m->attr_hi);
        for (int a = 0; a < m->nactors; a++) m->attr_lo[at][a] = m->attr_hi[at][a] = NAN;
    }
    m->attr_lo[at][ac] = lo;
    m->attr_hi[at][ac] = hi;
}

/* May attribute at (named an at loc) have a range?  Numbers only. */
static int rangeable(R *r, int at, const char *an, coop_loc loc)
{
    vtype t = r->m->attrs[at].type;
    if (t == T_NUM) return 1;
    if (t != T_ERR) /* a value in error: said */
        ERR(loc, "%s '%s' holds %s; a range bounds numbers", r->m->attrs[at].field ? "bid field" : "attribute", an,
            rsv_type_name(t));
    return 0;
}

/* The `attribute` declarations, resolved, into *out: numbers of a known
 * attribute and kind, one a pair. */
static void kind_range_decls(R *r, const program *p, kind_ranges *out)
{
    const model *m = r->m;
    for (int i = 0; i < p->n; i++) {
        const decl *d = p->v[i];
        if (d->k != D_ATTRIBUTE) continue;
        kind_range kr = {d, names_get(&m->attr_idx, d->n.s), names_get(&m->kind_idx, d->u.attribute.kind.s), 0, 0, 0};
        char hint[512];
        if (kr.attr < 0 && *resolve_field_hint(m, r->w, d->n.s, -1, hint, sizeof hint)) /* a bid's field */
            ERR(d->n.loc, "no actor has an attribute '%s'%s; a bid's field takes its range in the bid "
                "(%s = VALUE range LO .. HI)", d->n.s, hint, d->n.s);
        else if (kr.attr < 0 && !rsv_column_slip(r, d->n.loc, arena_printf(r->a, "a range is declared for '%s'",
                                                                           d->n.s), d->n.s))
            rsv_unknown(r, d->n.loc, d->n.s, SUGGEST_ATTR);
        if (kr.kind < 0) rsv_unknown(r, d->u.attribute.kind.loc, d->u.attribute.kind.s, SUGGEST_KIND);
        int ok = kr.attr >= 0 && kr.kind >= 0 && rangeable(r, kr.attr, d->n.s, d->n.loc);
        if (rsv_range(r, &d->u.attribute.range, &kr.lo, &kr.hi) < 0 || !ok) continue;
        const kind_range *twice = NULL;
        for (size_t j = 0; j < out->n && !twice; j++)
            if (out->v[j].attr == kr.attr && out->v[j].kind == kr.kind) twice = &out->v[j];
        if (twice) {
            ERR(d->n.loc, "attribute '%s' has a second range for kind '%s'", d->n.s, d->u.attribute.kind.s);
            NOTE(twice->d->n.loc, "the first is here");
            continue;
        }
        for (int k = m->kinds[kr.kind].parent; k >= 0; k = m->kinds[k].parent) kr.depth++;
        vec_push(*out, kr);
        int n, has = 0;
        const int *acts = rsv_kind_actors(r, kr.kind, &n);
        for (int j = 0; j < n && !has; j++) has = r->w->has[kr.attr][acts[j]];
        if (!has) /* the range holds for what events give them; but a kind may be mistaken */
            WARN(d->u.attribute.kind.loc, "no actor of kind '%s' has attribute '%s'", d->u.attribute.kind.s, d->n.s);
    }
}

/* By the depth of its kind, shallow first (then as declared): a deeper
 * kind's range, nearer its actors, is set last and wins. */
static int by_depth(const void *a, const void *b)
{
    const kind_range *x = a, *y = b;
    if (x->depth != y->depth) return x->depth - y->depth;
    if (x->d->loc.line != y->d->loc.line) return x->d->loc.line < y->d->loc.line ? -1 : 1;
    return (x->d->loc.col > y->d->loc.col) - (x->d->loc.col < y->d->loc.col);
}

/* Calls fn with every attribute value the actors and bids declare: the
 * actor, its attribute's index (-1: in error), the value as written. */
static void each_value(R *r, const program *p, void (*fn)(R *r, int ac, int at, const attrdef *v, void *ctx), void *ctx)
{
    const model *m = r->m;
    for (int ac = 0; ac < m->nactors; ac++) {
        const decl *d = r->actor_decls[ac];
        for (int j = 0; j < d->u.actor.n; j++)
            fn(r, ac, names_get(&m->attr_idx, d->u.actor.attrs[j].n.s), &d->u.actor.attrs[j], ctx);
    }
    for (int i = 0; i < p->n; i++) {
        const decl *d = p->v[i];
        int ac = d->k == D_BID ? names_get(&m->actor_idx, d->u.bid.bidder.s) : -1;
        for (int j = 0; ac >= 0 && j < d->u.bid.n; j++) {
            const char *an = rsv_bid_field(r, d->u.bid.tender.s, d->u.bid.attrs[j].n.s);
            fn(r, ac, names_get(&m->attr_idx, an), &d->u.bid.attrs[j], ctx);
        }
    }
}

/* `NAME = VALUE range LO .. HI` in an actor or a bid: its own range. */
static void own_range(R *r, int ac, int at, const attrdef *v, void *ctx)
{
    (void)ctx;
    double lo, hi;
    if (!v->range.lo || at < 0) return;
    int ok = rangeable(r, at, v->n.s, v->range.at);
    if (rsv_range(r, &v->range, &lo, &hi) == 0 && ok) set_range(r, at, ac, lo, hi);
}

/* A declared value outside the range its actor's attribute has. */
static void value_inside(R *r, int ac, int at, const attrdef *v, void *ctx)
{
    const model *m = r->m;
    const kind_ranges *krs = ctx;
    if (at < 0 || !m->attr_lo || !m->attr_lo[at] || isnan(m->attr_lo[at][ac]) || !r->w->has[at][ac]) return;
    double x = r->w->num[at][ac], lo = m->attr_lo[at][ac], hi = m->attr_hi[at][ac];
    if (x >= lo && x <= hi) return;
    coop_diags *said = r->d, *quiet = coop_diags_new(); /* a value in error was said, and holds 0 */
    r->d = quiet;
    rexpr *c = rsv_constant(r, v->value, "a value");
    r->d = said;
    coop_diags_free(quiet);
    if (!c || !rsv_is_num(c->type)) return;
    coop_loc from = v->range.at; /* the range's place: its own, else its nearest kind's */
    for (size_t i = 0, best = 0; !v->range.lo && i < krs->n; i++)
        if (krs->v[i].attr == at && model_is_a(m, m->actors[ac].kind, krs->v[i].kind) &&
            (size_t)krs->v[i].depth + 1 > best) {
            from = krs->v[i].d->u.attribute.range.at;
            best = (size_t)krs->v[i].depth + 1;
        }
    const char *field = m->attrs[at].field, *what = field ? arena_printf(r->a, "bid(%.*s, %s).%s",
        (int)(field - 1 - m->attrs[at].name), m->attrs[at].name, m->actors[ac].name, field)
        : arena_printf(r->a, "%s.%s", m->actors[ac].name, v->n.s);
    rsv_outside(r, v->value->loc, what, x, lo, hi, from);
}

void rsv_ranges(R *r, const program *p)
{
    relation_ranges(r, p);
    kind_ranges krs = {0};
    kind_range_decls(r, p, &krs);
    if (krs.n) qsort(krs.v, krs.n, sizeof *krs.v, by_depth);
    for (size_t i = 0; i < krs.n; i++) {
        int n;
        const int *acts = rsv_kind_actors(r, krs.v[i].kind, &n);
        for (int j = 0; j < n; j++) set_range(r, krs.v[i].attr, acts[j], krs.v[i].lo, krs.v[i].hi);
    }
    each_value(r, p, own_range, NULL); /* an actor's own range is nearer than any kind's */
    if (r->m->attr_lo) each_value(r, p, value_inside, &krs);
    vec_free(krs);
}

/* ---- events ---- */

/* The steps of `every N UNIT [from D1] [to D2]` into ev; 1, or 0 after
 * saying why. */
static int recurring(R *r, const decl *d, event_info *ev)
{
    const event_def *e = d->u.event;
    const timeline_info *tl = r->m->timeline;
    char b1[16], b2[16], b3[64];
    int u = rsv_unit(r, &e->unit, rsv_counted(e->every_loc, e->unit.loc)), ok = 1;
    if (e->every != floor(e->every) || e->every < 1) {
        ERR(e->every_loc, "an event recurs every whole number of periods, 1 or more, not %s",
            num_text(b3, sizeof b3, e->every));
        ok = 0;
    }
    if (u > (int)tl->unit) {
        const char *tu = unit_words[tl->unit];
        ERR(e->unit.loc, "the timeline steps by %s: an event every %s would act between its steps; write every %s, "
            "or step the timeline by %s", tu, unit_words[u], tu, unit_words[u]);
        ok = 0;
    }
    date from = tl->start, to = tl->end;
    if (e->from && step_at(r, e->from, &from, 0) < 0) ok = 0;
    if (e->to && step_at(r, e->to, &to, 1) < 0) ok = 0;
    if (!ok || u < 0) return 0;
    if (date_serial(to) < date_serial(from)) {
        ERR(e->to ? e->to->loc : e->from->loc, "event '%s' ends at %s, before it starts at %s", d->n.s,
            date_text(to, b1, sizeof b1), date_text(from, b2, sizeof b2));
        return 0;
    }
    long n = e->every > 1e9 ? 1000000000L : (long)e->every; /* past the years a date may name: once */
    VEC(int) steps = {0};
    for (long i = 0;; i++) {
        date x;
        if (date_add(from, i * n, (date_unit)u, &x) < 0) {
            date first = from, y;
            first.d = 1; /* the month it lands in, if that is a date at all */
            /* a day lands on a day that exists: it failed past 9999-12-31 */
            if (u == DATE_DAY || date_add(first, i * n, (date_unit)u, &y) < 0 || date_diff(to, y, DATE_MONTH) > 0 ||
                (date_diff(to, y, DATE_MONTH) == 0 && from.d > to.d))
                break; /* past its end */
            ERR(e->from ? e->from->loc : e->kind_loc, "event '%s' every %s from %s lands on %04d-%02d-%02d, which does "
                "not exist; a recurrence is never moved to another day: start it on a day each of its months has",
                d->n.s, n > 1 ? arena_printf(r->a, "%ld %ss", n, unit_words[u]) : unit_words[u],
                date_text(from, b1, sizeof b1), y.y, y.m, from.d);
            vec_free(steps);
            return 0;
        }
        if (date_serial(x) > date_serial(to)) break;
        vec_push(steps, (int)date_diff(tl->start, x, tl->unit));
    }
    ev->nsteps = (int)steps.n;
    ev->steps = arena_alloc(r->a, (steps.n + 1) * sizeof *ev->steps);
    memcpy(ev->steps, steps.v, steps.n * sizeof *ev->steps);
    vec_free(steps);
    return 1;
}

int rsv_event_when(R *r, const decl *d, event_info *ev)
{
    const event_def *e = d->u.event;
    if (e->kind == EVENT_ON || e->kind == EVENT_WHILE) {
        r->in_event++;
        rexpr *x = rsv_expr(r, e->cond, CTX_STMT);
        r->in_event--;
        if (x->type == T_ERR) return 0;
        if (x->type != T_BOOL) {
            const char *w = e->kind == EVENT_ON ? "on" : "while";
            if (rsv_is_num(x->type))
                ERR(e->cond->loc, "an event's condition must be true or false, but this is a number; compare it, like "
                    "'%s %s >= 1'", w, ast_text(r->a, e->cond));
            else
                ERR(e->cond->loc, "an event's condition must be true or false, but this is %s", rsv_type_name(x->type));
            return 0;
        }
        ev->cond = x;
        return 1;
    }
    if (!r->m->timeline) return 0; /* said once for all */
    if (e->kind == EVENT_EVERY) return recurring(r, d, ev);
    date x;
    int k = step_at(r, e->at, &x, 0);
    if (k < 0) return 0;
    ev->steps = arena_alloc(r->a, sizeof *ev->steps);
    ev->steps[0] = k;
    ev->nsteps = 1;
    return 1;
}

/* Do two changes write one value? */
static int same_target(const event_change *a, const event_change *b, int arity)
{
    if (a->is_param || b->is_param) return a->is_param == b->is_param && a->param == b->param;
    if (a->is_rel != b->is_rel) return 0;
    if (!a->is_rel) return a->actor == b->actor && a->attr == b->attr;
    if (a->rel != b->rel) return 0;
    for (int i = 0; i < arity; i++)
        if (a->args[i] != b->args[i]) return 0;
    return 1;
}

/* The value of change c, written to t: an expression of statements of the
 * target's type; += and -= only on numbers and sets, and on a value the
 * declared world has.  1, or 0 after saying why. */
static int change_value(R *r, const change *c, event_change *t)
{
    const model *m = r->m;
    vtype want = t->is_param ? m->params[t->param].type : t->is_rel ? m->rels[t->rel].type : m->attrs[t->attr].type;
    const char *target = ast_text(r->a, c->target);
    r->in_event++;
    rexpr *x = rsv_expr(r, c->value, CTX_STMT);
    r->in_event--;
    if (x->type == T_ERR) return 0;
    if (c->op != CH_SET && want != T_NUM && want != T_SET) {
        ERR(c->loc, "%s holds %s: += and -= change numbers and sets; set it with =", target, rsv_type_name(want));
        return 0;
    }
    if (want == T_NUM ? !rsv_is_num(x->type) : x->type != want) {
        ERR(c->value->loc, "%s holds %s, but this is %s", target, rsv_type_name(want), rsv_type_name(x->type));
        return 0;
    }
    if (c->op != CH_SET && !t->is_rel && !t->is_param && !r->w->has[t->attr][t->actor]) {
        ERR(c->loc, "%s has no value to change by an amount: give it one where it is declared, or set it with =",
            target);
        return 0;
    }
    t->value = x;
    return 1;
}

/* Event d's changes into ev; 1, or 0 after saying why. */
static int changes(R *r, const decl *d, event_info *ev)
{
    const event_def *e = d->u.event;
    if (!e->nch) {
        ERR(d->n.loc, "event '%s' changes nothing: write its changes between its braces, like { a.x = 1 }", d->n.s);
        return 0;
    }
    ev->ch = arena_alloc(r->a, (size_t)e->nch * sizeof *ev->ch);
    int ok = 1;
    for (int i = 0; i < e->nch; i++) {
        const change *c = &e->ch[i];
        event_change *t = &ev->ch[ev->nch];
        t->op = c->op;
        t->loc = c->loc;
        if (resolve_change_target(r->m, r->w, r->src, r->a, c, t, r->d) < 0) {
            ok = 0;
            continue;
        }
        if (!t->is_rel && !t->is_param && !r->w->has[t->attr][t->actor]) { /* a value read before the event would be missing */
            const char *an = r->m->attrs[t->attr].name;
            ERR(c->target->loc, "actor '%s' declares no '%s': an event changes the values an actor has; give it one "
                "where it is declared (%s = ...), the value before the event", r->m->actors[t->actor].name, an, an);
            rsv_data_note(r, t->actor, an); /* an actor of case data: at its empty cell */
            ok = 0;
            continue;
        }
        int twice = -1;
        for (int j = 0; j < ev->nch && twice < 0; j++)
            if (same_target(&ev->ch[j], t, t->is_rel ? r->m->rels[t->rel].arity : 0)) twice = j;
        if (twice >= 0) {
            ERR(c->loc, "event '%s' changes %s twice; write one change for it", d->n.s, ast_text(r->a, c->target));
            NOTE(ev->ch[twice].loc, "the first is here");
            ok = 0;
            continue;
        }
        if (change_value(r, c, t)) ev->nch++;
        else ok = 0;
    }
    return ok;
}

void rsv_events(R *r, const program *p)
{
    model *m = r->mm;
    int n = 0, timelines = 0;
    for (int i = 0; i < p->n; i++) {
        n += p->v[i]->k == D_EVENT;
        timelines += p->v[i]->k == D_TIMELINE;
    }
    if (!n) return;
    m->events = arena_alloc(r->a, (size_t)n * sizeof *m->events);
    long total = 0; /* steps of the dated and recurring events */
    for (int i = 0; i < p->n; i++) {
        const decl *d = p->v[i];
        if (d->k != D_EVENT) continue;
        int old = names_get(&m->event_idx, d->n.s);
        if (old >= 0) {
            ERR(d->n.loc, "event '%s' is declared twice", d->n.s);
            NOTE(m->events[old].loc, "the first declaration is here");
            continue;
        }
        const event_def *e = d->u.event;
        if (!m->timeline && !timelines++) /* once; a timeline in error was said */
            ERR(d->n.loc, "event '%s' needs a timeline: declare one, like 'timeline 2010 .. 2018 by year'", d->n.s);
        event_info *ev = &m->events[m->nevents];
        ev->name = d->n.s;
        ev->label = e->label;
        ev->loc = d->n.loc;
        ev->kind = e->kind;
        ev->def = e;
        names_put(&m->event_idx, d->n.s, m->nevents++);
        /* past the limit (said), later schedules are not built: they could
         * take as much memory again */
        int dated = e->kind == EVENT_AT || e->kind == EVENT_EVERY;
        if (dated && total > COOP_MAX_EVENT_STEPS) {
            changes(r, d, ev);
            continue;
        }
        if (rsv_event_when(r, d, ev) && total <= COOP_MAX_EVENT_STEPS && (total += ev->nsteps) > COOP_MAX_EVENT_STEPS)
            ERR(d->n.loc, "with event '%s' the dated and recurring events act at %ld steps; the limit is %ld", d->n.s,
                total, COOP_MAX_EVENT_STEPS);
        changes(r, d, ev);
    }
}
