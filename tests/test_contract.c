/* test_contract.c - contracts decided (contracts_decide): each obligation's
 * status from its condition, side and the monitoring, void contracts,
 * renewal reading the contract's own obligations, a contract read for a
 * tuple (contract_read), faults kept to one contract, the supplier
 * following the bids, and what a difference of two worlds re-decides. */
#include <math.h>
#include <stdlib.h>

#include "util.h"

#include "contract.h"
#include "result.h"
#include "script.h"

/* A loaded script, and its contracts decided in its own world. */
typedef struct decided {
    coop_diags *d;
    coop_script *s;
    contracts cs;
    int failed;
} decided;

static void decide(decided *x, const char *text)
{
    x->s = load(text, &x->d);
    ck_assert_msg(x->s != NULL, "%s", diag_text(x->d));
    x->failed = contracts_decide(&x->s->m, x->s->w, NULL, &x->cs);
}

static void undecide(decided *x)
{
    contracts_free(&x->cs);
    coop_script_free(x->s);
    coop_diags_free(x->d);
}

static int contract(const decided *x, const char *cname)
{
    int c = names_get(&x->s->m.contract_idx, cname);
    ck_assert_msg(c >= 0, "no contract %s", cname);
    return c;
}

/* The status of obligation o of contract c, as its word. */
static const char *status(const decided *x, const char *c, int o)
{
    return obligation_status_name(x->cs.c[contract(x, c)].status[o]);
}

static int actor(const decided *x, const char *who) { return coop_actor_find(x->s, who); }

#define PARTIES                                                                                                       \
    "actor city : government { governance = 0.3  sees = false  pays = true }\n"                                     \
    "actor town : government { governance = 0.9  sees = true  pays = false }\n"                                     \
    "actor sun : npo { quality = 0.55  reports = true }\n"                                                           \
    "actor moon : npo { quality = 0.9  reports = false }\n"

/* An obligation's status: met when its condition holds; else violated,
 * or undetected for the supplier's while the monitoring fails.  Each row:
 * the buyer, the side, the condition, whether `monitor when` is written,
 * and the status. */
static const struct {
    const char *buyer, *side, *cond;
    int monitor;
    const char *want;
} statuses[] = {
    {"city", "supplier", "supplier.quality >= 0.5", 1, "met"},
    {"city", "supplier", "supplier.quality >= 0.7", 1, "undetected"}, /* city cannot see */
    {"town", "supplier", "supplier.quality >= 0.7", 1, "violated"},   /* town can */
    {"city", "supplier", "supplier.quality >= 0.7", 0, "violated"},   /* no monitor when: seen */
    {"city", "buyer", "not buyer.pays", 1, "violated"},               /* a buyer's is always seen */
    {"town", "buyer", "buyer.pays", 1, "violated"},
    {"city", "buyer", "buyer.pays", 1, "met"},
    {"city", "supplier", "supplier.reports and buyer.pays", 1, "met"},
};

START_TEST(status_from_condition_side_and_monitoring)
{
    char text[2048];
    snprintf(text, sizeof text,
             PARTIES "contract c(buyer = %s, supplier = sun) {\n  term = 1\n  oblige %s o = %s\n%s}\n",
             statuses[_i].buyer, statuses[_i].side, statuses[_i].cond, statuses[_i].monitor ? "  monitor when buyer.sees\n" : "");
    decided x;
    decide(&x, text);
    ck_assert_int_eq(x.failed, 0);
    ck_assert_str_eq(status(&x, "c", 0), statuses[_i].want);
    const contract_row *row = &x.cs.c[0];
    ck_assert_int_eq(row->holds[0], strcmp(statuses[_i].want, "met") == 0);
    ck_assert_int_eq(row->monitored, statuses[_i].monitor ? strcmp(statuses[_i].buyer, "town") == 0 : 1);
    ck_assert_int_eq(row->supplier, actor(&x, "sun"));
    undecide(&x);
}
END_TEST

#define TENDER(MIN)                                                                                                   \
    "tender t(a: npo) {\n  buyer = city\n  min_bids = " #MIN "\n  factor q = a.quality\n  score = q\n}\n"          \
    "bid t by sun { price = 100 }\nbid t by moon { price = 90 }\n"

