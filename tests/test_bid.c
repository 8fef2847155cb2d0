/* test_bid.c - changes of a bid's field: parsed, printed as written (never
 * as TENDER.FIELD), made, inverted, refused with their reasons; a
 * tender's what-if against its award decided in both worlds; a session's
 * set on a bid kept, undone, saved and loaded back. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "util.h"

#include "eval.h"
#include "result.h"
#include "script.h"

/* a1 wins (0.9), a2 is second (0.8667), a3 fails 'old'; a2 lacks
 * `discount`, which a3 sets. */
static const char *model_text =
    "actor bureau : government { ref = 100 }\n"
    "actor a1 : association { years = 3 }\n"
    "actor a2 : association { years = 5 }\n"
    "actor a3 : association { years = 1 }\n"
    "actor e1 : enterprise { c = 1 }\n"
    "partnership alliance(n: association, e: enterprise) { factor f = e.c forms when f > 0 }\n"
    "tender t(a: association) {\n"
    "  buyer = bureau\n"
    "  min_bids = 2\n"
    "  require old = a.years >= 2\n"
    "  factor price = buyer.ref / bid.price\n"
    "  factor q = bid.q\n"
    "  score = 0.5*price + 0.5*q\n"
    "  tie lowest bid.price\n"
    "}\n"
    "bid t by a1 { price = 100 q = 0.8 local = true offer = {x, y} }\n"
    "bid t by a2 { price = 120 q = 0.9 local = false offer = {x} }\n"
    "bid t by a3 { price = 90 q = 0.7 local = false offer = {y} discount = 0.1 }\n";

static coop_script *model_of(coop_diags **d) { return load_ok(model_text, d); }

/* A bid's fields are found as a tender's, never as its bidder's
 * attributes: by name, in completion lists, or through coop_actor_has. */
START_TEST(fields_are_not_attributes)
{
    coop_diags *d;
    coop_script *s = model_of(&d);
    int t = coop_rule_find(s, "t"), a1 = coop_actor_find(s, "a1");
    static const char *const fields[] = {"price", "q", "local", "offer", "discount"};
    for (int i = 0; i < 5; i++) {
        ck_assert_str_eq(coop_field_name(s, t, i), fields[i]);
        ck_assert_int_ge(coop_field_find(s, t, fields[i]), 0);
    }
    ck_assert_ptr_null(coop_field_name(s, t, 5));
    ck_assert_ptr_null(coop_field_name(s, coop_rule_find(s, "alliance"), 0)); /* no tender */
    ck_assert_ptr_null(coop_field_name(s, t, -1));
    ck_assert_int_eq(coop_field_find(s, t, "prize"), -1);
    ck_assert_int_eq(coop_field_find(s, t, "t.price"), -1);
    ck_assert_int_eq(coop_field_find(s, coop_rule_find(s, "alliance"), "price"), -1);
    ck_assert_int_eq(coop_attr_find(s, "t.price"), -1);
    ck_assert_int_ge(coop_attr_find(s, "years"), 0);
    ck_assert(!coop_actor_has(s, a1, "t.price"));
    ck_assert(coop_actor_has(s, a1, "years"));
    ck_assert_int_eq(coop_name_count(s, COOP_NAMES_ATTRIBUTE), 3); /* ref, years, c */
    for (int i = 0; i < coop_name_count(s, COOP_NAMES_ATTRIBUTE); i++)
        ck_assert_ptr_null(strchr(coop_name(s, COOP_NAMES_ATTRIBUTE, i), '.'));
    double v;
    ck_assert_int_eq(coop_world_attr(coop_script_world(s), a1, coop_field_find(s, t, "price"), &v, NULL),
                     COOP_VALUE_NUMBER);
    ck_assert(v == 100);
    ck_assert_int_eq(coop_attr_type(s, coop_field_find(s, t, "offer")), COOP_VALUE_SET);
    coop_script_free(s);
    coop_diags_free(d);
}
END_TEST

/* Each change prints as written; its inverse, made against the world
 * before, returns the world to it exactly. */
