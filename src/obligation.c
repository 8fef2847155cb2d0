/* obligation.c - dated obligations' records over a timeline's run, and
 * their statuses as of a step. */
#include "obligation.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "timeline.h"

/* A contract's scratch while its records are kept: what the last world
 * observed gave, and where each obligation due every period is. */
typedef struct watch {
    contract_row row;
    unsigned char *holds;
    const coop_world *w;  /* the world observed (NULL: none yet), at version (what the
                             contract reads of it stands while none of its columns moves) */
    uint64_t version;
    int *next;            /* per obligation: its next check (an index into its steps) */
} watch;

/* Does obligation o (of record x) still wait for something: its date, its
 * checks, or the buyer to see its violation? */
static int open_at(const obligation *o, const obl_record *x, int next)
{
    if (x->violated >= 0 && x->seen < 0) return 1;
    if (o->due == DUE_BY) return x->violated < 0 && x->met < 0 && x->lapsed < 0;
    return next < o->nsteps;
}

/* Does obligation o need the world of step k: its condition (before its
 * date, at a check), or the monitoring (a violation not seen yet)? */
static int needs(const obligation *o, const obl_record *x, int next, int k)
{
    if (x->violated >= 0 && x->seen < 0) return 1;
    if (o->due == DUE_BY) return x->violated < 0 && x->met < 0 && x->lapsed < 0 && k <= o->steps[0];
    return next < o->nsteps && o->steps[next] == k;
}

/* Step k's world, as observed (row; holds: o's condition), added to
 * obligation o's record. */
static void record(const obligation *o, obl_record *x, int *next, int k, const contract_row *row, int holds)
{
    int active = row->supplier >= 0;
    if (x->violated < 0 && o->due == DUE_BY && x->met < 0 && x->lapsed < 0 && k <= o->steps[0]) {
        if (active && holds) x->met = k;
        else if (k == o->steps[0] && active) x->violated = k;
        else if (k == o->steps[0]) x->lapsed = k;
    } else if (o->due == DUE_EVERY && *next < o->nsteps && o->steps[*next] == k) {
        unsigned char *ck = &x->check[(*next)++];
        *ck = !active ? CHECK_VOID : holds ? CHECK_HELD : CHECK_FAILED;
        if (*ck == CHECK_HELD && x->met < 0 && x->violated < 0) x->met = k;
        if (*ck == CHECK_FAILED && x->violated < 0) x->violated = k;
        if (*next == o->nsteps && x->met < 0 && x->violated < 0) x->lapsed = k;
    }
    if (x->violated >= 0 && x->seen < 0 && active && (o->side == SIDE_BUYER || row->monitored)) x->seen = k;
}

void obl_history_free(obl_history *h)
{
    free(h->rec);
    free(h->fault);
    free(h->recs);
    free(h->checks);
    memset(h, 0, sizeof *h);
}

/* The records, every one open: none met, none violated, no check made. */
static void history_init(obl_history *h, const model *m)
{
    size_t nrec = 0, nchecks = 0;
    for (int c = 0; c < m->ncontracts; c++)
        for (int o = 0; m->contracts[c].ndated && o < m->contracts[c].nobl; o++) {
            nrec++;
            if (m->contracts[c].obl[o].due == DUE_EVERY) nchecks += (size_t)m->contracts[c].obl[o].nsteps;
        }
    h->ncontracts = m->ncontracts;
    h->rec = mem_calloc((size_t)m->ncontracts + 1, sizeof *h->rec);
    h->fault = mem_calloc((size_t)m->ncontracts + 1, sizeof *h->fault);
    h->recs = mem_calloc(nrec + 1, sizeof *h->recs);
    h->checks = mem_calloc(nchecks + 1, 1); /* CHECK_AHEAD */
    obl_record *x = h->recs;
    unsigned char *ck = h->checks;
    for (int c = 0; c < m->ncontracts; c++) {
        const contract_info *ci = &m->contracts[c];
        h->fault[c].rule = h->fault[c].contract = h->fault[c].step = -1;
        if (!ci->ndated) continue;
        h->rec[c] = x;
        for (int o = 0; o < ci->nobl; o++, x++) {
            x->met = x->violated = x->seen = x->lapsed = -1;
            if (ci->obl[o].due != DUE_EVERY) continue;
            x->check = ck;
            ck += ci->obl[o].nsteps;
        }
    }
}

/* Contract c's watch observes w (unless it did at this version): 0, -1
 * after a runtime error (kept in h), -2 when stopped. */
static int observe(obl_history *h, const model *m, watch *wt, int c, const coop_world *w, int k,
                   const volatile sig_atomic_t *stop)
{
    const contract_info *ci = &m->contracts[c];
    if (wt->w == w && !world_changed_since(w, ci->cols, ci->ncols, wt->version)) return 0; /* (its tender's too) */
    wt->row.holds = wt->holds;
    int rc = contract_observe(m, w, c, stop, &wt->row);
    if (rc == -1) {
        h->fault[c] = wt->row.fault;
        h->fault[c].step = k;
    }
    wt->w = rc < 0 ? NULL : w;
    wt->version = w->version;
    return rc;
}

