/*
 * contract.h - deciding contracts in a world: each contract's supplier (by
 * award, its tender's winner: none makes the contract void), whether the
 * buyer can see what the supplier does (monitoring), each obligation's
 * status, and renewal.  Contracts are decided after the tenders they come
 * from and before the partnerships that read them; a contract reads no
 * partnership, so there is no cycle (docs/language.md, "Contracts").
 */
#ifndef COOP_CONTRACT_H
#define COOP_CONTRACT_H

#include <math.h>

#include "eval.h"

/* An obligation's status; a contract's.  A void contract's obligations are
 * void too, and so is a contract for a tuple of a partnership that does not
 * hold both its parties.  A dated obligation is pending while nothing of it
 * is due yet (obligation.h). */
typedef enum { OS_MET, OS_VIOLATED, OS_UNDETECTED, OS_VOID, OS_PENDING } obligation_status;
typedef enum { CS_ACTIVE, CS_VOID } contract_status;

/* What a query of a contract reads (an R_CONTRACT node's `param`): met,
 * violated and undetected are true when the obligation's status is theirs
 * (the first three equal their obligation_status), status is the status,
 * renewed, the contract's status, the supplier (an actor or -1); met_at and
 * violated_at, of a dated obligation, the step since which it is met, or
 * violated (or undetected), as a date (INFINITY: it is not). */
enum { CQ_MET, CQ_VIOLATED, CQ_UNDETECTED, CQ_STATUS, CQ_RENEWED, CQ_CSTATUS, CQ_SUPPLIER, CQ_MET_AT, CQ_VIOLATED_AT };

/* Why a contract could not be decided: a division by zero, or an
 * aggregate over nothing (agg), deciding a bid of the tender it comes from
 * (rule, tuple), or one of its conditions (contract).  rule and contract
 * are -1 when it was decided.  step: the step of the timeline whose world
 * it was met in, keeping a dated obligation's record (obligation.h); -1:
 * the world decided. */
typedef struct contract_fault {
    coop_loc loc;
    const agg_info *agg;
    int rule, contract;
    int tuple[COOP_MAX_PARAMS];
    int step;
} contract_fault;

/* One contract, decided in a world. */
typedef struct contract_row {
    int supplier;          /* an actor, or -1: the contract is void */
    int monitored;         /* the monitoring condition holds (1 without one) */
    int renewed;           /* the renewal condition holds (0 without one) */
    unsigned char *holds;  /* per obligation: its condition holds */
    unsigned char *status; /* per obligation: an obligation_status */
    int *since;            /* per obligation: a dated one's step since which its
                              status is met, violated or undetected (-1: none) */
    contract_fault fault;  /* not decided when fault.rule or fault.contract >= 0 */
    /* the runtime error its dated obligations' record met by the step decided
     * (step -1: none): their statuses are then pending and mean nothing, and
     * a statement that reads the contract says it (query_contract); what a
     * rule reads of it is decided all the same */
    contract_fault record;
} contract_row;

static inline int contract_failed(const contract_row *row) { return row->fault.rule >= 0 || row->fault.contract >= 0; }

/* Every contract of a model, decided in one world. */
typedef struct contracts {
    int n;                 /* 0 until decided */
    contract_row *c;
    unsigned char *cells;  /* the rows' holds and status */
    int *since;            /* the rows' since */
} contracts;

struct obl_history;

/* Decides every contract of m in w into *out (freed with contracts_free).
 * A contract that meets a division by zero (in its tender, or its
 * conditions) keeps the fault in its row, and the others are decided
 * still.  Returns how many failed; or -1, with *out empty, when *stop (if
 * not NULL) stopped a tender's decision (eval.h, ev_stop).  A dated
 * obligation's status is pending: w is taken for the declared world, before
 * the first step, when nothing is due yet. */
int contracts_decide(const model *m, const coop_world *w, const volatile sig_atomic_t *stop, contracts *out);
/* The same for w the world step k of a timeline's run ends with, h the
 * record of the run's dated obligations (obligation.h): their statuses as
 * of step k (a contract whose record met a runtime error by then keeps it
 * in its row's `record`). */
int contracts_decide_at(const model *m, const coop_world *w, const volatile sig_atomic_t *stop,
                        const struct obl_history *h, int k, contracts *out);

/* contracts_decide_at in parts, for a caller that keeps what a world or a
 * step leaves standing (query.c): */
/* Every contract's row made, none decided (freed with contracts_free). */
void contracts_init(const model *m, contracts *out);
/* What contract_winner finds besides a winner (an actor): none, a fault,
 * a stop; WINNER_UNDECIDED is a caller's mark of a tender not yet
 * decided. */
