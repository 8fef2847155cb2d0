/* contract.c - deciding contracts: supplier, monitoring, obligations,
 * renewal. */
#include "contract.h"

#include <stdlib.h>
#include <string.h>

#include "obligation.h"
#include "tender.h"

const char *obligation_status_name(int s)
{
    static const char *const words[] = {"met", "violated", "undetected", "void", "pending"};
    return words[s];
}

const char *contract_status_name(int s) { return s == CS_ACTIVE ? "active" : "void"; }

const char *contract_side_name(int side) { return side == SIDE_BUYER ? "buyer" : "supplier"; }

void contract_evaluator(evaluator *e, const model *m, const coop_world *w, int c, int supplier, const contracts *cs)
{
    const contract_info *ci = &m->contracts[c];
    memset(e, 0, sizeof *e);
    e->m = m;
    e->w = w;
    e->ru = &ci->ru;
    e->rule = -1;
    e->tuple[0] = ci->buyer;
    e->tuple[1] = supplier;
    e->cs = cs;
}

int contract_winner(const model *m, const coop_world *w, int rule, const volatile sig_atomic_t *stop,
                    contract_fault *err)
{
    evaluator e;
    ev_init(&e, m, w, rule);
    e.stop = stop;
    tender_result t;
    int who = WINNER_NONE;
    if (tender_decide(&e, &t) < 0) {
        err->loc = e.err_loc;
        err->agg = e.err_agg;
        err->rule = rule;
        memcpy(err->tuple, e.tuple, sizeof err->tuple);
        who = e.stopped ? WINNER_STOPPED : WINNER_FAULT;
    } else if (t.winner >= 0)
        who = t.bids[t.winner].actor;
    tender_free(&t);
    ev_free(&e);
    return who;
}

/* A condition's value for contract c (e's), or -1 after a division by
 * zero (said at the condition) or an aggregate over nothing (at it). */
static int holds(const evaluator *e, const rexpr *cond, int c, contract_fault *err)
{
    ev_fault bad = {0, NULL, NULL};
    double v = ev_expr(e, cond, NULL, NULL, &bad);
    if (!bad.kind) return v != 0;
    err->agg = bad.agg;
    err->loc = ev_fault_loc(&bad, cond);
    err->contract = c;
    return -1;
}

/* Contract c's monitoring and its obligations' conditions (only its
 * dated ones' with `dated`), its supplier known, into row: 0, or -1 after
 * a fault (in the row). */
static int conditions(const evaluator *e, const contract_info *ci, int c, int dated, contract_row *row)
{
    int mon = ci->monitor ? holds(e, ci->monitor, c, &row->fault) : 1;
    if (mon < 0) return -1;
    row->monitored = mon;
    for (int o = 0; o < ci->nobl; o++) {
        if (dated && ci->obl[o].due == DUE_NONE) continue;
        int h = holds(e, ci->obl[o].cond, c, &row->fault);
        if (h < 0) return -1;
        row->holds[o] = (unsigned char)h;
    }
    return 0;
}

void contract_begin(const model *m, int c, int winner, const contract_fault *why, contract_row *row)
{
    const contract_info *ci = &m->contracts[c];
    row->fault.rule = row->fault.contract = row->fault.step = -1;
    row->record.rule = row->record.contract = row->record.step = -1;
    row->monitored = row->renewed = 0;
    memset(row->holds, 0, (size_t)ci->nobl);
    memset(row->status, 0, (size_t)ci->nobl);
    for (int o = 0; o < ci->nobl; o++) row->since[o] = -1;
    row->supplier = ci->supplier;
    if (ci->tender < 0) return;
    row->supplier = winner < 0 ? -1 : winner;
    if (winner == WINNER_FAULT) row->fault = *why;
}

void contract_conditions(const model *m, const coop_world *w, const contracts *cs, int c, contract_row *row)
{
    const contract_info *ci = &m->contracts[c];
    if (contract_failed(row) || row->supplier < 0) return;
    evaluator e;
    contract_evaluator(&e, m, w, c, row->supplier, cs);
    conditions(&e, ci, c, 0, row);
}

void contract_statuses(const model *m, const coop_world *w, const contracts *cs, const obl_history *h, int k, int c,
                       contract_row *row)
{
    const contract_info *ci = &m->contracts[c];
    row->fault.rule = row->fault.contract = row->fault.step = -1; /* a renewal's, found again below */
    row->record.rule = row->record.contract = row->record.step = -1;
    row->renewed = 0;
    for (int o = 0; o < ci->nobl; o++) row->since[o] = -1;
    if (row->supplier < 0) { /* void: nothing binds either side */
        for (int o = 0; o < ci->nobl; o++) row->status[o] = OS_VOID;
        return;
    }
    int broken = h && ci->ndated && obl_history_fault(h, c, k, &row->record);
    for (int o = 0; o < ci->nobl; o++) {
        const obligation *ob = &ci->obl[o];
        if (ob->due != DUE_NONE)
            row->status[o] = h && !broken ? (unsigned char)obl_status(h, c, o, k, &row->since[o]) : OS_PENDING;
        else
            row->status[o] = row->holds[o] ? OS_MET : ob->side == SIDE_SUPPLIER && !row->monitored ? OS_UNDETECTED
                                                                                               : OS_VIOLATED;
    }
    evaluator e;
    contract_evaluator(&e, m, w, c, row->supplier, cs);
    int rn = ci->renew ? holds(&e, ci->renew, c, &row->fault) : 0;
    if (rn >= 0) row->renewed = rn;
}

