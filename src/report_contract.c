/* report_contract.c - contracts as text: `show C`, the parties, term,
 * monitoring, each obligation's status and renewal; `explain C`, each
 * condition with its values. */
#include <string.h>

#include "fmt.h"
#include "obligation.h"
#include "report.h"
#include "tender.h"
#include "timeline.h"

static const char *actor_name(const model *m, int a) { return m->actors[a].name; }

/* "a 3-year contract from tender T (awarded)", "a 0.5-year contract" */
static void origin(rep *r, const contract_result *x)
{
    const model *m = r->m;
    const contract_info *ci = &m->contracts[x->contract];
    char t[32];
    fmt_short(t, sizeof t, ci->term);
    fprintf(r->out, "a %s-year contract", t);
    if (ci->tender >= 0)
        fprintf(r->out, " from tender %s (%s)", m->rules[ci->tender].name,
                tender_status_name((tender_status)x->tender_status));
    fputc('\n', r->out);
}

/* The parties: "buyer g, supplier s: active", "buyer g, no supplier: void". */
static void parties(rep *r, const contract_result *x, const char *sep)
{
    const model *m = r->m;
    const contract_info *ci = &m->contracts[x->contract];
    fprintf(r->out, "buyer %s", actor_name(m, ci->buyer));
    if (x->row.supplier >= 0) fprintf(r->out, ", supplier %s%sactive", actor_name(m, x->row.supplier), sep);
    else fprintf(r->out, ", no supplier%svoid", sep);
}

static const char *yes(int b) { return b ? "yes" : "no"; }

/* The obligations' table: name, side, then (trace) the condition, its
 * values and whether it holds, then the status and the label. */
static void obligations(rep *r, const contract_result *x, int trace)
{
    const model *m = r->m;
    const contract_info *ci = &m->contracts[x->contract];
    FILE *out = r->out;
    int active = x->row.supplier >= 0;
    trace &= active; /* a void contract's conditions are not read */
    int nw = 10, cw = 9, dw = 6;
    char detail[128];
    for (int o = 0; o < ci->nobl; o++) {
        nw = report_widen(nw, ci->obl[o].name, 0);
        if (!trace) continue;
        cw = report_widen(cw, x->obl[o].text, 0);
        dw = report_widen(dw, report_clause_detail(&x->obl[o], detail), 0);
    }
    if (!ci->nobl) {
        fputs("  no obligations\n", out);
        return;
    }
    fputs("  ", out);
    report_pad(out, "obligation", nw);
    fputs("  side      ", out);
    if (trace) {
        report_pad(out, "condition", cw);
        fputs("  ", out);
        report_pad(out, "values", dw);
        fputs("  holds  ", out);
    }
    fputs("status\n", out);
    for (int o = 0; o < ci->nobl; o++) {
        const obligation *ob = &ci->obl[o];
        fputs("  ", out);
        report_pad(out, ob->name, nw);
        fputs("  ", out);
        report_pad(out, contract_side_name(ob->side), 8);
        fputs("  ", out);
        if (trace) {
            report_pad(out, x->obl[o].text, cw);
            fputs("  ", out);
            report_pad(out, report_clause_detail(&x->obl[o], detail), dw);
            fputs(x->obl[o].holds ? "  yes    " : "  no     ", out);
        }
        const char *st = obligation_status_name(x->row.status[o]);
        if (ob->label) {
            report_pad(out, st, 10);
            fprintf(out, "  (%s)\n", ob->label);
        } else
            fprintf(out, "%s\n", st);
    }
}

/* The checks of obligation o that failed by the step read (trace), on a
 * line of their own: "failed at 2022-09, 2023-03". */
static void failed_checks(rep *r, const contract_result *x, int o)
{
    const obligation *ob = &r->m->contracts[x->contract].obl[o];
    const unsigned char *ck = x->oh->rec[x->contract][o].check;
    char a[32];
    int n = 0;
    for (int i = 0; i < ob->nsteps && ob->steps[i] <= x->step; i++)
        if (ck[i] == CHECK_FAILED)
            fprintf(r->out, "%s%s", n++ ? ", " : "\n      failed at ", tl_step_text(r->m, ob->steps[i], a, sizeof a));
}

/* Each dated obligation's record as of the step read, a line each under
 * "over time (to 2023-12):": "reporting every quarter: violated at
 * 2022-09, undetected; held at 5 of 6 checks, 6 to come" (trace: and the
 * checks that failed). */
static void records(rep *r, const contract_result *x, int trace)
{
    const model *m = r->m;
    const contract_info *ci = &m->contracts[x->contract];
    FILE *out = r->out;
    char day[32];
    if (x->due) fprintf(out, "  over time (to %s):\n", tl_step_text(m, x->step, day, sizeof day));
    for (int o = 0; x->due && o < ci->nobl; o++) {
        const obligation *ob = &ci->obl[o];
        const obl_state *s = &x->due[o];
        char due[96], a[32], b[32];
        if (ob->due == DUE_NONE) continue;
        int every = ob->due == DUE_EVERY, ahead = s->total - s->past;
        fprintf(out, "    %s %s: ", ob->name, obligation_due_text(ob, due, sizeof due));
        if (s->status == OS_MET && every)
            fprintf(out, "met at every check (%d of %d)", s->held, s->checks);
        else if (s->status == OS_MET)
            fprintf(out, "met at %s", tl_step_text(m, s->since, a, sizeof a));
        else if (s->status == OS_PENDING && every && s->next >= 0)
            fprintf(out, "pending: %d check%s to come, the next at %s", ahead, ahead == 1 ? "" : "s",
                    tl_step_text(m, s->next, a, sizeof a));
        else if (s->status == OS_PENDING)
            fputs("pending: not met yet", out); /* (every period: a check ahead, always) */
        else if (s->status == OS_VOID)
            fprintf(out, "void: the contract bound nobody at %s", every ? "any of its checks"
                                                                        : tl_step_text(m, ob->steps[0], a, sizeof a));
        else {
            fprintf(out, "violated at %s", tl_step_text(m, s->since, a, sizeof a));
            if (s->seen < 0) fputs(", undetected", out);
            else if (s->seen > s->since) fprintf(out, ", seen at %s", tl_step_text(m, s->seen, b, sizeof b));
            if (every) fprintf(out, "; held at %d of %d checks", s->held, s->checks);
            if (every && trace) failed_checks(r, x, o);
        }
        if (every && ahead && s->status != OS_PENDING) fprintf(out, ", %d to come", ahead);
        fputc('\n', out);
    }
}