START_TEST(award_and_void)
{
    decided x;
    decide(&x, PARTIES TENDER(1)
               "contract won = award(t) {\n  term = 2\n  oblige supplier q = supplier.quality >= 0.7\n"
               "  oblige buyer p = buyer.pays\n  renew when true\n}\n"
               "contract also = award(t) { term = 1 }\n");
    ck_assert_int_eq(x.failed, 0);
    /* moon wins on quality: the supplier of both contracts the tender awards */
    ck_assert_int_eq(x.cs.c[contract(&x, "won")].supplier, actor(&x, "moon"));
    ck_assert_int_eq(x.cs.c[contract(&x, "also")].supplier, actor(&x, "moon"));
    ck_assert_str_eq(status(&x, "won", 0), "met");
    ck_assert_int_eq(x.cs.c[0].renewed, 1);
    undecide(&x);
    /* with three bids required the tender is unsuccessful: void, nothing
     * binds, nothing renews even with a renewal that holds */
    decide(&x, PARTIES TENDER(3)
               "contract won = award(t) {\n  term = 2\n  oblige supplier q = supplier.quality >= 0.7\n"
               "  oblige buyer p = buyer.pays\n  renew when true\n}\n");
    const contract_row *row = &x.cs.c[0];
    ck_assert_int_eq(row->supplier, -1);
    ck_assert_str_eq(status(&x, "won", 0), "void");
    ck_assert_str_eq(status(&x, "won", 1), "void");
    ck_assert_int_eq(row->renewed, 0);
    ck_assert_int_eq((int)contract_read(&x.cs, &x.s->m, NULL, 0, 0, -1, CQ_CSTATUS), CS_VOID);
    ck_assert_int_eq((int)contract_read(&x.cs, &x.s->m, NULL, 0, 0, -1, CQ_SUPPLIER), -1);
    ck_assert_int_eq((int)contract_read(&x.cs, &x.s->m, NULL, 0, 0, 1, CQ_VIOLATED), 0);
    undecide(&x);
}
END_TEST

/* The principal-agent gap: a violation the buyer cannot see does not stop
 * a renewal that asks for no violation; one it sees does. */
START_TEST(renewal_reads_own_obligations)
{
    static const char *const buyers[] = {"city", "town"};
    for (int i = 0; i < 2; i++) {
        char text[1024];
        snprintf(text, sizeof text,
                 PARTIES "contract c(buyer = %s, supplier = sun) {\n  term = 1\n"
                         "  oblige supplier q = supplier.quality >= 0.7\n  monitor when buyer.sees\n"
                         "  renew when not violated(c.q)\n}\n",
                 buyers[i]);
        decided x;
        decide(&x, text);
        ck_assert_str_eq(status(&x, "c", 0), i == 0 ? "undetected" : "violated");
        ck_assert_int_eq(x.cs.c[0].renewed, i == 0);
        undecide(&x);
    }
}
END_TEST

/* A contract binds a tuple that holds both its parties, in any places;
 * for any other tuple its queries read as a void contract's. */