START_TEST(changes_print_apply_invert)
{
    static const struct { const char *in, *printed, *inverse; int read; } cases[] = {
        {"bid(t, a1).price += 20", "bid(t, a1).price += 20", "bid(t, a1).price = 100", 1},
        {"bid( t ,a2 ).local = true", "bid(t, a2).local = true", "bid(t, a2).local = false", 0},
        {"bid(t, a1).offer -= {x}", "bid(t, a1).offer -= {x}", "bid(t, a1).offer = {x, y}", 0},
        {"bid(t, a2).discount = 0.2", "bid(t, a2).discount = 0.2", "bid(t, a2).discount = unset", 0},
        {"bid(t, a3).q = 0.5 + 0.25", "bid(t, a3).q = 0.75", "bid(t, a3).q = 0.7", 1},
    };
    coop_diags *d;
    coop_script *s = model_of(&d);
    int t = coop_rule_find(s, "t");
    coop_world *w = coop_world_clone(coop_script_world(s));
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        coop_change *c = coop_change_parse(s, "t", cases[i].in, strlen(cases[i].in), d);
        ck_assert_msg(c != NULL, "%s: %s", cases[i].in, diag_text(d));
        ck_assert_str_eq(text_of(c), cases[i].printed);
        coop_world *before = coop_world_clone(w);
        coop_change *inv = coop_change_inverse(c, before);
        ck_assert_str_eq(text_of(inv), cases[i].inverse);
        ck_assert_int_eq(coop_change_apply(c, w), 0);
        coop_diff *x = coop_diff_new(s, before, w);
        ck_assert_int_eq(coop_diff_evaluated(x, t), cases[i].read ? 3 : 0); /* a field the tender reads: every bid */
        coop_diff_free(x);
        ck_assert_int_eq(coop_change_apply(inv, w), 0);
        x = coop_diff_new(s, before, w);
        ck_assert_int_eq(coop_diff_evaluated(x, t), 0); /* nothing differs */
        coop_diff_free(x);
        coop_change_free(inv);
        coop_change_free(c);
        coop_world_free(before);
    }
    /* by index: the field's attribute index, printed as the bid's */
    int a2 = coop_actor_find(s, "a2"), price = coop_field_find(s, t, "price");
    coop_change *c = coop_change_attr(s, a2, price, '-', 30);
    ck_assert_str_eq(text_of(c), "bid(t, a2).price -= 30");
    ck_assert_int_eq(coop_change_apply(c, w), 0);
    double v;
    ck_assert_int_eq(coop_world_attr(w, a2, price, &v, NULL), COOP_VALUE_NUMBER);
    ck_assert(v == 90);
    coop_change_free(c);
    ck_assert_ptr_null(coop_change_attr(s, a2, coop_field_find(s, t, "local"), '+', 1)); /* true/false */
    coop_world_free(w);
    coop_script_free(s);
    coop_diags_free(d);
}
END_TEST

/* What a change of a bid cannot be, each said where it is wrong. */
static const struct { const char *text, *error; } bad[] = {
    {"bid(tt, a1).price = 1", "t:1:5: error: unknown tender 'tt'; did you mean 't'?"},
    {"bid(alliance, a1).price = 1", "t:1:5: error: 'alliance' is a partnership, not a tender"},
    {"bid(t, bureau).price = 1", "t:1:8: error: 'bureau' has no bid for tender 't'; its bidders are a1, a2, a3"},
    {"bid(t, a4).price = 1", "t:1:8: error: unknown actor 'a4'\n"},
    {"bid(t, a1).prise = 1", "t:1:12: error: the bids for tender 't' have no field 'prise'; did you mean 'price'?"},
    {"bid(t, a1).colour = 1",
     "t:1:12: error: the bids for tender 't' have no field 'colour'; their fields are price, q, local, offer, discount"},
    {"bid(t, a1).price = {x}", "t:1:20: error: a change's value must be a number or true/false, but this is a set"},
    {"bid(t, a1).offer = 1", "t:1:20: error: bid field 'offer' holds a set; write one like {a, b}"},
    {"bid(t, a1).local = 1", "t:1:1: error: bid field 'local' is true or false: set it with = true or = false"},
    {"bid(t, a1).price = a1.years", "t:1:20: error: expected a constant, not the attribute a1.years"},
    {"bid(t, a1).price = bid(t, a2).price", "t:1:20: error: expected a constant, not the bid field bid(t, a2).price"},
    {"bod(t, a1).price = 1", "t:1:1: error: 'bod(...)' has no fields; a bid's field is written bid(TENDER, BIDDER).FIELD"},
    {"bid(t).price = 1", "t:1:1: error: a bid is named by its tender and its bidder: bid(TENDER, BIDDER).FIELD"},
    {"bid(t, a1, a2).price = 1", "t:1:1: error: a bid is named by its tender and its bidder"},
    {"a1.price = 1", "t:1:4: error: no actor has an attribute 'price'; it is a field of its bid for tender 't': "
                     "bid(t, a1).price"},
    {"a2.discount = 1", "t:1:4: error: no actor has an attribute 'discount'\n"}, /* a2's bid has none */
};

