/* report_tender.c - tenders as text: the ranking of `show T`, a bid's
 * trace and its place in the award. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "report.h"
#include "utf8.h"

static const char *method_name(tender_method m)
{
    return m == TENDER_OPEN ? "open" : m == TENDER_SELECTIVE ? "selective" : "single source";
}

/* "best score", "lowest bid.price", "to NAME". */
static void award_text(const model *m, const tender_info *ti, char *buf, size_t n)
{
    if (ti->award == AWARD_TO) snprintf(buf, n, "to %s", m->actors[ti->award_to].name);
    else if (ti->award == AWARD_BEST) snprintf(buf, n, "best score");
    else snprintf(buf, n, "%s %s", ti->key.lowest ? "lowest" : "highest", ti->key.text);
}

/* The requirements bid b failed, by name, comma separated. */
static void failed_text(const tender_info *ti, const bid_row *b, char *buf, size_t n)
{
    size_t len = 0;
    buf[0] = 0;
    for (int q = 0; q < ti->nreq && len < n; q++)
        if (b->failed >> q & 1) len += (size_t)snprintf(buf + len, n - len, "%s%s", len ? ", " : "", ti->req[q].name);
}

/* "awarded to x", "unsuccessful: 2 eligible bids, fewer than 3", ... */
static void status_text(const model *m, const tender_result *t, char *buf, size_t n)
{
    const tender_info *ti = m->rules[t->rule].tender;
    switch (t->status) {
    case TS_AWARDED: {
        size_t len = (size_t)snprintf(buf, n, "awarded to %s", m->actors[t->bids[t->winner].actor].name);
        /* a first place equal on the award's key to the second: the tie key that parted them */
        const double *k = t->keys;
        size_t nb = (size_t)t->nbids;
        int w = t->winner, s2 = t->nranked > 1 ? t->ranked[1] : -1;
        if (s2 < 0 || t->nkeys < 2 || !tender_close(k[w], k[s2])) break;
        for (int lv = 1; lv < t->nkeys && len < n; lv++)
            if (!tender_close(k[lv * nb + (size_t)w], k[lv * nb + (size_t)s2])) {
                snprintf(buf + len, n - len, ", tied with %s and parted by 'tie %s %s'", m->actors[t->bids[s2].actor].name,
                         ti->tie[lv - 1].lowest ? "lowest" : "highest", ti->tie[lv - 1].text);
                break;
            }
        break;
    }
    case TS_NO_BIDS: snprintf(buf, n, "no bids"); break;
    case TS_TIED: {
        size_t len = (size_t)snprintf(buf, n, "tied: no winner; ");
        int k = 0;
        for (int i = 0; i < t->nranked && len < n; i++)
            if (t->bids[t->ranked[i]].rank == 1)
                len += (size_t)snprintf(buf + len, n - len, "%s%s", !k++ ? "" : k == t->ntied ? " and " : ", ",
                                        m->actors[t->bids[t->ranked[i]].actor].name);
        if (len < n) snprintf(buf + len, n - len, " tie on every key");
        break;
    }
    case TS_UNSUCCESSFUL:
        if (ti->award == AWARD_TO && t->nranked == 0)
            snprintf(buf, n, "unsuccessful: the single-source bid of %s is not eligible", m->actors[ti->award_to].name);
        else
            snprintf(buf, n, "unsuccessful: %d eligible bid%s, fewer than the %d required", t->neligible,
                     t->neligible == 1 ? "" : "s", ti->min_bids);
        break;
    }
}