START_TEST(read_for_a_tuple)
{
    decided x;
    decide(&x, PARTIES "contract c(buyer = city, supplier = sun) {\n  term = 1\n"
                       "  oblige supplier q = supplier.quality >= 0.7\n  oblige supplier r = supplier.reports\n"
                       "  monitor when buyer.sees\n  renew when true\n}\n");
    const model *m = &x.s->m;
    int city = actor(&x, "city"), town = actor(&x, "town"), sun = actor(&x, "sun"), moon = actor(&x, "moon");
    int both[] = {city, sun}, swapped[] = {sun, city}, three[] = {moon, sun, city}, buyer[] = {city, moon},
        supplier[] = {town, sun};
    ck_assert_int_eq(contract_read(&x.cs, m, both, 2, 0, 0, CQ_UNDETECTED), 1);
    ck_assert_int_eq(contract_read(&x.cs, m, swapped, 2, 0, 0, CQ_UNDETECTED), 1);
    ck_assert_int_eq(contract_read(&x.cs, m, three, 3, 0, 1, CQ_MET), 1);
    ck_assert_int_eq(contract_read(&x.cs, m, three, 3, 0, -1, CQ_RENEWED), 1);
    ck_assert_int_eq(contract_read(&x.cs, m, three, 2, 0, 1, CQ_MET), 0); /* city past np */
    ck_assert_int_eq(contract_read(&x.cs, m, buyer, 2, 0, 1, CQ_MET), 0);
    ck_assert_int_eq(contract_read(&x.cs, m, supplier, 2, 0, 1, CQ_MET), 0);
    ck_assert_int_eq(contract_read(&x.cs, m, supplier, 2, 0, 0, CQ_STATUS), OS_VOID);
    ck_assert_int_eq(contract_read(&x.cs, m, supplier, 2, 0, -1, CQ_CSTATUS), CS_VOID);
    ck_assert_int_eq(contract_read(&x.cs, m, supplier, 2, 0, -1, CQ_RENEWED), 0);
    /* the supplier is the contract's, whatever the tuple */
    ck_assert_int_eq(contract_read(&x.cs, m, buyer, 2, 0, -1, CQ_SUPPLIER), sun);
    /* a statement reads the contract's own */
    ck_assert_int_eq(contract_read(&x.cs, m, NULL, 0, 0, 0, CQ_STATUS), OS_UNDETECTED);
    undecide(&x);
}
END_TEST

/* A division by zero stops the contract it is in (and those of a tender
 * it is in), not the others. */
START_TEST(faults_stay_with_their_contract)
{
    decided x;
    decide(&x, PARTIES "actor zero : government { staff = 0 }\n"
                       "tender t(a: npo) {\n  buyer = city\n  factor q = a.quality / bid.cost\n  score = q\n}\n"
                       "bid t by sun { cost = 0 }\n"
                       "contract a(buyer = city, supplier = sun) { term = 1  oblige supplier q = supplier.quality > 0 }\n"
                       "contract b(buyer = zero, supplier = sun) { term = 1  oblige buyer q = 1 / buyer.staff > 0 }\n"
                       "contract c = award(t) { term = 1 }\n"
                       "contract d = award(t) { term = 1 }\n"
                       "contract e(buyer = town, supplier = moon) { term = 1  oblige supplier q = supplier.reports }\n");
    ck_assert_int_eq(x.failed, 3);
    const contract_row *r = x.cs.c;
    ck_assert(!contract_failed(&r[0]) && !contract_failed(&r[4]));
    ck_assert_str_eq(status(&x, "a", 0), "met");
    ck_assert_str_eq(status(&x, "e", 0), "violated");
    ck_assert_int_eq(r[1].fault.contract, 1);
    ck_assert_int_eq(r[1].fault.rule, -1);
    for (int c = 2; c <= 3; c++) {
        ck_assert_int_eq(r[c].fault.rule, coop_rule_find(x.s, "t"));
        ck_assert_int_eq(r[c].fault.tuple[0], actor(&x, "sun"));
    }
    undecide(&x);
    /* a statement reading a runs, though b cannot be decided */
    int failed;
    coop_diags *d;
    coop_script *s = load(PARTIES "actor zero : government { staff = 0 }\n"
                     "contract a(buyer = city, supplier = sun) { term = 1  oblige supplier q = supplier.quality > 0 }\n"
                     "contract b(buyer = zero, supplier = sun) { term = 1  oblige buyer q = 1 / buyer.staff > 0 }\n"
                     "expect met(a.q)\n",
             &d);
    run_text(s, 0, &failed);
    ck_assert_int_eq(failed, 0);
    coop_script_free(s);
    coop_diags_free(d);
}
END_TEST

/* A partnership reading an award contract, in a world whose bids differ:
 * the winner, so the supplier, so the tuples the contract binds, move. */