START_TEST(errors_said_where)
{
    coop_diags *d;
    coop_script *s = model_of(&d);
    change_fails(s, bad[_i].text, bad[_i].error);
    coop_script_free(s);
    coop_diags_free(d);
}
END_TEST

/* The rows a tender's what-if should have: every bid whose rank,
 * eligibility, score or failed requirements differ between t0 and t1, in
 * t1's ranking order. */
static size_t expected_rows(const tender_result *t0, const tender_result *t1, diff_row *out)
{
    size_t n = 0;
    int order[64];
    tender_order(t1, order);
    for (int i = 0; i < t1->nbids; i++) {
        const bid_row *x = &t0->bids[order[i]], *y = &t1->bids[order[i]];
        int same = x->score == y->score || (isnan(x->score) && isnan(y->score)); /* no value in both */
        if (x->rank == y->rank && x->eligible == y->eligible && same && x->failed == y->failed) continue;
        out[n].tuple[0] = y->actor;
        out[n].r0 = x->rank;
        out[n].r1 = y->rank;
        out[n].v0 = x->eligible;
        out[n].v1 = y->eligible;
        out[n].s0 = x->score;
        out[n].s1 = y->score;
        out[n].f0 = x->failed;
        out[n].f1 = y->failed;
        n++;
    }
    return n;
}

/* One bid's price moves every rank: the bid whose own values did not
 * change is a row too (its rank moved), and the winner changes. */
START_TEST(one_bid_moves_every_rank)
{
    coop_diags *d;
    coop_script *s = model_of(&d);
    int t = coop_rule_find(s, "t"), a1 = coop_actor_find(s, "a1"), a2 = coop_actor_find(s, "a2");
    coop_world *w = coop_world_clone(coop_script_world(s));
    ck_assert_int_eq(coop_world_set_number(w, a1, coop_field_find(s, t, "price"), 150), 0);
    diff_rule *x = result_diff(&s->m, coop_script_world(s), w, NULL);
    ck_assert(x[t].has_award && result_award_moved(&x[t]));
    ck_assert_int_eq(x[t].award[0].bids[x[t].award[0].winner].actor, a1);
    ck_assert_int_eq(x[t].award[1].bids[x[t].award[1].winner].actor, a2);
    ck_assert_int_eq((int)x[t].n, 2);
    ck_assert_int_eq(x[t].rows[0].tuple[0], a2); /* first in the new ranking: only its rank moved */
    ck_assert_int_eq(x[t].rows[0].r0, 2);
    ck_assert_int_eq(x[t].rows[0].r1, 1);
    ck_assert(x[t].rows[0].s0 == x[t].rows[0].s1);
    ck_assert_int_eq(x[t].rows[1].tuple[0], a1);
    ck_assert_int_eq(x[t].rows[1].r1, 2);
    ck_assert_double_eq_tol(x[t].rows[1].s1, 0.5 * 100.0 / 150 + 0.4, 1e-12);
    ck_assert_int_eq((int)x[coop_rule_find(s, "alliance")].n, 0);
    result_diff_free(&s->m, x);
    /* the public differences list the same rows */
    coop_diff *pd = coop_diff_new(s, coop_script_world(s), w);
    ck_assert_int_eq(coop_diff_rows(pd, t), 2);
    int tuple[COOP_MAX_PARAMS];
    coop_verdict va, vb;
    ck_assert_int_eq(coop_diff_row(pd, t, 0, tuple, &va, &vb), 0);
    ck_assert_int_eq(tuple[0], a2);
    ck_assert(va.forms == 1 && vb.forms == 1 && va.score == vb.score);
    coop_diff_free(pd);
    /* an attribute no tender reads decides no award again */
    coop_world_free(w);
    w = coop_world_clone(coop_script_world(s));
    ck_assert_int_eq(coop_world_set_number(w, coop_actor_find(s, "e1"), coop_attr_find(s, "c"), 0), 0);
    x = result_diff(&s->m, coop_script_world(s), w, NULL);
    ck_assert(!x[t].has_award && !result_award_moved(&x[t]));
    ck_assert_int_eq((int)x[coop_rule_find(s, "alliance")].n, 3);
    result_diff_free(&s->m, x);
    coop_world_free(w);
    coop_script_free(s);
    coop_diags_free(d);
}
END_TEST

