/*
 * obligation.h - dated obligations over a timeline (docs/language.md,
 * "Dated obligations"): each one's record over a run, kept from the world
 * each step ends with, and its status, and since when, as of any step.
 *
 * The record.  An obligation due `by` a date is met at the first step, up
 * to the last step of the date, at which its contract is active and its
 * condition holds; it is violated at that last step when it was not met
 * and the contract is active then, and lapses when the contract is void
 * then (nothing binds at its date).  One due `every` period is checked at
 * each period's last step: met from its first check while every check
 * held, violated at the first that failed, for good; a check where the
 * contract is void counts neither way (when every check is so, it lapses
 * at the last).  A supplier's violation is seen at the first step from it
 * at which the contract is active and its monitoring holds (undetected
 * until then); a buyer's at once.
 *
 * Its status as of step k, its contract active at k (else void, as every
 * obligation of a void contract): violated or undetected (as seen by k)
 * from the step it was violated; else met from the step it was met (or
 * its first check); else void once it lapsed; else pending: nothing of it
 * is due yet, or it is not met yet and its date has not come.
 */
#ifndef COOP_OBLIGATION_H
#define COOP_OBLIGATION_H

#include "contract.h"

struct tl_run;

/* A check of an obligation due every period. */
enum { CHECK_AHEAD, CHECK_HELD, CHECK_FAILED, CHECK_VOID };

/* One dated obligation's record over a run: steps, -1 for none. */
typedef struct obl_record {
    int met, violated, seen, lapsed;
    unsigned char *check; /* every period: each check's CHECK_* (its obligation's steps); NULL by a date */
} obl_record;

/* The records of a run's dated obligations. */
typedef struct obl_history {
    int ncontracts;
    obl_record **rec;      /* [contract][obligation]: NULL for a contract without dated ones */
    contract_fault *fault; /* [contract]: the runtime error its record met (rule and contract -1:
                              none), at step fault.step: the record stops there */
    obl_record *recs;      /* (what rec points into) */
    unsigned char *checks;
} obl_history;

/* Keeps the records of model m's dated obligations over run r (which kept
 * its journal: r->journal), reading the world of each step where one needs
 * it through a cursor of its own (timeline.h: the run's own does not move),
 * into *h (freed with obl_history_free).  A contract whose tender or
 * conditions meet a runtime error keeps it in h->fault[c].  0; -1 when
 * *stop stopped it, -2 when r kept no journal (h is empty). */
int obl_history_run(obl_history *h, const model *m, struct tl_run *r, const volatile sig_atomic_t *stop);
void obl_history_free(obl_history *h);

/* Has contract c's record met a runtime error by step k?  Then 1, the
 * error in *out. */
int obl_history_fault(const obl_history *h, int c, int k, contract_fault *out);

/* Obligation o of contract c as of step k, its contract active then. */
typedef struct obl_state {
    int status;           /* an obligation_status */
    int since;            /* met, violated or undetected: from this step (-1: pending, void) */
    int seen;             /* a violation: the step it was seen, -1 not by k (undetected) */
    int checks, held;     /* every period: checks due by k where the contract was active; held */
    int total, past;      /* its steps due in all; by k */
    int next;             /* the next step it falls due after k (-1: none, or met) */
} obl_state;
void obl_state_at(const obl_history *h, const model *m, int c, int o, int k, obl_state *out);
/* Its status as obl_state_at says it, and since when into *since, in
 * constant time (not counting its checks). */
int obl_status(const obl_history *h, int c, int o, int k, int *since);

/* How obligation o falls due, as it is written, into buf: "by 2021-06",
 * "every quarter from 2021-Q1", "every 2 year to 2030"; NULL without a
 * date (buf then empty). */
const char *obligation_due_text(const obligation *o, char *buf, size_t size);
/* Has model m a dated obligation? */
int obligations_dated(const model *m);

#endif