#define FOLLOWS                                                                                                       \
    PARTIES TENDER(1)                                                                                                 \
    "contract care = award(t) {\n  term = 1\n  oblige supplier q = supplier.quality >= 0.7\n"                        \
    "  monitor when buyer.governance >= 0.5\n}\n"                                                                   \
    "partnership next(g: government, n: npo) {\n  factor kept = met(care.q)\n  factor unseen = undetected(care.q)\n" \
    "  factor incumbent = supplier(care) == n\n  forms when kept or unseen\n}\n"

START_TEST(supplier_follows_the_bids)
{
    coop_diags *d;
    coop_script *s = load(FOLLOWS, &d);
    ck_assert_msg(s != NULL, "%s", diag_text(d));
    int rule = coop_rule_find(s, "next");
    int city = coop_actor_find(s, "city"), sun = coop_actor_find(s, "sun"), moon = coop_actor_find(s, "moon");
    int cm[] = {city, moon}, cs[] = {city, sun};
    coop_verdict v;
    double eff[3];
    /* moon wins on quality, and meets the obligation */
    ck_assert_int_eq(evaluate(s, rule, cm, &v, eff), 0);
    ck_assert_int_eq(v.forms, 1);
    ck_assert(eff[0] == 1 && eff[1] == 0 && eff[2] == 1);
    ck_assert_int_eq(evaluate(s, rule, cs, &v, eff), 0);
    ck_assert_int_eq(v.forms, 0);
    ck_assert(eff[0] == 0 && eff[1] == 0 && eff[2] == 0);
    /* moon's quality falls below sun's: sun wins, fails the obligation,
     * and city cannot see it */
    coop_world *w = coop_world_clone(coop_script_world(s));
    ck_assert_int_eq(coop_world_set_number(w, moon, coop_attr_find(s, "quality"), 0.5), 0);
    coop_query *q = coop_query_new(s, w, 0);
    ck_assert_int_eq(coop_evaluate(q, rule, cs, &v, eff), 0);
    ck_assert_int_eq(v.forms, 1);
    ck_assert(eff[0] == 0 && eff[1] == 1 && eff[2] == 1);
    ck_assert_int_eq(coop_evaluate(q, rule, cm, &v, eff), 0);
    ck_assert_int_eq(v.forms, 0);
    coop_query_free(q);
    /* the difference decides every tuple of next again: each reads the
     * contract, which changed */
    coop_diff *x = coop_diff_new(s, coop_script_world(s), w);
    ck_assert_int_eq(coop_diff_evaluated(x, rule), coop_rule_tuples(s, rule));
    ck_assert_int_eq(coop_diff_rows(x, rule), 2);
    coop_diff_free(x);
    coop_world_free(w);
    /* a change the contract does not read, nor next: nothing of next
     * is decided again */
    w = coop_world_clone(coop_script_world(s));
    ck_assert_int_eq(coop_world_set_number(w, sun, coop_attr_find(s, "reports"), 0), 0);
    x = coop_diff_new(s, coop_script_world(s), w);
    ck_assert_int_eq(coop_diff_evaluated(x, rule), 0);
    coop_diff_free(x);
    coop_world_free(w);
    coop_script_free(s);
    coop_diags_free(d);
}
END_TEST

/* What a rule reads of contracts is in its dependencies; a parameter
 * compared with supplier() is read as the tuple's actor. */
START_TEST(deps_and_parameters)
{
    coop_diags *d;
    coop_script *s = load(FOLLOWS "partnership plain(g: government, n: npo) {\n  factor q = n.quality\n"
                                  "  forms when q > 0.5\n}\n",
                          &d);
    ck_assert_msg(s != NULL, "%s", diag_text(d));
    const rule_info *next = &s->m.rules[coop_rule_find(s, "next")], *plain = &s->m.rules[coop_rule_find(s, "plain")];
    ck_assert_int_eq(next->deps.reads_contracts, 1);
    ck_assert_int_eq(next->deps.contracts[0], 1);
    ck_assert_int_eq(plain->deps.reads_contracts, 0);
    const rexpr *inc = next->f[2].own;
    ck_assert_int_eq(inc->k, R_BIN);
    ck_assert_int_eq(inc->sub[0]->k, R_CONTRACT);
    ck_assert_int_eq(inc->sub[1]->k, R_PARAM);
    ck_assert_int_eq(inc->sub[1]->param, 1);
    coop_script_free(s);
    coop_diags_free(d);
}
END_TEST

