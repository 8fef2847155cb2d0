/* report_events.c - which event made it form, as people and programs read
 * it: `dominance R(a, b) at D by events` (evshap.h), in text and JSON.
 * The fields are documented in docs/language.md ("JSON") and the meaning
 * in docs/analysis.md. */
#include "evshap.h"
#include "fmt.h"
#include "report.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const evshap_result *cmp_x; /* qsort's context */

/* v signed, to 4 decimals; never "-0.0000" */
static const char *signed4(char *buf, size_t n, double v)
{
    snprintf(buf, n, "%+.4f", fabs(v) < 5e-5 ? 0.0 : v);
    return buf;
}

/* By |phi of the verdict|, then |phi of the score|, descending; then by
 * name (the players' order). */
static int by_value(const void *pa, const void *pb)
{
    int a = *(const int *)pa, b = *(const int *)pb;
    for (int of = OF_VERDICT; of >= OF_SCORE; of--) {
        double x = fabs(cmp_x->phi[of][a]), y = fabs(cmp_x->phi[of][b]);
        if (query_more(x, y)) return -1;
        if (query_more(y, x)) return 1;
    }
    return a - b;
}

static void rank(const evshap_result *x, int *order)
{
    for (int i = 0; i < x->n; i++) order[i] = i;
    cmp_x = x;
    qsort(order, (size_t)x->n, sizeof *order, by_value);
}

/* Dated or recurring (else triggered)? */
static int is_dated(const event_info *ev) { return ev->kind == EVENT_AT || ev->kind == EVENT_EVERY; }

/* Which list a non-player is in: 0 triggered, 1 acting only after the
 * step, 2 switched off (a what-if's `no EVENT`: it acts at no step). */
static int non_player(const event_info *ev) { return !is_dated(ev) ? 0 : ev->nsteps > 0 ? 1 : 2; }

/* what "it" does: "forms" / "does not form", "is eligible" / "is not eligible" */
static const char *it_does(const rule_info *ru, double v)
{
    if (ru->tender) return v != 0 ? "is eligible" : "is not eligible";
    return report_verdict(ru, v != 0);
}

static void json_events(rep *r, int rule, const int *tuple, const evshap_result *x, const int *order)
{
    const model *m = r->m;
    const rule_info *ru = &m->rules[rule];
    json *j = &r->j;
    json_init(j, r->out);
    json_typed(j, "event_dominance");
    json_kstr(j, "rule", ru->name);
    if (r->at) json_kstr(j, "at", r->at);
    json_key(j, "tuple");
    json_arr(j);
    for (int i = 0; i < (ru->tender ? 1 : ru->np); i++) json_str(j, m->actors[tuple[i]].name);
    json_end_arr(j);
    json_kbool(j, "forms", x->all[OF_VERDICT] != 0);
    json_key(j, "score");
    if (x->has_score) json_num(j, x->all[OF_SCORE]);
    else json_null(j);
    json_kbool(j, "forms_without_events", x->none[OF_VERDICT] != 0);
    json_key(j, "score_without_events");
    if (x->has_score) json_num(j, x->none[OF_SCORE]);
    else json_null(j);
    json_kstr(j, "method", x->exact ? "exact" : "sampled");
    json_knum(j, "runs", (double)x->runs);
    json_key(j, "events");
    json_arr(j);
    for (int k = 0; k < x->n; k++) {
        int i = order[k];
        const event_info *ev = &m->events[x->player[i]];
        json_obj(j);
        json_knum(j, "rank", k + 1);
        json_kstr(j, "name", ev->name);
        json_kstr(j, "label", ev->label);
        json_knum(j, "shapley_verdict", x->phi[OF_VERDICT][i]);
        json_knum(j, "stderr_verdict", x->se[OF_VERDICT][i]);
        json_key(j, "shapley_score");
        if (x->has_score) json_num(j, x->phi[OF_SCORE][i]);
        else json_null(j);
        json_key(j, "stderr_score");
        if (x->has_score) json_num(j, x->se[OF_SCORE][i]);
        else json_null(j);
        json_kbool(j, "but_for", x->but_for[i]);
        json_end_obj(j);
    }
    json_end_arr(j);
    for (int late = 0; late < 3; late++) {
        json_key(j, late == 2 ? "off" : late ? "after" : "triggered");
        json_arr(j);
        for (int e = 0; e < m->nevents; e++)
            if (evshap_player(x, e) < 0 && non_player(&m->events[e]) == late) json_str(j, m->events[e].name);
        json_end_arr(j);
    }
    json_kstr(j, "decisive", x->decisive < 0 ? NULL : m->events[x->player[x->decisive]].name);
    json_end_obj(j);
}

/* The events that are no players, a line per list (non_player()). */
static void non_players(FILE *out, const model *m, const evshap_result *x)
{
    for (int late = 0; late < 3; late++) { /* the triggers; the events acting only after the step; off */
        int any = 0;
        for (int e = 0; e < m->nevents; e++)
            if (evshap_player(x, e) < 0 && non_player(&m->events[e]) == late)
                fprintf(out, "%s%s", any++ ? ", " : late == 2 ? "  switched off, acting at no step: "
                                                   : late ? "  acting only after it, no part in it: "
                                                         : "  triggered, run again in every coalition: ",
                        m->events[e].name);
        if (any) fputc('\n', out);
    }
}