int obl_history_run(obl_history *h, const model *m, tl_run *r, const volatile sig_atomic_t *stop)
{
    memset(h, 0, sizeof *h);
    if (!r->journal && r->nsteps > 1) return -2;
    history_init(h, m);
    watch *wt = mem_calloc((size_t)m->ncontracts + 1, sizeof *wt);
    for (int c = 0; c < m->ncontracts; c++) {
        if (!m->contracts[c].ndated) continue;
        wt[c].holds = mem_calloc((size_t)m->contracts[c].nobl + 1, 1);
        wt[c].next = mem_calloc((size_t)m->contracts[c].nobl + 1, sizeof *wt[c].next);
    }
    tl_cursor cur = {0};
    int rc = 0, open = 1;
    for (int k = 0; k < r->nsteps && open && rc != -2; k++) {
        const coop_world *w = NULL;
        open = 0;
        for (int c = 0; c < m->ncontracts && rc != -2; c++) {
            const contract_info *ci = &m->contracts[c];
            if (!ci->ndated || h->fault[c].step >= 0) continue;
            int need = 0;
            for (int o = 0; o < ci->nobl; o++)
                if (ci->obl[o].due != DUE_NONE) need |= needs(&ci->obl[o], &h->rec[c][o], wt[c].next[o], k);
            if (need) {
                if (!w) w = tl_cursor_at(r, &cur, k);
                if ((rc = observe(h, m, &wt[c], c, w, k, stop)) < 0) continue;
                for (int o = 0; o < ci->nobl; o++)
                    if (ci->obl[o].due != DUE_NONE)
                        record(&ci->obl[o], &h->rec[c][o], &wt[c].next[o], k, &wt[c].row, wt[c].holds[o]);
            }
            for (int o = 0; o < ci->nobl; o++)
                if (ci->obl[o].due != DUE_NONE) open |= open_at(&ci->obl[o], &h->rec[c][o], wt[c].next[o]);
        }
    }
    tl_cursor_free(&cur);
    for (int c = 0; c < m->ncontracts; c++) {
        free(wt[c].holds);
        free(wt[c].next);
    }
    free(wt);
    if (rc == -2) obl_history_free(h);
    return rc == -2 ? -1 : 0;
}

int obl_history_fault(const obl_history *h, int c, int k, contract_fault *out)
{
    if (h->fault[c].step < 0 || h->fault[c].step > k) return 0;
    *out = h->fault[c];
    return 1;
}

/* Its status, since when and when seen, as of step k: what the record
 * says at once, without counting its checks. */
static void state_of(const obl_record *x, int k, obl_state *out)
{
    out->since = out->seen = -1;
    if (x->violated >= 0 && x->violated <= k) {
        out->since = x->violated;
        out->seen = x->seen >= 0 && x->seen <= k ? x->seen : -1;
        out->status = out->seen >= 0 ? OS_VIOLATED : OS_UNDETECTED;
    } else if (x->met >= 0 && x->met <= k) {
        out->since = x->met;
        out->status = OS_MET;
    } else
        out->status = x->lapsed >= 0 && x->lapsed <= k ? OS_VOID : OS_PENDING;
}

void obl_state_at(const obl_history *h, const model *m, int c, int o, int k, obl_state *out)
{
    const obligation *ob = &m->contracts[c].obl[o];
    const obl_record *x = &h->rec[c][o];
    memset(out, 0, sizeof *out);
    out->next = -1;
    out->total = ob->nsteps;
    state_of(x, k, out);
    for (int i = 0; i < ob->nsteps; i++) {
        if (ob->steps[i] > k) {
            if (out->next < 0 && (ob->due == DUE_EVERY || out->status == OS_PENDING)) out->next = ob->steps[i];
            continue;
        }
        out->past++;
        if (ob->due != DUE_EVERY) continue;
        out->checks += x->check[i] == CHECK_HELD || x->check[i] == CHECK_FAILED;
        out->held += x->check[i] == CHECK_HELD;
    }
}

int obl_status(const obl_history *h, int c, int o, int k, int *since)
{
    obl_state s;
    state_of(&h->rec[c][o], k, &s); /* no walk of its steps: a step's statuses cost the obligations, not their checks */
    *since = s.since;
    return s.status;
}

int obligations_dated(const model *m)
{
    for (int c = 0; c < m->ncontracts; c++)
        if (m->contracts[c].ndated) return 1;
    return 0;
}

const char *obligation_due_text(const obligation *o, char *buf, size_t size)
{
    char a[16], b[16];
    *buf = 0;
    if (o->due == DUE_NONE) return NULL;
    if (o->due == DUE_BY) {
        snprintf(buf, size, "by %s", date_text(o->by, a, sizeof a));
        return buf;
    }
    int n = o->every > 1 ? snprintf(buf, size, "every %d %ss", o->every, date_unit_name(o->unit))
                         : snprintf(buf, size, "every %s", date_unit_name(o->unit));
    if (o->has_from && n >= 0 && (size_t)n < size) n += snprintf(buf + n, size - (size_t)n, " from %s", date_text(o->from, a, sizeof a));
    if (o->has_to && n >= 0 && (size_t)n < size) snprintf(buf + n, size - (size_t)n, " to %s", date_text(o->to, b, sizeof b));
    return buf;
}