void report_tender_show(rep *r, const tender_result *t)
{
    const model *m = r->m;
    const rule_info *ru = &m->rules[t->rule];
    const tender_info *ti = ru->tender;
    FILE *out = r->out;
    if (r->as_json) { json_tender_show(r, t); return; }
    char aw[256], buf[1024], sc[32], rk[16];
    award_text(m, ti, aw, sizeof aw);
    fprintf(out, "show %s", ru->name);
    if (ti->label) fprintf(out, " (%s)", ti->label);
    fprintf(out, ": %s tender by %s, award %s", method_name(ti->method), m->actors[ti->buyer].name, aw);
    if (ti->min_bids > 1) fprintf(out, ", at least %d eligible bids", ti->min_bids);
    fputc('\n', out);
    /* ranked bids first, best first; then the others in the bidders' order */
    int *order = mem_alloc(((size_t)t->nbids + 1) * sizeof *order), n = t->nbids;
    tender_order(t, order);
    int bw = 6, sw = 7;
    for (int i = 0; i < n; i++) {
        bw = report_widen(bw, m->actors[t->bids[order[i]].actor].name, 0);
        fmt_fixed(sc, sizeof sc, t->bids[order[i]].score);
        sw = report_widen(sw, sc, 2);
    }
    fputs("  rank  ", out);
    report_pad(out, "bidder", bw);
    fputs("  eligible", out);
    if (ru->score) report_lpad(out, "score", sw);
    fputs("  failed\n", out);
    for (int i = 0; i < n; i++) {
        const bid_row *b = &t->bids[order[i]];
        snprintf(rk, sizeof rk, "%d", b->rank);
        fputs("  ", out);
        report_lpad(out, b->rank ? rk : "-", 4);
        fputs("  ", out);
        report_pad(out, m->actors[b->actor].name, bw);
        failed_text(ti, b, buf, sizeof buf);
        fputs(b->eligible ? "  yes" : "  no ", out);
        if (ru->score || *buf) fputs("     ", out); /* to the width of "eligible" */
        fmt_fixed(sc, sizeof sc, b->score);
        if (!isfinite(b->score)) snprintf(sc, sizeof sc, "-"); /* no eligible bid to score against */
        if (ru->score) report_lpad(out, sc, sw);
        fprintf(out, "%s%s\n", *buf ? "  " : "", buf);
    }
    free(order);
    status_text(m, t, buf, sizeof buf);
    fprintf(out, "  %s (%d eligible of %d bid%s)\n", buf, t->neligible, t->nbids, t->nbids == 1 ? "" : "s");
}

void report_tender_bid(rep *r, const explain_result *x)
{
    const model *m = r->m;
    const rule_info *ru = &m->rules[x->rule];
    const tender_info *ti = ru->tender;
    FILE *out = r->out;
    const actor_info *a = &m->actors[x->tuple[0]];
    fprintf(out, "explain %s(%s): %s\n", ru->name, a->name, x->verdict ? "eligible" : "not eligible");
    fprintf(out, "  %s = %s%s%s%s, buyer = %s\n", ru->pnames[0], a->name, a->label ? " (" : "", a->label ? a->label : "",
            a->label ? ")" : "", m->actors[ti->buyer].name);
    if (ti->nreq) {
        fputs("  requirements (all must hold)\n", out);
        int nw = 0, cw = 0, dw = 16;
        char detail[128];
        for (int i = 0; i < x->nclauses; i++) {
            nw = report_widen(nw, ti->req[i].name, 0);
            cw = report_widen(cw, x->clauses[i].text, 0);
            dw = report_widen(dw, report_clause_detail(&x->clauses[i], detail), 2);
        }
        for (int i = 0; i < x->nclauses; i++) {
            const explain_clause *c = &x->clauses[i];
            fputs("    ", out);
            report_pad(out, ti->req[i].name, nw);
            fputs("  ", out);
            report_pad(out, c->text, cw);
            fputs("   ", out);
            report_pad(out, report_clause_detail(c, detail), dw);
            fputs(c->holds ? "holds" : "fails", out);
            if (ti->req[i].label) fprintf(out, "  (%s)", ti->req[i].label);
            fputc('\n', out);
        }
    }
    if (ru->nf) report_explain_factors(r, ru, x);
    if (ru->score) report_explain_score(r, x);
}

