/* report_tender.c - tenders as text: the ranking of `show T`, a bid's
 * trace, its place in the award and why it lost, the runner-up's gap by
 * factor; a tender's what-if. */
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

int report_parted_by(const tender_result *t, int i, int j)
{
    for (int lv = 0; lv < t->nkeys; lv++) {
        const double *k = t->keys + (size_t)lv * (size_t)t->nbids;
        if (!tender_close(k[i], k[j])) return lv - 1;
    }
    return -1;
}

/* "awarded to x", "unsuccessful: 2 eligible bids, fewer than 3", ... */
static void status_text(const model *m, const tender_result *t, char *buf, size_t n)
{
    const tender_info *ti = m->rules[t->rule].tender;
    switch (t->status) {
    case TS_AWARDED: {
        size_t len = (size_t)snprintf(buf, n, "awarded to %s", m->actors[t->bids[t->winner].actor].name);
        /* a first place equal on the award's key to the second: the tie key that parted them */
        int s2 = t->nranked > 1 ? t->ranked[1] : -1, lv = s2 < 0 ? -1 : report_parted_by(t, t->winner, s2);
        if (lv >= 0 && len < n)
            snprintf(buf + len, n - len, ", tied with %s and parted by 'tie %s %s'", m->actors[t->bids[s2].actor].name,
                     ti->tie[lv].lowest ? "lowest" : "highest", ti->tie[lv].text);
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

/* "without X's bid, Y would rank first" (X: "its" with who NULL). */
static void without_text(const model *m, const char *who, int first, char *buf, size_t n)
{
    char whose[160];
    if (who) snprintf(whose, sizeof whose, "%s's", who);
    else snprintf(whose, sizeof whose, "its");
    if (first < 0) snprintf(buf, n, "without %s bid, no bid would rank first alone", whose);
    else snprintf(buf, n, "without %s bid, %s would rank first", whose, m->actors[first].name);
}

/* A bid's score as show prints it: in parentheses for a bid not eligible
 * (scored, not ranked, as explain says), '-' for none. */
static const char *score_cell(const bid_row *b, char *buf, size_t n)
{
    char v[32];
    fmt_fixed(v, sizeof v, b->score);
    if (isnan(b->score)) snprintf(buf, n, "-"); /* no eligible bid to score against, or an error */
    else snprintf(buf, n, b->eligible ? "%s" : "(%s)", v);
    return buf;
}

void report_tender_show(rep *r, const tender_result *t, const loser_stability *st)
{
    const model *m = r->m;
    const rule_info *ru = &m->rules[t->rule];
    const tender_info *ti = ru->tender;
    FILE *out = r->out;
    if (r->as_json) { json_tender_show(r, t, st); return; }
    char aw[256], buf[1024], sc[32], rk[16];
    award_text(m, ti, aw, sizeof aw);
    fprintf(out, "show %s", ru->name);
    report_at(r, out);
    if (ti->label) fprintf(out, " (%s)", ti->label);
    fprintf(out, ": %s tender by %s, award %s", method_name(ti->method), m->actors[ti->buyer].name, aw);
    if (ti->min_bids > 1) fprintf(out, ", at least %d eligible bids", ti->min_bids);
    fputc('\n', out);
    /* ranked bids first, best first; then the others in the bidders' order */
    int *order = mem_alloc(((size_t)t->nbids + 1) * sizeof *order), n = t->nbids;
    tender_order(t, order);
    int bw = 6, sw = 7, unranked = 0;
    for (int i = 0; i < n; i++) unranked |= !t->bids[i].eligible && !isnan(t->bids[i].score);
    for (int i = 0; i < n; i++) {
        bw = report_widen(bw, m->actors[t->bids[order[i]].actor].name, 0);
        sw = report_widen(sw, score_cell(&t->bids[order[i]], sc, sizeof sc), 2);
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
        /* with a score in parentheses the others end a column early, their digits in line */
        int shift = unranked && (b->eligible || isnan(b->score));
        if (ru->score) report_lpad(out, score_cell(b, sc, sizeof sc), sw - shift);
        fprintf(out, "%s%s\n", !*buf ? "" : shift && ru->score ? "   " : "  ", buf);
    }
    free(order);
    if (ru->score && unranked) fputs("  (score): of a bid that is not eligible, so not ranked\n", out);
    status_text(m, t, buf, sizeof buf);
    fprintf(out, "  %s (%d eligible of %d bid%s)\n", buf, t->neligible, t->nbids, t->nbids == 1 ? "" : "s");
    for (int i = 0; i < st->n; i++) {
        without_text(m, m->actors[t->bids[st->bid[i]].actor].name, st->first[i], buf, sizeof buf);
        fprintf(out, "  unstable: %s\n", buf);
    }
}

void report_tender_bid(rep *r, const explain_result *x)
{
    const model *m = r->m;
    const rule_info *ru = &m->rules[x->rule];
    const tender_info *ti = ru->tender;
    FILE *out = r->out;
    const actor_info *a = &m->actors[x->tuple[0]];
    fprintf(out, "explain %s(%s)", ru->name, a->name);
    report_at(r, out);
    fprintf(out, ": %s\n", x->verdict ? "eligible" : "not eligible");
    fprintf(out, "  %s = %s%s%s%s, buyer = %s\n", ru->pnames[0], a->name, a->label ? " (" : "", a->label ? a->label : "",
            a->label ? ")" : "", m->actors[ti->buyer].name);
    report_explain_params(r, x);
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
    if (x->unscored) {
        fprintf(out, "  factors and score: not worked out, nor needed (a bid that is not eligible is not ranked)\n"
                     "    %s\n", x->unscored);
        return;
    }
    if (ru->nf) report_explain_factors(r, ru, x);
    if (ru->score) report_explain_score(r, x);
}

/* The tie key that parts bids i and j, equal on the award's key:
 * "lowest bid.price: 0.2 against 0.4" (in buf), or "". */
static const char *tie_key(const tender_info *ti, const tender_result *t, int i, int j, char *buf, size_t n)
{
    int lv = report_parted_by(t, i, j);
    buf[0] = 0;
    if (lv >= 0) {
        const double *k = t->keys + (size_t)(lv + 1) * (size_t)t->nbids;
        char a[32], b[32];
        fmt_short(a, sizeof a, k[i]);
        fmt_short(b, sizeof b, k[j]);
        snprintf(buf, n, "%s %s: %s against %s", ti->tie[lv].lowest ? "lowest" : "highest", ti->tie[lv].text, a, b);
    }
    return buf;
}

/* "; tie " and the tie key, or "". */
static const char *tie_part(const tender_info *ti, const tender_result *t, int i, int j, char *buf, size_t n)
{
    char k[128];
    if (*tie_key(ti, t, i, j, k, sizeof k)) snprintf(buf, n, "; tie %s", k);
    else buf[0] = 0;
    return buf;
}

/* The gap table: each factor (by |part|) with the two bids' own values
 * and its part; with `ranked`, a rank before and its share of the parts'
 * absolute total after. */
static void gap_table(rep *r, const tender_result *t, const loser_gap *g, int ranked)
{
    const rule_info *ru = &r->m->rules[t->rule];
    FILE *out = r->out;
    const char *a = r->m->actors[t->bids[g->bid].actor].name, *b = r->m->actors[t->bids[g->first].actor].name;
    int k = ru->nf, fw = report_factor_width(ru), w[4] = {0, 0, 9, 8};
    w[0] = report_widen(8, a, 2);
    w[1] = report_widen(8, b, 2);
    double abssum = 0;
    char c[4][32];
    for (int f = 0; f < k; f++) abssum += fabs(g->part[f]);
    for (int f = 0; f < k; f++) {
        report_factor_value(c[0], 32, &ru->f[f], g->own[f]);
        report_factor_value(c[1], 32, &ru->f[f], g->first_own[f]);
        fmt_signed(c[2], 32, g->part[f]);
        for (int j = 0; j < 3; j++) w[j] = report_widen(w[j], c[j], 2);
    }
    fputs(ranked ? "  rank  " : "    ", out);
    report_pad(out, "factor", fw);
    report_lpad(out, a, w[0]);
    report_lpad(out, b, w[1]);
    report_lpad(out, "part", w[2]);
    fputs(ranked ? "   share\n" : "\n", out);
    for (int j = 0; j < k; j++) {
        int f = g->order[j];
        report_factor_value(c[0], 32, &ru->f[f], g->own[f]);
        report_factor_value(c[1], 32, &ru->f[f], g->first_own[f]);
        fmt_signed(c[2], 32, g->part[f]);
        snprintf(c[3], 32, "%.1f%%", abssum > 0 ? 100 * fabs(g->part[f]) / abssum : 0.0);
        if (ranked) fprintf(out, "  %4d  ", j + 1);
        else fputs("    ", out);
        report_pad(out, ru->f[f].name, fw);
        for (int m = 0; m < 3; m++) report_lpad(out, c[m], w[m]);
        if (ranked) report_lpad(out, c[3], w[3]);
        fputc('\n', out);
    }
}

const char *const report_win_reasons[] = {"would_win",          "still_wins",    "search_top", "no_price_wins",
                                          "fails_requirements", "single_source", "no_price"};

win_reason report_win_reason(const model *m, const tender_result *t, int bid, const loser_why *why)
{
    const tender_info *ti = m->rules[t->rule].tender;
    if (why->has_win)
        return why->win.kind == WIN_NEVER ? WP_NO_PRICE_WINS : why->win.kind == WIN_ANY ? WP_SEARCH_TOP
             : bid == t->winner ? WP_STILL_WINS : WP_WOULD_WIN;
    if (ti->award == AWARD_TO) return WP_SINGLE_SOURCE;
    /* no win price shown for an eligible bid: the tender or the bid has no price */
    return t->bids[bid].eligible || ti->price < 0 ? WP_NO_PRICE : WP_FAILS;
}

/* Why bid lost: its gap (by factor when divided), its win price, and who
 * would rank first without it. */
static void why_text(rep *r, const tender_result *t, int bid, const loser_why *why)
{
    const model *m = r->m;
    FILE *out = r->out;
    const loser_gap *g = &why->gap;
    char a[32], b[32], buf[512];
    if (g->first >= 0 && bid != g->first && t->bids[bid].eligible) {
        if (loser_divides(&m->rules[t->rule])) fmt_fixed(a, sizeof a, g->gap); /* as scores are shown */
        else fmt_short(a, sizeof a, g->gap);
        fprintf(out, "  gap to %s: %s%s\n", m->actors[t->bids[g->first].actor].name, a,
                g->divided ? ", divided among the factors" : "");
        if (g->divided) gap_table(r, t, g, 0);
    }
    fmt_num(a, sizeof a, why->win.price);
    fmt_num(b, sizeof b, why->win.own);
    switch (report_win_reason(m, t, bid, why)) {
    case WP_WOULD_WIN: fprintf(out, "  win price: %s (it bid %s): at that price or less it would have won\n", a, b); break;
    case WP_STILL_WINS: fprintf(out, "  win price: %s (it bid %s): at that price or less it still wins\n", a, b); break;
    case WP_SEARCH_TOP:
        fprintf(out, "  win price: %s (it bid %s): it still wins there, %d times its price, where the search stops\n", a,
                b, COOP_WIN_PRICE_RANGE);
        break;
    case WP_NO_PRICE_WINS: fprintf(out, "  win price: none (it bid %s): no price of its own would have won\n", b); break;
    case WP_FAILS:
        failed_text(m->rules[t->rule].tender, &t->bids[bid], buf, sizeof buf);
        fprintf(out, "  win price: none (it fails %s: no price of its own fixes that)\n", buf);
        break;
    case WP_SINGLE_SOURCE: case WP_NO_PRICE: break; /* nothing is priced against the others */
    }
    if (why->decides) {
        without_text(m, NULL, why->first_without, buf, sizeof buf);
        fprintf(out, "  %s\n", buf);
    }
}

void report_tender_award(rep *r, const tender_result *t, int bid, const loser_why *why)
{
    const model *m = r->m;
    const tender_info *ti = m->rules[t->rule].tender;
    FILE *out = r->out;
    if (r->as_json) { json_tender_award(r, t, bid, why); return; }
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
    why_text(r, t, bid, why);
    status_text(m, t, buf, sizeof buf);
    fprintf(out, "  tender: %s\n", buf);
}

void report_tender_dominance(rep *r, const tender_result *t, const loser_gap *g)
{
    const model *m = r->m;
    const rule_info *ru = &m->rules[t->rule];
    FILE *out = r->out;
    if (r->as_json) { json_tender_dominance(r, t, g); return; }
    char a[32], b[32], c[32], tie[160];
    fprintf(out, "dominance %s", ru->name);
    report_at(r, out);
    fputs(": ", out);
    if (g->bid < 0) {
        if (!t->nbids) fputs("no bids, so no gap to divide\n", out);
        else if (g->first < 0) fputs("no bid is ranked\n", out);
        else fprintf(out, "%s is the only bid ranked\n", m->actors[t->bids[g->first].actor].name);
        return;
    }
    const char *first = m->actors[t->bids[g->first].actor].name, *second = m->actors[t->bids[g->bid].actor].name;
    fmt_fixed(a, sizeof a, t->bids[g->first].score);
    fmt_fixed(b, sizeof b, t->bids[g->bid].score);
    fmt_fixed(c, sizeof c, g->gap);
    fprintf(out, "%s first (%s), %s second (%s)\n", first, a, second, b);
    fprintf(out, "  the gap %s divided among the factors: the Shapley values of the score's difference, each factor at "
                 "%s's own value or %s's\n", c, second, first);
    gap_table(r, t, g, 1);
    double sum = 0;
    for (int f = 0; f < ru->nf; f++) sum += g->part[f];
    /* equal up to rounding (the tests hold them to 1e-12): printed as the
     * gap, lest the two round to different last digits */
    fmt_fixed(c, sizeof c, fabs(sum - g->gap) <= 1e-9 * fmax(1, fabs(g->gap)) ? g->gap : sum);
    fprintf(out, "  the parts add up to %s = %s - %s\n", c, a, b);
    if (tender_close(t->keys[g->first], t->keys[g->bid])) {
        if (*tie_key(ru->tender, t, g->first, g->bid, tie, sizeof tie))
            fprintf(out, "  the scores are equal within the tolerance: the tie key decided (%s)\n", tie);
        else
            fputs("  the scores are equal within the tolerance, and no tie key parts them\n", out);
    } else if (g->dominant < 0)
        fputs("  dominant: none (every part is 0)\n", out);
    else {
        char tied[512];
        report_tied(ru, g->part, g->dominant, tied, sizeof tied);
        fprintf(out, "  dominant: %s, in %s's favour%s%s\n", ru->f[g->dominant].name,
                g->part[g->dominant] > 0 ? first : second, tied, *tied ? ", equal up to rounding" : "");
    }
}

void report_tender_no_bids(rep *r, const tender_result *t, const loser_stability *st)
{
    if (r->as_json) json_tender_show(r, t, st);
    else fprintf(r->out, "explain %s: no bids, so no bid to explain\n", r->m->rules[t->rule].name);
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
 * its score or what it fails? */
static int standing_moves(const diff_row *x) { return x->r0 != x->r1 || x->v0 != x->v1; }

/* A bid's failed requirements, as show writes them ("-" for none). */
static void fails_cell(const tender_info *ti, uint64_t f, char *buf, size_t n)
{
    bid_row b = {0};
    b.failed = f;
    failed_text(ti, &b, buf, n);
    if (!*buf) snprintf(buf, n, "-");
}

enum { WCOLS = 8, WCELL = 1024 }; /* as show's failed column */

void report_tender_whatif(rep *r, int rule, const diff_rule *d, int kept)
{
    if (r->as_json) { json_tender_whatif(r, rule, d); return; }
    const model *m = r->m;
    const rule_info *ru = &m->rules[rule];
    const tender_info *ti = ru->tender;
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
    long moves = 0, scores = 0, fails = 0;
    for (size_t i = 0; i < d->n; i++) {
        const diff_row *x = &d->rows[i];
        if (standing_moves(x)) moves++;
        else {
            scores += !(x->s0 == x->s1 || (isnan(x->s0) && isnan(x->s1)));
            fails += x->f0 != x->f1; /* ineligible in both */
        }
    }
    if (strcmp(w0, w1) != 0) fprintf(out, "%s: winner %s -> %s", ru->name, w0, w1);
    else fprintf(out, "%s: winner %s (same)", ru->name, w0);
    if (t0->status != t1->status)
        fprintf(out, ", status %s -> %s", tender_status_name(t0->status), tender_status_name(t1->status));
    fprintf(out, "; %ld of %d bid%s change%s rank", moves, t1->nbids, t1->nbids == 1 ? "" : "s",
            moves == 1 ? "s" : "");
    if (scores) fprintf(out, "; %ld more score%s move%s", scores, scores == 1 ? "" : "s", scores == 1 ? "s" : "");
    if (fails)
        fprintf(out, "; %ld ineligible bid%s fail%s other requirements", fails, fails == 1 ? "" : "s",
                fails == 1 ? "s" : "");
    fputc('\n', out);
    if (!d->n) return;
    /* the columns: bidder, rank, eligible, score (with one), the failed
     * requirements (when a bid's move), each in both worlds */
    int fcols = 0;
    for (size_t i = 0; i < d->n; i++) fcols |= d->rows[i].f0 != d->rows[i].f1;
    char h[WCOLS][32], cell[WCOLS][WCELL];
    const char *heads[] = {"rank", "eligible", "score", "fails"};
    int kind[WCOLS], cols = 0; /* kind: which of heads */
    for (int k = 0; k < 4; k++) {
        if ((k == 2 && !ru->score) || (k == 3 && !fcols)) continue;
        snprintf(h[cols], 32, "%s %s", heads[k], was);
        kind[cols++] = k;
        snprintf(h[cols], 32, "%s", is);
        kind[cols++] = k;
    }
    int w[WCOLS], bw = 6;
    for (int c = 0; c < cols; c++) w[c] = (int)strlen(h[c]);
    for (size_t i = 0; i < d->n; i++) {
        const diff_row *x = &d->rows[i];
        bw = report_widen(bw, m->actors[x->tuple[0]].name, 0);
        for (int c = 0; c < cols; c++) {
            if (kind[c] == 2) bid_scores(x, cell[c & ~1], cell[c | 1]);
            else if (kind[c] == 3) fails_cell(ti, c & 1 ? x->f1 : x->f0, cell[c], WCELL);
            else continue;
            w[c] = report_widen(w[c], cell[c], 0);
        }
    }
    fputs("  ", out);
    report_pad(out, "bidder", bw);
    for (int c = 0; c < cols; c++) {
        fputs("  ", out);
        if (kind[c] == 1 || kind[c] == 3) report_pad(out, h[c], c == cols - 1 ? 0 : w[c]);
        else report_lpad(out, h[c], w[c]);
    }
    fputc('\n', out);
    for (int pass = 0; pass < 2; pass++) /* the bids whose standing changes, then the others that move */
        for (size_t i = 0; i < d->n; i++) {
            const diff_row *x = &d->rows[i];
            if (standing_moves(x) != (pass == 0)) continue;
            for (int c = 0; c < cols; c++) {
                int now = !(c & 1);
                switch (kind[c]) {
                case 0: snprintf(cell[c], WCELL, (now ? x->r0 : x->r1) ? "%d" : "-", now ? x->r0 : x->r1); break;
                case 1: snprintf(cell[c], WCELL, "%s", (now ? x->v0 : x->v1) ? "yes" : "no"); break;
                case 2: if (now) bid_scores(x, cell[c], cell[c + 1]); break;
                default: fails_cell(ti, now ? x->f0 : x->f1, cell[c], WCELL); break;
                }
            }
            fputs("  ", out);
            report_pad(out, m->actors[x->tuple[0]].name, bw);
            for (int c = 0; c < cols; c++) {
                fputs("  ", out);
                if (kind[c] == 1 || kind[c] == 3) report_pad(out, cell[c], c == cols - 1 ? 0 : w[c]);
                else report_lpad(out, cell[c], w[c]);
            }
            fputc('\n', out);
        }
}
