/*
 * period.h - the periods of a timeline (docs/language.md, "Verdicts per
 * period"): the years, quarters, months or days its steps fall in, for a
 * period no finer than its step.  A period is read as the last of its
 * steps inside the timeline ends; the first and the last period may be
 * cut short by the timeline's ends (a timeline from 2013-07 has 2013 as
 * its first year, of six months).
 */
#ifndef COOP_PERIOD_H
#define COOP_PERIOD_H

#include "model.h"

typedef struct periods {
    const timeline_info *tl;
    date_unit unit;
    date first;      /* the period of the timeline's first step, at precision unit */
    int n;           /* how many periods its steps fall in */
} periods;

/* The periods of unit u (no finer than tl's step) of timeline tl. */
void periods_of(const timeline_info *tl, date_unit u, periods *out);
/* Period i, as a date at the periods' precision. */
date period_date(const periods *p, int i);
/* The first and the last step of period i inside the timeline. */
int period_first_step(const periods *p, int i);
int period_last_step(const periods *p, int i);

#endif