/* Where bids i and j, equal on the award's key, part: "; tie lowest
 * bid.price: 0.2 against 0.4" (in buf), or "". */
static const char *tie_part(const tender_info *ti, const tender_result *t, int i, int j, char *buf, size_t n)
{
    buf[0] = 0;
    for (int lv = 0; lv < t->nkeys; lv++) {
        const double *k = t->keys + (size_t)lv * (size_t)t->nbids;
        if (tender_close(k[i], k[j])) continue;
        if (lv > 0) {
            char a[32], b[32];
            fmt_short(a, sizeof a, k[i]);
            fmt_short(b, sizeof b, k[j]);
            snprintf(buf, n, "; tie %s %s: %s against %s", ti->tie[lv - 1].lowest ? "lowest" : "highest",
                     ti->tie[lv - 1].text, a, b);
        }
        break;
    }
    return buf;
}

void report_tender_award(rep *r, const tender_result *t, int bid)
{
    const model *m = r->m;
    const tender_info *ti = m->rules[t->rule].tender;
    FILE *out = r->out;
    if (r->as_json) { json_tender_award(r, t, bid); return; }
    const bid_row *b = &t->bids[bid];
    char aw[256], buf[1024], k0[32], k1[32], tie[160];
    award_text(m, ti, aw, sizeof aw);
    const char *who = m->actors[b->actor].name;
    fprintf(out, "  award %s: ", aw);
    if (!b->eligible) {
        failed_text(ti, b, buf, sizeof buf);
        fprintf(out, "%s is not ranked: it fails %s\n", who, buf);
    } else if (ti->award == AWARD_TO)
        fprintf(out, "%s\n", b->rank ? "the single-source supplier" : "not the single-source supplier");
    else {
        const double *key = t->keys; /* level 0: the award's key */
        fmt_short(k0, sizeof k0, key[bid]);
        if (b->rank == 1 && !t->ntied) { /* the winner, or would be but for min_bids */
            fprintf(out, "%s ranks first (%s)", who, k0);
            if (t->nranked > 1) {
                int second = t->ranked[1];
                fmt_short(k1, sizeof k1, key[second]);
                fprintf(out, ", ahead of %s (%s)%s", m->actors[t->bids[second].actor].name, k1,
                        tie_part(ti, t, bid, second, tie, sizeof tie));
            }
            fputc('\n', out);
        } else {
            fprintf(out, "%s ranks %d of %d (%s)", who, b->rank, t->nranked, k0);
            if (b->rank == 1)
                fputs(", tied first", out);
            else {
                int first = t->ranked[0];
                fmt_short(k1, sizeof k1, key[first]);
                fprintf(out, ", behind %s (%s)%s", m->actors[t->bids[first].actor].name, k1,
                        tie_part(ti, t, bid, first, tie, sizeof tie));
            }
            fputc('\n', out);
        }
    }
    status_text(m, t, buf, sizeof buf);
    fprintf(out, "  tender: %s\n", buf);
}

/* ---- what if ---- */

/* The winner of t, by name, or "none". */
static const char *winner_name(const model *m, const tender_result *t)
{
    return t->winner < 0 ? "none" : m->actors[t->bids[t->winner].actor].name;
}

/* A what-if row's scores, as show writes them: "-" for no value (no
 * eligible bid to score against). */
static void bid_scores(const diff_row *x, char a[32], char b[32])
{
    report_whatif_scores(x, a, b);
    if (!isfinite(x->s0)) snprintf(a, 32, "-");
    if (!isfinite(x->s1)) snprintf(b, 32, "-");
}

/* Does row x change its bid's standing (rank or eligibility), not only
 * its score? */
static int standing_moves(const diff_row *x) { return x->r0 != x->r1 || x->v0 != x->v1; }