/* A score relative to the lowest eligible price: one bid's price moves
 * the other bid's score, which reads none of the first bid's values
 * itself; with no eligible bid in either world, the scores have no value
 * (NaN) in both, which is no move. */
START_TEST(an_aggregate_moves_every_score)
{
    coop_diags *d;
    coop_script *s = load_ok("actor buyer : government { }\n"
                             "actor x : enterprise { ok = true } actor y : enterprise { ok = true }\n"
                             "tender r(b: enterprise) {\n  buyer = buyer\n  require fine = b.ok\n"
                             "  factor q = bid.q\n  factor price = 70 * lowest(bid.price) / bid.price\n"
                             "  score = q + price\n}\n"
                             "bid r by x { q = 90 price = 10000 } bid r by y { q = 74 price = 8000 }\n",
                             &d);
    int r = coop_rule_find(s, "r"), x = coop_actor_find(s, "x"), y = coop_actor_find(s, "y");
    int price = coop_field_find(s, r, "price"), ok = coop_attr_find(s, "ok");
    coop_world *w = coop_world_clone(coop_script_world(s));
    ck_assert_int_eq(coop_world_set_number(w, x, price, 7000), 0); /* x's price: y's score moves */
    diff_rule *dr = result_diff(&s->m, coop_script_world(s), w, NULL);
    ck_assert_int_eq((int)dr[r].n, 2);
    ck_assert_int_eq(dr[r].rows[1].tuple[0], y);
    ck_assert_double_eq_tol(dr[r].rows[1].s0, 74 + 70.0, 1e-9);
    ck_assert_double_eq_tol(dr[r].rows[1].s1, 74 + 70.0 * 7000 / 8000, 1e-9);
    result_diff_free(&s->m, dr);
    /* no eligible bid: no value, before and after a price moves */
    coop_world *none = coop_world_clone(coop_script_world(s));
    ck_assert_int_eq(coop_world_set_number(none, x, ok, 0), 0);
    ck_assert_int_eq(coop_world_set_number(none, y, ok, 0), 0);
    coop_world *none2 = coop_world_clone(none);
    ck_assert_int_eq(coop_world_set_number(none2, x, price, 1), 0);
    dr = result_diff(&s->m, none, none2, NULL);
    ck_assert(dr[r].has_award && dr[r].decided[0] && dr[r].decided[1]);
    ck_assert(isnan(dr[r].award[0].bids[0].score));
    ck_assert_int_eq((int)dr[r].n, 0);
    ck_assert(!result_award_moved(&dr[r]));
    result_diff_free(&s->m, dr);
    coop_world_free(none2);
    coop_world_free(none);
    coop_world_free(w);
    coop_script_free(s);
    coop_diags_free(d);
}
END_TEST

/* A random change of examples/association_purchase.coop's world: a bid's
 * price or quality, a bidder's years or capacity, or the buyer's needs;
 * prices around the budget and the lowest eligible one, so bids fall out,
 * the benchmark moves and ties happen. */
static void random_change(const coop_script *s, coop_world *w, uint64_t *rng)
{
    int t = coop_rule_find(s, "training_2016"), n = coop_rule_tuples(s, t);
    int a = s->m.rules[t].cand[0][rng_next(rng) % (uint64_t)n];
    switch (rng_next(rng) % 5) {
    case 0: coop_world_set_number(w, a, coop_field_find(s, t, "price"), 400000 + 25000 * (double)(rng_next(rng) % 10)); break;
    case 1: coop_world_set_number(w, a, coop_field_find(s, t, "quality"), 0.7 + 0.05 * (double)(rng_next(rng) % 5)); break;
    case 2: coop_world_set_number(w, a, coop_attr_find(s, "years"), (double)(rng_next(rng) % 4)); break;
    case 3: coop_world_set_number(w, a, coop_attr_find(s, "capacity"), 0.4 + 0.1 * (double)(rng_next(rng) % 3)); break;
    default: { /* one to three of the services the bidders offer */
        static const char *const needs[] = {"vocational_training", "job_placement", "certification"};
        int from = (int)(rng_next(rng) % 3);
        ck_assert_int_eq(coop_world_set_members(w, coop_actor_find(s, "labour_bureau"), coop_attr_find(s, "needs"),
                                                needs + from, 3 - from),
                         0);
    }
    }
}

/* The what-if of a tender is its award decided whole in both worlds:
 * the winner, the status and every bid that moved, over random worlds. */
