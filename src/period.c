/* period.c - the periods of a timeline: which steps each one covers. */
#include "period.h"

void periods_of(const timeline_info *tl, date_unit u, periods *out)
{
    out->tl = tl;
    out->unit = u;
    out->first = date_floor(tl->start, u);
    out->n = (int)date_diff(out->first, tl->end, u) + 1;
}

date period_date(const periods *p, int i)
{
    date x = p->first;
    date_add(p->first, i, p->unit, &x); /* inside the timeline: a day 1, never refused */
    return x;
}

int period_first_step(const periods *p, int i)
{
    long k = date_diff(p->tl->start, period_date(p, i), p->tl->unit);
    return k < 0 ? 0 : (int)k;
}

int period_last_step(const periods *p, int i)
{
    date next;
    long last = p->tl->nsteps - 1, k = last;
    /* the step before the next period's first (none past the year 9999) */
    if (date_add(period_date(p, i), 1, p->unit, &next) == 0) k = date_diff(p->tl->start, next, p->tl->unit) - 1;
    return (int)(k < last ? k : last);
}