void report_tender_whatif(rep *r, int rule, const diff_rule *d, int kept)
{
    if (r->as_json) { json_tender_whatif(r, rule, d); return; }
    const model *m = r->m;
    const rule_info *ru = &m->rules[rule];
    FILE *out = r->out;
    const char *was = kept ? "before" : "now", *is = kept ? "after" : "what if";
    if (!d->decided[0] || !d->decided[1]) { /* the side that failed */
        fprintf(out,
                "%s: error: a runtime error (a division by zero, an aggregate over nothing) decides no award %s; "
                "explain %s%s to see where\n",
                ru->name, d->decided[0] ? (kept ? "after" : "under the changes") : was, ru->name,
                d->decided[0] ? " there" : "");
        return;
    }
    const tender_result *t0 = &d->award[0], *t1 = &d->award[1];
    const char *w0 = winner_name(m, t0), *w1 = winner_name(m, t1);
    long moves = 0, n = (long)d->n;
    for (size_t i = 0; i < d->n; i++) moves += standing_moves(&d->rows[i]);
    if (strcmp(w0, w1) != 0) fprintf(out, "%s: winner %s -> %s", ru->name, w0, w1);
    else fprintf(out, "%s: winner %s (same)", ru->name, w0);
    if (t0->status != t1->status)
        fprintf(out, ", status %s -> %s", tender_status_name(t0->status), tender_status_name(t1->status));
    fprintf(out, "; %ld of %d bid%s change%s rank", moves, t1->nbids, t1->nbids == 1 ? "" : "s",
            moves == 1 ? "s" : "");
    if (n > moves) fprintf(out, "; %ld more score%s move%s", n - moves, n - moves == 1 ? "" : "s", n - moves == 1 ? "s" : "");
    fputc('\n', out);
    if (!n) return;
    /* the columns: bidder, rank, eligible, score, each in both worlds */
    char h[6][32], cell[6][32];
    snprintf(h[0], 32, "rank %s", was);
    snprintf(h[1], 32, "%s", is);
    snprintf(h[2], 32, "eligible %s", was);
    snprintf(h[3], 32, "%s", is);
    snprintf(h[4], 32, "score %s", was);
    snprintf(h[5], 32, "%s", is);
    int cols = ru->score ? 6 : 4, w[6], bw = 6;
    for (int c = 0; c < cols; c++) w[c] = (int)strlen(h[c]);
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < d->n; i++) {
            const diff_row *x = &d->rows[i];
            if (pass == 0) bw = report_widen(bw, m->actors[x->tuple[0]].name, 0);
            if (pass == 1 && ru->score) {
                bid_scores(x, cell[4], cell[5]);
                w[4] = report_widen(w[4], cell[4], 0);
                w[5] = report_widen(w[5], cell[5], 0);
            }
        }
    fputs("  ", out);
    report_pad(out, "bidder", bw);
    for (int c = 0; c < cols; c++) {
        fputs("  ", out);
        if (c == 2 || c == 3) report_pad(out, h[c], w[c]);
        else report_lpad(out, h[c], w[c]);
    }
    fputc('\n', out);
    for (int pass = 0; pass < 2; pass++) /* the bids whose standing changes, then the scores that move */
        for (size_t i = 0; i < d->n; i++) {
            const diff_row *x = &d->rows[i];
            if (standing_moves(x) != (pass == 0)) continue;
            snprintf(cell[0], 32, x->r0 ? "%d" : "-", x->r0);
            snprintf(cell[1], 32, x->r1 ? "%d" : "-", x->r1);
            snprintf(cell[2], 32, "%s", x->v0 ? "yes" : "no");
            snprintf(cell[3], 32, "%s", x->v1 ? "yes" : "no");
            if (ru->score) bid_scores(x, cell[4], cell[5]);
            fputs("  ", out);
            report_pad(out, m->actors[x->tuple[0]].name, bw);
            for (int c = 0; c < cols; c++) {
                fputs("  ", out);
                if (c == 2 || c == 3) report_pad(out, cell[c], c == cols - 1 ? 0 : w[c]);
                else report_lpad(out, cell[c], w[c]);
            }
            fputc('\n', out);
        }
}