enum { WINNER_NONE = -1, WINNER_FAULT = -2, WINNER_STOPPED = -3, WINNER_UNDECIDED = -4 };
/* The winner of tender `rule` in w: an actor, WINNER_NONE, WINNER_FAULT
 * (*err says where) or WINNER_STOPPED (*stop set). */
int contract_winner(const model *m, const coop_world *w, int rule, const volatile sig_atomic_t *stop,
                    contract_fault *err);
/* Row c started again: its supplier (by award, `winner` of its tender as
 * contract_winner gave it, *why its fault), nothing else decided. */
void contract_begin(const model *m, int c, int winner, const contract_fault *why, contract_row *row);
/* Its monitoring and obligations' conditions in w (what the world
 * decides), unless it failed or is void; a fault is kept in the row. */
void contract_conditions(const model *m, const coop_world *w, const contracts *cs, int c, contract_row *row);
/* Its statuses as of step k of the run h records (what the step decides:
 * a dated obligation's, pending without h) and its renewal, after
 * contract_conditions left no fault; a renewal's fault is kept in the
 * row, and found again by the next call. */
void contract_statuses(const model *m, const coop_world *w, const contracts *cs, const struct obl_history *h, int k,
                       int c, contract_row *row);
/* Contract c's supplier in w, whether the buyer can see what it does, and
 * whether each obligation's condition holds, into *row (its holds array
 * the caller's): what a step's world adds to its dated obligations'
 * records (no status, no renewal).  0, or -1 with the fault in the row, or
 * row->fault.rule -1 and row->fault.contract -1 when *stop stopped it. */
int contract_observe(const model *m, const coop_world *w, int c, const volatile sig_atomic_t *stop, contract_row *row);
void contracts_free(contracts *cs);
/* Does contract c differ between a and b (decided or not, supplier,
 * monitoring, renewal, an obligation's status)? */
int contracts_differ(const model *m, const contracts *a, const contracts *b, int c);
/* The first contract rule `rule` reads that failed in cs, or NULL. */
const contract_row *contracts_fault_of(const model *m, const contracts *cs, int rule);

/* The evaluator of contract c's conditions in world w: its tuple is
 * (buyer, supplier), its rule the contract's context, its contracts cs (the
 * renewal condition reads the contract's own obligations).  Needs no
 * freeing. */
void contract_evaluator(evaluator *e, const model *m, const coop_world *w, int c, int supplier, const contracts *cs);

/* "met", "violated", "undetected", "void", "pending"; "active", "void". */
const char *obligation_status_name(int s);
const char *contract_status_name(int s);
/* "supplier", "buyer". */
const char *contract_side_name(int side);

/* Does the row's contract bind tuple t[0..np): does t hold both its
 * buyer and its supplier? */
static inline int contract_binds(const model *m, int c, const contract_row *row, const int *t, int np)
{
    if (row->supplier < 0) return 0;
    int b = 0, s = 0;
    for (int i = 0; i < np; i++) {
        b |= t[i] == m->contracts[c].buyer;
        s |= t[i] == row->supplier;
    }
    return b && s;
}

/* Query q (CQ_*) of contract c's obligation o (-1 for the contract), read
 * for tuple t[0..np) (NULL: the contract's own answer, as a statement
 * reads it).  A contract that does not bind the tuple, or one not decided
 * (its callers stop first: contracts_fault_of), answers as a void one.  No lookup by name, no allocation: compiled code
 * calls it per tuple. */
static inline double contract_read(const contracts *cs, const model *m, const int *t, int np, int c, int o, int q)
{
    const contract_row *row = cs && c < cs->n ? &cs->c[c] : NULL;
    if (!row || contract_failed(row)) return q == CQ_STATUS ? OS_VOID : q == CQ_CSTATUS ? CS_VOID : q == CQ_SUPPLIER ? -1 : 0;
    if (q == CQ_SUPPLIER) return row->supplier;
    int bound = t ? contract_binds(m, c, row, t, np) : row->supplier >= 0;
    if (q == CQ_CSTATUS) return bound ? CS_ACTIVE : CS_VOID;
    if (q == CQ_RENEWED) return bound && row->renewed;
    int st = bound ? row->status[o] : OS_VOID;
    if (q == CQ_MET_AT || q == CQ_VIOLATED_AT) /* a dated obligation: since when, or never */
        return (q == CQ_MET_AT ? st == OS_MET : st == OS_VIOLATED || st == OS_UNDETECTED) ? row->since[o] : INFINITY;
    return q == CQ_STATUS ? st : st == q;
}

#endif
