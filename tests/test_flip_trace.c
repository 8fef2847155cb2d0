/* test_flip_trace.c - what a verdict reads, traced (flip_trace.h): through
 * a contract (its conditions at its parties, only where it binds the
 * tuple; an award's tender), an aggregate (the tuple's own values it
 * reads; the others left out), a timeline's events (what the events that
 * write what it reads read, to a fixed point; count(R) in one); and the
 * flips that move them: exact through a contract's conditions (and
 * against a grid over every input: test_flip.c), searched through an
 * award. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "util.h"

#include "flip_trace.h"
#include "script.h"

static coop_script *load_text(const char *text)
{
    coop_diags *d;
    coop_script *s = load_ok(text, &d);
    coop_diags_free(d);
    return s;
}

/* Is value `target` (as a what-if writes it) among t's? */
static int traced(const coop_script *s, const flip_trace *t, const char *target)
{
    for (size_t i = 0; i < t->in.n; i++) {
        char buf[256];
        FILE *f = fmemopen(buf, sizeof buf, "w");
        flip_target(f, &s->m, &t->in.v[i]);
        fputc(0, f);
        fclose(f);
        if (strcmp(buf, target) == 0) return 1;
    }
    return 0;
}

/* Does one of t's left-out phrases hold `part`? */
static int left_out(const flip_trace *t, const char *part)
{
    for (size_t i = 0; i < t->left.n; i++)
        if (strstr(t->left.v[i], part)) return 1;
    return 0;
}

static void trace2(const coop_script *s, const char *rule, const char *a, const char *b, flip_trace *t)
{
    int tu[2] = {coop_actor_find(s, a), coop_actor_find(s, b)};
    ck_assert_int_ge(tu[0], 0);
    ck_assert_int_ge(tu[1], 0);
    flip_trace_of(t, &s->m, coop_rule_find(s, rule), tu);
}

static int flip2(const coop_script *s, const char *rule, const char *a, const char *b, flip_result *r)
{
    int t[2] = {coop_actor_find(s, a), coop_actor_find(s, b)};
    return flip_find(r, &s->m, s->w, coop_rule_find(s, rule), t, FLIP_OTHER, NULL, 0, 1, NULL);
}

static const char *contracts =
    "param qstd = 0.7 range 0.5 .. 0.9\n"
    "actor city : government { governance = 0.4 }\n"
    "actor sun : npo { quality = 0.65  capacity = 0.5  reports = false  years = 1 }\n"
    "actor moon : npo { quality = 0.9  capacity = 0.8  reports = true  years = 3 }\n"
    "attribute governance : government range 0 .. 1\n"
    "contract cc(buyer = city, supplier = sun) {\n"
    "  term = 3\n"
    "  oblige supplier care = supplier.quality >= qstd\n"
    "  oblige supplier reports = supplier.reports\n"
    "  monitor when buyer.governance >= 0.5\n"
    "  renew when not violated(cc.care)\n"
    "}\n"
    "partnership care(g: government, n: npo) { factor cap = n.capacity  forms when met(cc.care) and cap >= 0.4 }\n"
    "partnership seen(g: government, n: npo) { factor cap = n.capacity  forms when violated(cc.reports) and cap >= 0 }\n"
    "partnership hidden(g: government, n: npo) { factor cap = n.capacity  forms when undetected(cc.reports) and cap >= 0 }\n"
    "partnership renewal(g: government, n: npo) { factor cap = n.capacity  forms when renewed(cc) and cap >= 0.4 }\n"
    "tender supply(a: npo) { buyer = city  factor quality = a.quality  score = quality  award best score }\n"
    "bid supply by sun { price = 5 }\n"
    "bid supply by moon { price = 6 }\n"
    "contract deal = award(supply) { term = 1  oblige supplier good = supplier.quality >= 0.7 }\n"
    "partnership served(g: government, n: npo) { factor ok = met(deal.good)  forms when ok }\n"
    "partnership market(g: government, n: npo) { factor m = count(x: npo where x.years >= 2) / 3  forms when m >= 1 }\n";