/* The interrupt flag (Ctrl-C) stops an award wherever it is decided: for
 * the contracts (nothing decided, and nothing kept: with the flag down
 * they are decided), for a rule that reads them, in a run, and in the
 * differences of two worlds, where the tender and the contracts are each
 * decided in both (as a session's `what if` makes them). */
START_TEST(interrupt_stops_awards)
{
    static volatile sig_atomic_t stop = 1;
    coop_diags *d;
    coop_script *s = load(FOLLOWS "show care\n", &d);
    ck_assert_msg(s != NULL, "%s", diag_text(d));
    contracts cs;
    ck_assert_int_eq(contracts_decide(&s->m, s->w, &stop, &cs), -1);
    ck_assert_int_eq(cs.n, 0);
    contracts_free(&cs);
    int tuple[COOP_MAX_PARAMS] = {coop_actor_find(s, "city"), coop_actor_find(s, "moon")};
    evaluator e;
    ev_init(&e, &s->m, s->w, coop_rule_find(s, "next"));
    e.stop = &stop;
    ck_assert_int_eq(ev_tuple(&e, tuple), -1);
    ck_assert(e.stopped);
    stop = 0;
    ck_assert_int_eq(ev_tuple(&e, tuple), 1); /* moon wins and meets the obligation */
    ev_free(&e);
    stop = 1;
    run_interrupted(s, &stop, ":24:1: error: interrupted");
    coop_script_free(s);
    coop_diags_free(d);
    /* a tender and the contract it awards, and nothing else */
    const char *text = PARTIES TENDER(1) "contract care = award(t) { term = 1 }\n";
    s = load(text, &d);
    ck_assert_msg(s != NULL, "%s", diag_text(d));
    coop_world *w = coop_world_clone(coop_script_world(s));
    ck_assert_int_eq(coop_world_set_number(w, coop_actor_find(s, "moon"), coop_attr_find(s, "quality"), 0.5), 0);
    ck_assert_ptr_null(result_diff(&s->m, s->w, w, &stop));
    stop = 0;
    diff_rule *x = result_diff(&s->m, s->w, w, &stop);
    ck_assert(x != NULL && result_award_moved(&x[coop_rule_find(s, "t")]));
    result_diff_free(&s->m, x);
    coop_world_free(w);
    coop_script_free(s);
    /* what if, in a session */
    coop_options o = {0};
    o.interrupt = &stop;
    o.out = fopen("/dev/null", "w");
    coop_session *ss = coop_session_new(&o);
    ck_assert_int_eq(coop_session_input(ss, "<stdin>", 1, text, strlen(text), d), COOP_DONE);
    const char *what = "what if moon.quality = 0.5";
    stop = 1;
    ck_assert_int_eq(coop_session_input(ss, "<stdin>", 9, what, strlen(what), d), COOP_FAILED);
    ck_assert_msg(strstr(diag_text(d), "<stdin>:9:1: error: interrupted"), "%s", diag_text(d));
    stop = 0;
    ck_assert_int_eq(coop_session_input(ss, "<stdin>", 10, what, strlen(what), d), COOP_DONE);
    coop_session_free(ss);
    fclose(o.out);
    coop_diags_free(d);
}
END_TEST

Suite *suite_contract(void)
{
    Suite *s = suite_create("contract");
    TCase *t = tcase_create("decide");
    tcase_add_loop_test(t, status_from_condition_side_and_monitoring, 0,
                        (int)(sizeof statuses / sizeof statuses[0]));
    tcase_add_test(t, award_and_void);
    tcase_add_test(t, renewal_reads_own_obligations);
    tcase_add_test(t, read_for_a_tuple);
    tcase_add_test(t, faults_stay_with_their_contract);
    tcase_add_test(t, supplier_follows_the_bids);
    tcase_add_test(t, deps_and_parameters);
    tcase_add_test(t, interrupt_stops_awards);
    suite_add_tcase(s, t);
    return s;
}