START_TEST(differences_match_deciding_both_worlds)
{
    coop_diags *d = coop_diags_new();
    coop_script *s = coop_load_file("../examples/association_purchase.coop", d);
    ck_assert_msg(s != NULL, "%s", diag_text(d));
    int t = coop_rule_find(s, "training_2016"), moved = 0, winners = 0, failed_only = 0;
    uint64_t rng = 9;
    for (int round = 0; round < 300; round++) {
        coop_world *a = coop_world_clone(coop_script_world(s));
        for (int k = (int)(rng_next(&rng) % 4); k > 0; k--) random_change(s, a, &rng);
        coop_world *b = coop_world_clone(a);
        for (int k = 1 + (int)(rng_next(&rng) % 2); k > 0; k--) random_change(s, b, &rng);
        tender_result t0, t1;
        evaluator ea, eb;
        ev_init(&ea, &s->m, a, t);
        ev_init(&eb, &s->m, b, t);
        ck_assert_int_eq(tender_decide(&ea, &t0), 0);
        ck_assert_int_eq(tender_decide(&eb, &t1), 0);
        diff_row want[64];
        size_t n = expected_rows(&t0, &t1, want);
        diff_rule *x = result_diff(&s->m, a, b, NULL);
        const diff_rule *r = &x[t];
        int w0 = t0.winner < 0 ? -1 : t0.bids[t0.winner].actor, w1 = t1.winner < 0 ? -1 : t1.bids[t1.winner].actor;
        ck_assert_int_eq(result_award_moved(r), w0 != w1 || t0.status != t1.status);
        ck_assert_uint_eq(r->n, n);
        for (size_t i = 0; i < n; i++) {
            ck_assert_int_eq(r->rows[i].tuple[0], want[i].tuple[0]);
            ck_assert_int_eq(r->rows[i].r0, want[i].r0);
            ck_assert_int_eq(r->rows[i].r1, want[i].r1);
            ck_assert_int_eq(r->rows[i].v0, want[i].v0);
            ck_assert_int_eq(r->rows[i].v1, want[i].v1);
            ck_assert(r->rows[i].s0 == want[i].s0 && r->rows[i].s1 == want[i].s1);
            ck_assert(r->rows[i].f0 == want[i].f0 && r->rows[i].f1 == want[i].f1);
            failed_only += !want[i].v0 && !want[i].v1 && want[i].f0 != want[i].f1; /* ineligible in both */
        }
        moved += n > 0;
        winners += w0 != w1;
        result_diff_free(&s->m, x);
        tender_free(&t0);
        tender_free(&t1);
        ev_free(&ea);
        ev_free(&eb);
        coop_world_free(a);
        coop_world_free(b);
    }
    ck_assert_int_gt(moved, 100); /* the changes moved something, and often the winner */
    ck_assert_int_gt(winners, 20);
    ck_assert_int_gt(failed_only, 5); /* and what an ineligible bid fails */
    coop_script_free(s);
    coop_diags_free(d);
}
END_TEST

/* ---- a session ---- */

static char out[1 << 16];

/* Runs one input of session s (results to f, which writes `out`). */
static coop_status in(coop_session *s, FILE *f, coop_diags *d, const char *text)
{
    coop_diags_clear(d);
    rewind(f);
    memset(out, 0, sizeof out);
    coop_status st = coop_session_input(s, "<stdin>", 1, text, strlen(text), d);
    fflush(f);
    return st;
}

/* set on a bid: kept through a rebuild, undone, replaced by the bid
 * declared again; :save writes the bid's declaration (a field rewritten
 * where it is written, one the bid lacked added), and the script loads
 * back to the same ranking. */