int contract_observe(const model *m, const coop_world *w, int c, const volatile sig_atomic_t *stop, contract_row *row)
{
    const contract_info *ci = &m->contracts[c];
    row->fault.rule = row->fault.contract = row->fault.step = -1;
    row->supplier = ci->supplier;
    if (ci->tender >= 0) {
        int who = contract_winner(m, w, ci->tender, stop, &row->fault);
        if (who == WINNER_STOPPED) return -2;
        if (who == WINNER_FAULT) return -1;
        row->supplier = who;
    }
    if (row->supplier < 0) return 0;
    evaluator e;
    contract_evaluator(&e, m, w, c, row->supplier, NULL);
    return conditions(&e, ci, c, 1, row);
}

int contracts_decide(const model *m, const coop_world *w, const volatile sig_atomic_t *stop, contracts *out)
{
    return contracts_decide_at(m, w, stop, NULL, -1, out);
}

void contracts_init(const model *m, contracts *out)
{
    memset(out, 0, sizeof *out);
    int cells = 0;
    for (int c = 0; c < m->ncontracts; c++) cells += m->contracts[c].nobl;
    out->c = mem_calloc((size_t)m->ncontracts + 1, sizeof *out->c);
    out->cells = mem_calloc(2 * (size_t)cells + 1, 1);
    out->since = mem_alloc(((size_t)cells + 1) * sizeof *out->since);
    out->n = m->ncontracts; /* the renewal conditions read their own rows */
    unsigned char *cell = out->cells;
    int *since = out->since;
    for (int c = 0; c < m->ncontracts; c++) {
        const contract_info *ci = &m->contracts[c];
        contract_row *row = &out->c[c];
        row->holds = cell;
        row->status = cell + ci->nobl;
        cell += 2 * ci->nobl;
        row->since = since;
        since += ci->nobl;
    }
}

int contracts_decide_at(const model *m, const coop_world *w, const volatile sig_atomic_t *stop, const obl_history *h,
                        int k, contracts *out)
{
    contracts_init(m, out);
    /* each tender is decided once, however many contracts it awards */
    int *winner = mem_alloc(((size_t)m->nrules + 1) * sizeof *winner);
    contract_fault *why = mem_alloc(((size_t)m->nrules + 1) * sizeof *why);
    for (int i = 0; i < m->nrules; i++) winner[i] = WINNER_UNDECIDED;
    int failed = 0;
    for (int c = 0; c < m->ncontracts; c++) {
        const contract_info *ci = &m->contracts[c];
        contract_row *row = &out->c[c];
        int t = ci->tender, who = WINNER_NONE;
        if (t >= 0) {
            if (winner[t] == WINNER_UNDECIDED) {
                why[t].rule = why[t].contract = why[t].step = -1;
                winner[t] = contract_winner(m, w, t, stop, &why[t]);
            }
            if (winner[t] == WINNER_STOPPED) { /* nothing is decided */
                failed = -1;
                break;
            }
            who = winner[t];
        }
        contract_begin(m, c, who, t >= 0 ? &why[t] : NULL, row);
        contract_conditions(m, w, out, c, row);
        if (!contract_failed(row)) contract_statuses(m, w, out, h, k, c, row);
        failed += contract_failed(row);
    }
    free(winner);
    free(why);
    if (failed < 0) contracts_free(out);
    return failed;
}

void contracts_free(contracts *cs)
{
    free(cs->c);
    free(cs->cells);
    free(cs->since);
    memset(cs, 0, sizeof *cs);
}

int contracts_differ(const model *m, const contracts *a, const contracts *b, int c)
{
    const contract_row *x = &a->c[c], *y = &b->c[c];
    if (contract_failed(x) || contract_failed(y)) return contract_failed(x) != contract_failed(y);
    if (x->supplier != y->supplier || x->monitored != y->monitored || x->renewed != y->renewed) return 1;
    int n = m->contracts[c].nobl;
    if (memcmp(x->status, y->status, (size_t)n) != 0 || memcmp(x->holds, y->holds, (size_t)n) != 0) return 1;
    return memcmp(x->since, y->since, (size_t)n * sizeof *x->since) != 0; /* a dated one's: since when */
}

const contract_row *contracts_fault_of(const model *m, const contracts *cs, int rule)
{
    const rule_deps *dp = &m->rules[rule].deps;
    for (int c = 0; dp->reads_contracts && c < cs->n; c++)
        if (dp->contracts[c] && contract_failed(&cs->c[c])) return &cs->c[c];
    return NULL;
}