START_TEST(trace_contracts)
{
    coop_script *s = load_text(contracts);
    flip_trace t;
    /* met(): the obligation's condition at the parties, its parameter too; not the monitoring */
    trace2(s, "care", "city", "sun", &t);
    ck_assert(traced(s, &t, "sun.quality") && traced(s, &t, "qstd") && traced(s, &t, "sun.capacity"));
    ck_assert(!traced(s, &t, "city.governance"));
    ck_assert_int_eq(t.in.n, 3);
    ck_assert_int_eq(t.left.n, 0);
    flip_trace_free(&t);
    /* a tuple the contract cannot bind reads it void: nothing of it */
    trace2(s, "care", "city", "moon", &t);
    ck_assert_int_eq(t.in.n, 1);
    ck_assert(traced(s, &t, "moon.capacity"));
    flip_trace_free(&t);
    /* violated(): the monitoring as well */
    trace2(s, "seen", "city", "sun", &t);
    ck_assert(traced(s, &t, "sun.reports") && traced(s, &t, "city.governance"));
    flip_trace_free(&t);
    /* renewed(): the renewal, and the obligation it reads */
    trace2(s, "renewal", "city", "sun", &t);
    ck_assert(traced(s, &t, "sun.quality") && traced(s, &t, "city.governance") && traced(s, &t, "qstd"));
    ck_assert(!traced(s, &t, "sun.reports"));
    flip_trace_free(&t);
    /* an award: the tender (every bid; the other bidder's left out) and the condition at a supplier in the tuple */
    trace2(s, "served", "city", "sun", &t);
    ck_assert(traced(s, &t, "sun.quality"));
    ck_assert(!traced(s, &t, "moon.quality"));
    ck_assert(left_out(&t, "tender 'supply', whose winner is contract 'deal''s supplier"));
    flip_trace_free(&t);
    /* an aggregate: the tuple's own value it reads, the others left out */
    trace2(s, "market", "city", "sun", &t);
    ck_assert(traced(s, &t, "sun.years"));
    ck_assert_int_eq(t.in.n, 1);
    ck_assert(left_out(&t, "what count(x: npo where x.years >= 2) (line 22, column 56) reads of other actors"));
    flip_trace_free(&t);
    coop_script_free(s);
}
END_TEST

static const char *events =
    "param gain = 0.05 range 0 .. 0.2\n"
    "param spare = 1 range 0 .. 2\n"
    "actor city : government { }\n"
    "actor sun : npo { x = 0.2  z = 0.1  used = 0 }\n"
    "actor moon : npo { x = 0.9  z = 0.5  used = 0 }\n"
    "relation trust(government, npo) default 0.2 range 0 .. 1\n"
    "timeline 2020 .. 2024 by year\n"
    "event report every year from 2021 { trust(city, sun) += gain }\n"
    "event boost while seen(city, sun) { trust(city, sun) += 0.1 }\n"
    "event noise on moon.x > 0.5 and count(seen) >= 1 { sun.z += 0.1 }\n"
    "event idle every year { sun.used += spare }\n"
    "event chain every year { moon.used += sun.z }\n"
    "partnership seen(g: government, n: npo) { factor r = n.x  forms when r >= 0.5 }\n"
    "partnership coop(g: government, n: npo) {\n"
    "  factor t = trust(g, n)\n"
    "  factor zz = n.z\n"
    "  forms when t >= 0.6 and zz >= 0\n"
    "}\n";

START_TEST(trace_events)
{
    coop_script *s = load_text(events);
    flip_trace t;
    trace2(s, "coop", "city", "sun", &t);
    /* the verdict's own, and what the events that write them read: gain (report), sun.x (boost's
     * trigger, a verdict); noise's count(seen) reads seen of every tuple, sun.x among them */
    ck_assert(traced(s, &t, "trust(city, sun)") && traced(s, &t, "sun.z"));
    ck_assert(traced(s, &t, "gain") && traced(s, &t, "sun.x"));
    /* idle and chain write nothing it reads: spare is not read, nor sun.used */
    ck_assert(!traced(s, &t, "spare") && !traced(s, &t, "sun.used"));
    ck_assert_int_eq(t.in.n, 4);
    ck_assert_int_eq(t.events.n, 3); /* report, boost, noise */
    for (size_t i = 0; i < t.events.n; i++) ck_assert_int_lt(t.events.v[i], 3);
    ck_assert(left_out(&t, "what event 'noise' reads of other actors"));
    ck_assert(left_out(&t, "what count(seen) (line 10, column 33) reads of other actors"));
    flip_trace_free(&t);
    /* without events, the rule alone (seen reads no event's writes) */
    trace2(s, "seen", "city", "sun", &t);
    ck_assert_int_eq(t.in.n, 1);
    ck_assert_int_eq(t.events.n, 0);
    flip_trace_free(&t);
    coop_script_free(s);
}
END_TEST