START_TEST(session_set_undo_save)
{
    FILE *f = fmemopen(out, sizeof out - 1, "w");
    coop_options o = {0};
    o.out = f;
    coop_session *s = coop_session_new(&o);
    coop_diags *d = coop_diags_new();
    ck_assert_int_eq(in(s, f, d, model_text), COOP_DONE);
    ck_assert_int_eq(in(s, f, d, "set bid(t, a1).price = 150, bid(t, a2).discount = 0.3\n"), COOP_DONE);
    ck_assert_msg(strncmp(out, "set bid(t, a1).price = 150 (was 100), bid(t, a2).discount = 0.3 (was unset)\n"
                               "t: winner a1 -> a2; 2 of 3 bids change rank\n",
                          120) == 0,
                  "%s", out);
    ck_assert_int_eq(in(s, f, d, "actor a4 : association { years = 0 }\n"), COOP_DONE); /* a rebuild */
    ck_assert_int_eq(in(s, f, d, "winner(t)\n"), COOP_DONE);
    ck_assert_str_eq(out, "a2\n");
    ck_assert_int_eq(in(s, f, d, "changes\n"), COOP_DONE);
    ck_assert_ptr_nonnull(strstr(out, "set bid(t, a1).price = 150, bid(t, a2).discount = 0.3   # was 100, unset\n"));
    char dir[] = "/tmp/coop-bid-XXXXXX", path[64];
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/s.coop", dir);
    ck_assert_int_eq(coop_session_save(s, path, 0, d), COOP_DONE);
    coop_diags *d2 = coop_diags_new();
    coop_script *sv = coop_load_file(path, d2);
    ck_assert_msg(sv != NULL, "%s", diag_text(d2));
    ck_assert_int_eq(in(s, f, d, "show t\n"), COOP_DONE);
    static char shown[sizeof out];
    memcpy(shown, out, sizeof out);
    coop_session *s2 = coop_session_new(&o);
    ck_assert_int_eq(coop_session_load(s2, path, d), COOP_DONE);
    rewind(f);
    memset(out, 0, sizeof out);
    ck_assert_int_eq(coop_session_input(s2, "<stdin>", 1, "show t\n", 7, d), COOP_DONE);
    fflush(f);
    ck_assert_str_eq(out, shown);
    coop_session_free(s2);
    FILE *saved = fopen(path, "r");
    char text[4096];
    size_t len = fread(text, 1, sizeof text - 1, saved);
    text[len] = 0;
    fclose(saved);
    ck_assert_ptr_nonnull(strstr(text, "bid t by a1 { price = 150 q = 0.8 local = true offer = {x, y} }\n"));
    ck_assert_ptr_nonnull(strstr(text, "bid t by a2 { price = 120 q = 0.9 local = false offer = {x} discount = 0.3 }\n"));
    coop_script_free(sv);
    coop_diags_free(d2);
    unlink(path);
    rmdir(dir);
    /* undo: the declaration, then the set */
    ck_assert_int_eq(in(s, f, d, "undo\n"), COOP_DONE);
    ck_assert_int_eq(in(s, f, d, "undo\n"), COOP_DONE);
    ck_assert_str_eq(out, "undone: set bid(t, a1).price = 150, bid(t, a2).discount = 0.3   # was 100, unset\n");
    ck_assert_int_eq(in(s, f, d, "winner(t)\n"), COOP_DONE);
    ck_assert_str_eq(out, "a1\n");
    ck_assert_int_eq(in(s, f, d, "bid(t, a2).discount\n"), COOP_FAILED);
    ck_assert_ptr_nonnull(strstr(diag_text(d), "the bid of 'a2' for tender 't' has no 'discount'"));
    /* the bid declared again replaces a set of it */
    ck_assert_int_eq(in(s, f, d, "set bid(t, a1).q = 0.1\n"), COOP_DONE);
    ck_assert_int_eq(in(s, f, d, "bid t by a1 { price = 100 q = 0.95 local = true offer = {x} }\n"), COOP_DONE);
    ck_assert_str_eq(out, "replaced the bid of 'a1' for 't' (declared at <stdin>:16; set at <stdin>:1)\n");
    ck_assert_int_eq(in(s, f, d, "bid(t, a1).q\n"), COOP_DONE);
    ck_assert_str_eq(out, "0.95\n");
    ck_assert_int_eq(in(s, f, d, "undo\n"), COOP_DONE);
    ck_assert_int_eq(in(s, f, d, "bid(t, a1).q\n"), COOP_DONE);
    ck_assert_str_eq(out, "0.1\n");
    coop_session_free(s);
    coop_diags_free(d);
    fclose(f);
}
END_TEST

Suite *suite_bid(void)
{
    Suite *s = suite_create("bid");
    TCase *t = tcase_create("bid");
    tcase_add_test(t, fields_are_not_attributes);
    tcase_add_test(t, changes_print_apply_invert);
    tcase_add_loop_test(t, errors_said_where, 0, sizeof bad / sizeof bad[0]);
    tcase_add_test(t, one_bid_moves_every_rank);
    tcase_add_test(t, an_aggregate_moves_every_score);
    tcase_add_test(t, differences_match_deciding_both_worlds);
    tcase_add_test(t, session_set_undo_save);
    suite_add_tcase(s, t);
    return s;
}