void report_event_dominance(rep *r, int rule, const int *tuple, const evshap_result *x)
{
    int order[COOP_MAX_EVENT_PLAYERS];
    rank(x, order);
    if (r->as_json) {
        json_events(r, rule, tuple, x, order);
        return;
    }
    const model *m = r->m;
    const rule_info *ru = &m->rules[rule];
    FILE *out = r->out;
    char a[32], b[32];
    fputs("dominance ", out);
    report_tuple(out, m, rule, tuple);
    report_at(r, out);
    fprintf(out, " by events: %s", report_verdict(ru, x->all[OF_VERDICT] != 0));
    if (x->has_score) {
        fmt_fixed(a, sizeof a, x->all[OF_SCORE]);
        fprintf(out, ", score %s", a);
    }
    fputc('\n', out);
    fprintf(out, "  shapley values of the events, of the verdict (1 %s, 0 not)%s; with no event it %s",
            report_verdict(ru, 1), x->has_score ? " and of the score" : "", it_does(ru, x->none[OF_VERDICT]));
    if (x->has_score) {
        fmt_fixed(b, sizeof b, x->none[OF_SCORE]);
        fprintf(out, ", score %s", b);
    }
    fputc('\n', out);
    if (x->exact)
        fprintf(out, "  exact, over all %ld coalition%s of %d event%s (each a run of the timeline)\n", x->runs,
                x->runs == 1 ? "" : "s", x->n, x->n == 1 ? "" : "s");
    else
        fprintf(out, "  sampled: %d orders of %d events (%ld runs of the timeline), seeded; +- is a standard error\n",
                COOP_EVENT_SHAPLEY_PERMUTATIONS, x->n, x->runs);
    if (!x->n) {
        fputs("  no dated or recurring event acts by then: nothing to divide\n", out);
        non_players(out, m, x);
        return;
    }
    int nw = 5;
    for (int i = 0; i < x->n; i++) {
        int l = (int)strlen(m->events[x->player[i]].name);
        if (l > nw) nw = l;
    }
    fputs("  rank  ", out);
    report_pad(out, "event", nw);
    fputs(x->exact ? "   verdict" : "   verdict        +-", out);
    if (x->has_score) fputs(x->exact ? "     score" : "     score        +-", out);
    fputs("  but-for\n", out);
    for (int k = 0; k < x->n; k++) {
        int i = order[k];
        const event_info *ev = &m->events[x->player[i]];
        fprintf(out, "  %4d  ", k + 1);
        report_pad(out, ev->name, nw);
        for (int of = OF_VERDICT; of >= OF_SCORE; of--) {
            if (of == OF_SCORE && !x->has_score) break;
            report_lpad(out, signed4(a, sizeof a, x->phi[of][i]), 10);
            if (!x->exact) {
                snprintf(b, sizeof b, "%.4f", x->se[of][i]);
                report_lpad(out, b, 10);
            }
        }
        if (ev->label) fprintf(out, "  %-7s  %s", x->but_for[i] ? "yes" : "no", ev->label);
        else fprintf(out, "  %s", x->but_for[i] ? "yes" : "no");
        fputc('\n', out);
    }
    non_players(out, m, x);
    double sv = 0;
    for (int i = 0; i < x->n; i++) sv += x->phi[OF_VERDICT][i];
    signed4(a, sizeof a, sv);
    fprintf(out, "  the verdict's values add up to %s = %s with every event - %s with none\n", a,
            x->all[OF_VERDICT] != 0 ? "1" : "0", x->none[OF_VERDICT] != 0 ? "1" : "0");
    if (x->decisive < 0)
        fputs("  decisive: none (every event's value of the verdict is 0)\n", out);
    else {
        int tied = 0, d = x->decisive;
        fprintf(out, "  decisive: %s", m->events[x->player[d]].name);
        for (int i = 0; i < x->n; i++)
            if (i != d && !query_more(fabs(x->phi[OF_VERDICT][d]), fabs(x->phi[OF_VERDICT][i])))
                fprintf(out, "%s%s", tied++ ? ", " : " (equal with ", m->events[x->player[i]].name);
        fputs(tied ? "; decisive() names the first by name)\n" : "\n", out);
    }
    int nb = 0;
    for (int k = 0; k < x->n; k++)
        if (x->but_for[order[k]]) fprintf(out, "%s%s", nb++ ? ", " : "  but-for causes: ", m->events[x->player[order[k]]].name);
    if (nb)
        fprintf(out, " (without %s, it %s)\n", nb == 1 ? "it" : "any one of them", it_does(ru, x->all[OF_VERDICT] == 0));
    else
        fputs("  but-for causes: none (no event removed alone flips the verdict)\n", out);
}