START_TEST(trace_reads)
{
    coop_script *s = load_text(contracts);
    const model *m = &s->m;
    int city = coop_actor_find(s, "city"), sun = coop_actor_find(s, "sun"), moon = coop_actor_find(s, "moon");
    flip_input q;
    memset(&q, 0, sizeof q);
    q.rel = q.mparam = -1;
    q.actor = sun;
    q.attr = coop_attr_find(s, "quality");
    const rule_info *care = &m->rules[coop_rule_find(s, "care")];
    int bound[2] = {city, sun}, unbound[2] = {city, moon};
    ck_assert(flip_trace_reads(m, care, bound, care->forms, &q));
    ck_assert(!flip_trace_reads(m, care, unbound, care->forms, &q));
    /* the award reads every bid; a contract whose parties are named, none */
    int deal = names_get(&m->contract_idx, "deal"), cc = names_get(&m->contract_idx, "cc");
    q.actor = moon;
    ck_assert(flip_trace_award_reads(m, deal, &q));
    ck_assert(!flip_trace_award_reads(m, cc, &q));
    q.attr = coop_attr_find(s, "capacity");
    ck_assert(!flip_trace_award_reads(m, deal, &q));
    coop_script_free(s);
}
END_TEST

/* ---- flips through what is traced ---- */

START_TEST(flip_contracts)
{
    coop_script *s = load_text(contracts);
    flip_result r;
    /* met: the condition's threshold, exactly; its cost the distance over the data's range 0.65 .. 0.9 */
    ck_assert_int_eq(flip2(s, "care", "city", "sun", &r), 0);
    ck_assert(r.exact && r.found && r.after == 1 && r.count == 1);
    ck_assert(r.cost == 0.2);
    ck_assert_int_eq(r.nleft, 0);
    for (int i = 0; i < r.nin; i++)
        if (r.to[i] != r.in[i].now) ck_assert(!r.in[i].is_param && r.to[i] == 0.7);
    flip_free(&r);
    /* the parameter of its condition, named: down to the quality, 0.05 of 0.4 */
    flip_pick p;
    memset(&p, 0, sizeof p);
    p.attr = p.actor = p.param = p.rel = -1;
    p.mparam = names_get(&s->m.param_idx, "qstd");
    int t[2] = {coop_actor_find(s, "city"), coop_actor_find(s, "sun")};
    ck_assert_int_eq(flip_find(&r, &s->m, s->w, coop_rule_find(s, "care"), t, FLIP_OTHER, &p, 1, 1, NULL), 0);
    ck_assert(r.exact && r.found && r.nin == 1 && r.in[0].is_param);
    ck_assert(r.to[0] == 0.65 && r.cost == 0.125);
    flip_free(&r);
    /* violated, undetected and renewed turn on the buyer's monitoring: 0.4 to 0.5 */
    const char *by_monitor[] = {"seen", "hidden", "renewal"};
    for (int k = 0; k < 3; k++) {
        ck_assert_int_eq(flip2(s, by_monitor[k], "city", "sun", &r), 0);
        ck_assert_msg(r.exact && r.found && r.count == 1 && r.cost == 0.1, "%s", by_monitor[k]);
        flip_free(&r);
    }
    /* a tuple the contract cannot bind: nothing of the contract moves, and nothing flips it */
    ck_assert_int_eq(flip2(s, "care", "city", "moon", &r), 0);
    ck_assert(r.exact && !r.found && r.nin == 1);
    flip_free(&r);
    /* an award's supplier moves with the bids: searched, and why */
    ck_assert_int_eq(flip2(s, "served", "city", "moon", &r), 0);
    ck_assert(!r.exact && r.found && r.after == 0);
    ck_assert_ptr_nonnull(strstr(r.why_search, "reads contract 'deal', whose supplier is the winner of tender 'supply'"));
    flip_free(&r);
    /* none of the tuple's own values flips it: what the aggregate reads of the others is said */
    ck_assert_int_eq(flip2(s, "market", "city", "sun", &r), 0);
    ck_assert(!r.found && r.nleft == 1);
    ck_assert_ptr_nonnull(strstr(r.left[0], "count(x: npo where x.years >= 2)"));
    flip_free(&r);
    coop_script_free(s);
}
END_TEST

Suite *suite_flip_trace(void)
{
    Suite *s = suite_create("flip_trace");
    TCase *tc = tcase_create("flip_trace");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, trace_contracts);
    tcase_add_test(tc, trace_events);
    tcase_add_test(tc, trace_reads);
    tcase_add_test(tc, flip_contracts);
    suite_add_tcase(s, tc);
    return s;
}
