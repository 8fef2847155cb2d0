/*
 * resolve_due.c - when contracts' dated obligations fall due
 * (docs/language.md, "Dated obligations"): `by DATE`, the last step of
 * the date's period; `every [N] UNIT [from D1] [to D2]`, the last step of
 * each period of N units from D1 that ends by D2.  Resolved after the
 * timeline, which contracts come before.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fmt.h"
#include "resolver.h"

/* The date of the timeline's step k, at its precision. */
static date step_date(const timeline_info *tl, int k)
{
    date x = tl->start;
    date_add(tl->start, k, tl->unit, &x); /* inside the timeline: a date */
    return x;
}

/* `by D`: the last step of D's period.  1, or 0 after saying why. */
static int due_by(R *r, const duedef *dd, obligation *o)
{
    int k1, k2;
    if (rsv_date(r, dd->by, &o->by) < 0 || rsv_steps(r, dd->by, &k1, &k2) < 0) return 0;
    o->steps = arena_alloc(r->a, sizeof *o->steps);
    o->steps[0] = k2;
    o->nsteps = 1;
    return 1;
}

/* Does start moved n units u land on 10000-01-01, the day after the
 * calendar's last (date_add refuses it)? */
static int after_calendar(date start, long n, date_unit u)
{
    date past = {DATE_MAX_YEAR + 1, 1, 1, DATE_DAY};
    if (u == DATE_DAY) return date_serial(start) + n == date_serial(past);
    long per = u == DATE_YEAR ? 12 : u == DATE_QUARTER ? 3 : 1;
    return start.d == 1 && (long)start.y * 12 + start.m - 1 + n * per == (long)past.y * 12;
}

/* `every N UNIT from D1 to D2`: the last step of each period.  1, or 0
 * after saying why. */
static int due_every(R *r, const char *cname, const duedef *dd, obligation *o)
{
    const timeline_info *tl = r->m->timeline;
    char b1[16], b2[16], b3[64];
    int u = rsv_unit(r, &dd->unit, rsv_counted(dd->every_loc, dd->unit.loc)), ok = 1, k1 = 0, k2 = tl->nsteps - 1, t1, t2;
    if (dd->every != floor(dd->every) || dd->every < 1) {
        fmt_num(b3, sizeof b3, dd->every);
        ERR(dd->every_loc, "an obligation falls due every whole number of periods, 1 or more, not %s", b3);
        ok = 0;
    }
    if (u > (int)tl->unit) {
        const char *tu = date_unit_name(tl->unit), *du = date_unit_name((date_unit)u);
        ERR(dd->unit.loc, "the timeline steps by %s: an obligation due every %s would fall due between its steps; "
                          "write every %s, or step the timeline by %s", tu, du, tu, du);
        ok = 0;
    }
    if (dd->from && (rsv_date(r, dd->from, &o->from) < 0 || rsv_steps(r, dd->from, &k1, &t2) < 0)) ok = 0;
    if (dd->to && (rsv_date(r, dd->to, &o->to) < 0 || rsv_steps(r, dd->to, &t1, &k2) < 0)) ok = 0;
    if (!ok || u < 0) return 0;
    o->every = dd->every > 1e9 ? 1000000000 : (int)dd->every; /* past the years a date may name: once */
    o->unit = (date_unit)u;
    o->has_from = dd->from != NULL;
    o->has_to = dd->to != NULL;
    date start = step_date(tl, k1), end = step_date(tl, k2);
    if (k2 < k1) {
        ERR(dd->to->loc, "obligation '%s' ends at %s, before it starts at %s", o->name, date_text(end, b1, sizeof b1),
            date_text(start, b2, sizeof b2));
        return 0;
    }
    /* period i runs from start + i*N units to the step before the next */
    VEC(int) steps = {0};
    for (long i = 1;; i++) {
        date next;
        if (date_add(start, i * o->every, o->unit, &next) < 0) {
            date first = start, y;
            first.d = 1; /* the month it lands in, if that is a date at all */
            if (o->unit == DATE_DAY || date_add(first, i * o->every, o->unit, &y) < 0) {
                if (!after_calendar(start, i * o->every, o->unit)) break;
                next = (date){DATE_MAX_YEAR + 1, 1, 1, DATE_DAY}; /* the period ends on 9999-12-31 */
            } else if (date_diff(end, y, DATE_MONTH) > 0)
                break;
            else {
                ERR(dd->from ? dd->from->loc : dd->word, "obligation '%s' every %s from %s lands on %04d-%02d-%02d, which "
                    "does not exist; a period is never moved to another day: start it on a day each of its months has",
                    o->name, o->every > 1 ? arena_printf(r->a, "%d %ss", o->every, date_unit_name(o->unit))
                                          : date_unit_name(o->unit),
                    date_text(start, b1, sizeof b1), y.y, y.m, start.d);
                vec_free(steps);
                return 0;
            }
        }
        long last = date_diff(tl->start, next, tl->unit) - 1; /* the period's last step */
        if (last > k2) break;
        vec_push(steps, (int)last);
    }
    if (!steps.n) {
        ERR(dd->word, "obligation '%s' of contract '%s' never falls due: no %s from %s ends by %s%s", o->name, cname,
            o->every > 1 ? arena_printf(r->a, "period of %d %ss", o->every, date_unit_name(o->unit))
                         : date_unit_name(o->unit),
            date_text(start, b1, sizeof b1), date_text(end, b2, sizeof b2),
            dd->to ? "" : ", where the timeline ends");
        return 0;
    }
    o->nsteps = (int)steps.n;
    o->steps = arena_alloc(r->a, steps.n * sizeof *o->steps);
    memcpy(o->steps, steps.v, steps.n * sizeof *o->steps);
    vec_free(steps);
    return 1;
}

void rsv_contract_dues(R *r, const program *p)
{
    model *m = r->mm;
    int timelines = 0;
    long total = 0; /* steps of every dated obligation */
    for (int i = 0; i < p->n; i++) timelines += p->v[i]->k == D_TIMELINE;
    for (int c = 0; c < m->ncontracts; c++) {
        contract_info *ci = &m->contracts[c];
        if (ci->resolved <= 0 || !ci->ndated) continue;
        const contract_def *cd = ci->decl->u.contract;
        for (int i = 0; i < ci->nobl; i++) {
            obligation *o = &ci->obl[i];
            const duedef *dd = &cd->obl[i].due;
            if (o->due == DUE_NONE) continue;
            const char *how = dd->k == DUE_BY ? "by a date" : "every period";
            if (!m->timeline) {
                if (!timelines++) /* once; a timeline in error was said */
                    ERR(dd->word, "obligation '%s' of contract '%s' falls due %s, which needs a timeline: declare one, "
                                  "like 'timeline 2010 .. 2018 by year', or drop '%s'", o->name, ci->name, how,
                        dd->k == DUE_BY ? "by DATE" : "every PERIOD");
                ci->resolved = -1;
                continue;
            }
            if (!(dd->k == DUE_BY ? due_by(r, dd, o) : due_every(r, ci->name, dd, o))) {
                ci->resolved = -1;
                continue;
            }
            if (total <= COOP_MAX_DUE_STEPS && (total += o->nsteps) > COOP_MAX_DUE_STEPS)
                ERR(dd->word, "with obligation '%s' of contract '%s' the dated obligations fall due at %ld steps; the "
                              "limit is %ld", o->name, ci->name, total, COOP_MAX_DUE_STEPS);
        }
        if (ci->resolved < 0) rsv_failed(r, ci->name, SUGGEST_CONTRACT);
    }
}