/* `monitor when` or `renew when` traced: "monitor when C: 0.3 >= 0.5, no". */
static void condition(rep *r, const char *what, const explain_clause *c)
{
    char detail[128];
    fprintf(r->out, "  %s when %s: ", what, c->text);
    if (*report_clause_detail(c, detail)) fprintf(r->out, "%s, ", detail);
    fputs(c->holds ? "holds" : "fails", r->out);
}

void report_contract(rep *r, const contract_result *x, int trace)
{
    if (r->as_json) { json_contract(r, x, trace); return; }
    const model *m = r->m;
    const contract_info *ci = &m->contracts[x->contract];
    FILE *out = r->out;
    int active = x->row.supplier >= 0;
    fprintf(out, "%s %s", trace ? "explain" : "show", ci->name);
    report_at(r, out);
    if (ci->label) fprintf(out, " (%s)", ci->label);
    fputs(": ", out);
    origin(r, x);
    fputs("  ", out);
    parties(r, x, ": ");
    if (!active) fprintf(out, " (tender %s has no winner)", m->rules[ci->tender].name);
    fputc('\n', out);
    if (active && trace && ci->monitor) {
        condition(r, "monitor", &x->monitor);
        fputs(x->row.monitored ? ", so the buyer sees what the supplier does\n"
                               : ", so the supplier's violations go undetected\n", out);
    } else if (active)
        fprintf(out, "  monitoring: %s%s\n", yes(x->row.monitored),
                !ci->monitor ? " (no 'monitor when': the buyer sees what the supplier does)"
                : x->row.monitored ? "" : " (the supplier's violations go undetected)");
    obligations(r, x, trace);
    records(r, x, trace);
    if (active && trace && ci->renew) {
        condition(r, "renew", &x->renew);
        fprintf(out, ", so the contract is %s\n", x->row.renewed ? "renewed" : "not renewed");
    } else
        fprintf(out, "  renewed: %s%s\n", yes(x->row.renewed),
                !active ? " (void)" : !ci->renew ? " (no 'renew when')" : "");
}

/* ---- what if ---- */

/* "yes -> no" into buf when a and b differ, else NULL. */
static const char *moved(char *buf, size_t n, const char *a, const char *b)
{
    if (strcmp(a, b) == 0) return NULL;
    snprintf(buf, n, "%s -> %s", a, b);
    return buf;
}

void report_contract_whatif(rep *r, const contracts_diff *d, int c, int kept)
{
    if (r->as_json) { json_contract_whatif(r, d, c); return; }
    const model *m = r->m;
    const contract_info *ci = &m->contracts[c];
    FILE *out = r->out;
    if (!contracts_differ(m, &d->c[0], &d->c[1], c)) return;
    const contract_row *a = &d->c[0].c[c], *b = &d->c[1].c[c];
    if (contract_failed(a) || contract_failed(b)) {
        const contract_row *f = contract_failed(a) ? a : b;
        fprintf(out, "contract %s: not decided %s: %s; explain %s there to see where\n", ci->name,
                contract_failed(a) ? kept ? "before" : "now" : kept ? "after" : "what if",
                f->fault.agg ? "an aggregate over nothing" : "a division by zero", ci->name);
        return;
    }
    int n = 0;
    for (int o = 0; o < ci->nobl; o++) n += a->status[o] != b->status[o];
    fprintf(out, "contract %s: %d of %d obligation%s change%s", ci->name, n, ci->nobl, ci->nobl == 1 ? "" : "s",
            n == 1 ? "s" : "");
    char buf[160];
    const char *sa = a->supplier >= 0 ? m->actors[a->supplier].name : "none";
    const char *sb = b->supplier >= 0 ? m->actors[b->supplier].name : "none";
    const char *x;
    if ((x = moved(buf, sizeof buf, sa, sb))) fprintf(out, "; supplier %s", x);
    if (a->supplier >= 0 && b->supplier >= 0 && (x = moved(buf, sizeof buf, yes(a->monitored), yes(b->monitored))))
        fprintf(out, "; monitored %s", x);
    if ((x = moved(buf, sizeof buf, yes(a->renewed), yes(b->renewed)))) fprintf(out, "; renewed %s", x);
    fputc('\n', out);
    if (!n) return;
    int nw = 10;
    for (int o = 0; o < ci->nobl; o++) nw = report_widen(nw, ci->obl[o].name, 0);
    fputs("  ", out);
    report_pad(out, "obligation", nw);
    fputs("  ", out);
    report_pad(out, kept ? "before" : "now", 12);
    fprintf(out, "%s\n", kept ? "after" : "what if");
    for (int o = 0; o < ci->nobl; o++) {
        if (a->status[o] == b->status[o]) continue;
        fputs("  ", out);
        report_pad(out, ci->obl[o].name, nw);
        fputs("  ", out);
        report_pad(out, obligation_status_name(a->status[o]), 12);
        fprintf(out, "%s\n", obligation_status_name(b->status[o]));
    }
}
