/*
 * range.h - the tuples a rule ranges over where parameters share a kind:
 * each set of actors once, in the order the actors are declared (the
 * default), or every order of it (a rule declared `ordered`).  Whether a
 * tuple is one of them, and the words that say which in headings and
 * errors.
 */
#ifndef COOP_RANGE_H
#define COOP_RANGE_H

#include <stdio.h>

#include "model.h"

/* The parameters of p's kind, into g[], and how many: when there are two
 * or more and p is the first of them (a group is met once), else 0. */
int range_group(const rule_info *ru, int p, int *g);

/* Do two of the rule's parameters share a kind? */
int range_same_kind(const rule_info *ru);

/* Is t, whose actors fit the kinds and are distinct, one of the rule's
 * tuples? */
static inline int range_has(const rule_info *ru, const int *t)
{
    for (int p = 0; p < ru->np; p++)
        if (ru->order_after[p] >= 0 && t[ru->order_after[p]] > t[p]) return 0;
    return 1;
}

/* What the same-kind parameters range over, e.g. "unordered pairs (each
 * pair of actors once, in the order they are declared)"; nothing when no
 * two parameters share a kind. */
void range_text(FILE *out, const rule_info *ru);

/* The error for a tuple that fits the kinds but is not one of the rule's
 * (range_has is 0): what it ranges over and the tuple to ask for instead.
 * Malloc'd. */
char *range_error(const model *m, int rule, const int *t);

#endif
