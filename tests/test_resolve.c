/* test_resolve.c - names, kinds, types and tuples, all before evaluation. */
#include "util.h"

#define ACTORS "actor n1 : npo { c = 0.5 s = {a} } actor n2 : association { c = 0.7 s = {b} }\n" \
               "actor e1 : enterprise { c = 0.9 s = {a, b} } actor g1 : government { c = 1 s = {} }\n"
#define RULE(body) "partnership p(n: npo, e: enterprise) { " body " }\n"

static const struct { const char *in, *msg; } bad[] = {
    {ACTORS "actor x : club {}", "unknown kind 'club'"},
    {ACTORS "actor n1 : npo {}", "actor 'n1' is declared twice"},
    {ACTORS "kind npo", "'npo' is a built-in kind"},
    {ACTORS "kind a : b kind b : a", "is already below"},
    {ACTORS RULE("factor f = n.nope forms when f > 0"), "unknown attribute 'nope': no actor declares it"},
    {ACTORS "actor e2 : enterprise { s = {} }\n" RULE("factor f = e.c forms when f > 0"),
     "actor 'e2' (enterprise) has no attribute 'c', which partnership 'p' reads as e.c"},
    {ACTORS RULE("factor f = overlap(n.c, e.s) forms when f > 0"), "overlap() needs a set, but this is a number"},
    {ACTORS RULE("factor f = n.s + 1 forms when f > 0"), "arithmetic needs a number, but this is a set"},
    {ACTORS RULE("factor f = trust(n, e) forms when f > 0"), "unknown function or relation 'trust'"},
    {ACTORS "relation trust(npo, enterprise) default 0.3\n" RULE("factor f = trust(e, n) forms when f > 0"),
     "relation 'trust' expects kind 'npo' as argument 1, but 'e' is of kind 'enterprise'"},
    {ACTORS "relation trust(npo, enterprise) default 0.3\ntrust(n1, g1) = 1",
     "relation 'trust' expects kind 'enterprise' as argument 2, but 'g1' is of kind 'government'"},
    {ACTORS RULE("factor f = n.c forms when g > 0"), "partnership 'p' has no factor 'g'"},
    {ACTORS RULE("factor f = n.c factor g = f forms when g > 0"), "a factor's own value cannot read another factor"},
    {ACTORS RULE("factor f = n.c score = n.c forms when f > 0"), "score reads factors, not attributes"},
    {ACTORS RULE("factor f = n.c forms when f"), "forms when needs true/false, but this is a number"},
    {ACTORS RULE("factor f = n.c forms when score > 0"), "partnership 'p' has no score to read"},
    {ACTORS RULE("factor f = n.c factor f = e.c forms when f > 0"), "factor 'f' is declared twice"},
    {ACTORS RULE("factor f = n.c influence f -> f2 by 1 forms when f > 0"), "partnership 'p' has no factor 'f2'"},
    {ACTORS RULE("factor f = n.c forms when f > 0") "show p(e1, n1)", "t.coop:4:8: error: partnership 'p' expects kind 'npo' for 'n', but 'e1' is of kind 'enterprise'"},
    {ACTORS RULE("factor f = n.c forms when f > 0") "explain p(n1)", "partnership 'p' takes 2 actors, not 1"},
    {ACTORS "partnership q(a: npo, b: npo) { factor f = a.c forms when f > 0 } show q(n1, n1)",
     "actor 'n1' appears twice"},
    {ACTORS RULE("factor f = n.c forms when f > 0") "expect count(p) == nope", "unknown name 'nope'"},
    {ACTORS RULE("factor f = n.c forms when f > 0") "expect dominant(p) == g", "partnership 'p' has no factor 'g'"},
    {ACTORS RULE("factor f = n.c forms when f > 0") "expect count(p)", "expect needs a condition"},
    {ACTORS "partnership count(a: npo, b: npo) { factor f = a.c forms when f > 0 }", "'count' is a built-in function"},
    {ACTORS RULE("factor f = n.c / 0 forms when f > 0"), "division by zero"},
    {ACTORS "actor z : npo { c = n1.c }", "expected a constant, not the attribute n1.c"},
    {ACTORS "partnership q(a: npo) { factor f = a.c forms when f > 0 }", "needs at least two parameters"},
    /* a tuple out of declaration order where parameters share a kind */
    {ACTORS "partnership q(a, b: npo) { factor f = a.c forms when f > 0 } show q(n2, n1)",
     "t.coop:3:62: error: partnership 'q' ranges over unordered pairs (each pair of actors once, in the order they are "
     "declared): q(n2, n1) is not one of its tuples; ask for q(n1, n2), or declare the partnership 'ordered'"},
    {ACTORS "partnership q(a: npo, g: government, b: npo) { factor f = a.c forms when f > 0 }\n"
            "expect score(q(n2, g1, n1)) > 0",
     "t.coop:4:14: error: partnership 'q' ranges over a and b as unordered pairs (each pair of actors once, in the "
     "order they are declared): q(n2, g1, n1) is not one of its tuples; ask for q(n1, g1, n2)"},
    {ACTORS "partnership q(a: npo, b: npo) ordered { factor f = a.c forms when f > 0 } show q(n1, e1)",
     "partnership 'q' expects kind 'npo' for 'b', but 'e1' is of kind 'enterprise'"},
};

START_TEST(name_and_type_errors)
{
    const char *out = load_error(bad[_i].in);
    ck_assert_msg(strstr(out, bad[_i].msg) != NULL, "got:\n%s\nwant: %s", out, bad[_i].msg);
    ck_assert_msg(strstr(out, "t.coop:") == out, "no location: %s", out);
}
END_TEST

/* A rule, whether it is ordered, and the number of tuples it ranges over. */
static const struct { const char *params; const char *ordered; long n; } tuples[] = {
    {"a: npo, b: enterprise", "", 2},       /* n1, n2 (an association is an npo) x e1 */
    {"a: npo, b: npo", "", 1},              /* {n1, n2} once */
    {"a, b: npo", "", 1},                   /* the same, written once */
    {"a: npo, b: npo", " ordered", 2},      /* (n1, n2) and (n2, n1) */
    {"a, b: npo, c, d: enterprise", " ordered", 0},
    {"a: npo, g: government, b: npo", " ordered", 2},
    {"a: npo, b: association", "", 1},      /* (n1, n2); n2 cannot pair with itself */
    {"a: npo, b: association", " ordered", 1}, /* no two of one kind: the same (a warning) */
    {"a: association, b: npo", "", 1},
    {"a: government, b: npo, c: enterprise", "", 2},
    {"a: media, b: npo", "", 0},
};

START_TEST(counts_tuples)
{
    char text[1024];
    snprintf(text, sizeof text, ACTORS "partnership p(%s)%s { factor f = 1 forms when f > 0 }\n", tuples[_i].params,
             tuples[_i].ordered);
    coop_diags *d;
    coop_script *s = load(text, &d);
    ck_assert_msg(s != NULL, "%s", diag_text(d));
    ck_assert_int_eq(coop_rule_tuples(s, 0), tuples[_i].n);
    ck_assert_int_eq(rule_count(s, NULL, 0), tuples[_i].n);
    coop_script_free(s);
    coop_diags_free(d);
}
END_TEST

/* Random rules over random actors, every other one ordered: the tuple
 * count (and the evaluated count, every tuple forming) against a
 * brute-force count of the rule's meaning: kinds match, actors distinct,
 * same declared kinds in order unless ordered.  A direct query
 * (coop_evaluate) takes exactly the tuples the brute force counts. */
static const char *kind_names[] = {"npo", "association", "foundation", "enterprise"};
/* is kind a (index above) the kind b or below it? foundation and association are npos */
static int is_a(int a, int b) { return a == b || (b == 0 && (a == 1 || a == 2)); }

START_TEST(enumeration_against_brute_force)
{
    uint64_t x = 0x2545F4914F6CDD1Dull + (uint64_t)_i * 7919;
    int na = 3 + _i % 6, np = 2 + _i % 3, ordered = _i / 3 % 2, ak[8], pk[4];
    char text[4096];
    int len = snprintf(text, sizeof text, "kind foundation : npo\n");
    for (int i = 0; i < na; i++) {
        x ^= x << 13; x ^= x >> 7; x ^= x << 17;
        ak[i] = (int)(x % 4);
        len += snprintf(text + len, sizeof text - (size_t)len, "actor a%d : %s { c = 1 }\n", i, kind_names[ak[i]]);
    }
    len += snprintf(text + len, sizeof text - (size_t)len, "partnership p(");
    for (int i = 0; i < np; i++) {
        x ^= x << 13; x ^= x >> 7; x ^= x << 17;
        pk[i] = (int)(x % 4);
        len += snprintf(text + len, sizeof text - (size_t)len, "%sx%d: %s", i ? ", " : "", i, kind_names[pk[i]]);
    }
    snprintf(text + len, sizeof text - (size_t)len, ")%s { factor f = 1 forms when f > 0 }\n", ordered ? " ordered" : "");
    coop_diags *d;
    coop_script *s = load(text, &d);
    ck_assert_msg(s != NULL, "%s", diag_text(d));
    coop_query *q = coop_query_new(s, NULL, 0);
    long want = 0;
    int t[4];
    for (long code = 0; code < 1L << (3 * np); code++) { /* every assignment of actors 0..7 */
        int ok = 1, fits = 1;
        for (int i = 0; i < np; i++) {
            t[i] = (int)(code >> (3 * i)) & 7;
            if (t[i] >= na || !is_a(ak[t[i]], pk[i])) ok = fits = 0;
            for (int j = 0; j < i; j++) {
                if (t[j] == t[i]) ok = fits = 0;
                if (!ordered && pk[j] == pk[i] && t[j] > t[i]) ok = 0;
            }
        }
        want += ok;
        if (!fits) continue;
        coop_verdict v;
        coop_diags_clear(d);
        int rc = coop_evaluate(q, 0, t, &v, NULL);
        ck_assert_msg(rc == (ok ? 0 : -1), "%s: coop_evaluate %d for a tuple %s", text, rc, ok ? "in range" : "out of range");
        ck_assert_int_eq(coop_query_error(q, d), !ok);
        if (!ok) ck_assert_ptr_nonnull(strstr(diag_text(d), "is not one of its tuples; ask for p("));
    }
    coop_query_free(q);
    ck_assert_msg(coop_rule_tuples(s, 0) == want, "%s: %ld tuples, want %ld", text, coop_rule_tuples(s, 0), want);
    ck_assert_int_eq(rule_count(s, NULL, 0), want);
    coop_script_free(s);
    coop_diags_free(d);
}
END_TEST

START_TEST(new_kinds_sit_in_the_tree)
{
    expect_all_pass("kind charity : foundation kind foundation : npo\n"
                          "actor f1 : charity { c = 1 } actor e1 : enterprise { c = 1 }\n"
                          "partnership p(n: npo, e: enterprise) { factor f = n.c forms when f > 0 }\n"
                    "expect p(f1, e1)\n");
}
END_TEST

START_TEST(several_errors_in_one_run)
{
    coop_diags *d;
    coop_script *s = load(ACTORS "actor x : club {}\n" RULE("factor f = n.nope forms when g > 0"), &d);
    ck_assert_ptr_null(s);
    ck_assert_int_ge(coop_diags_errors(d), 3);
    coop_diags_free(d);
}
END_TEST

Suite *suite_resolve(void)
{
    Suite *s = suite_create("resolve");
    TCase *t = tcase_create("names");
    tcase_add_loop_test(t, name_and_type_errors, 0, sizeof bad / sizeof bad[0]);
    tcase_add_loop_test(t, counts_tuples, 0, sizeof tuples / sizeof tuples[0]);
    tcase_add_test(t, new_kinds_sit_in_the_tree);
    tcase_add_loop_test(t, enumeration_against_brute_force, 0, 120);
    tcase_add_test(t, several_errors_in_one_run);
    suite_add_tcase(s, t);
    return s;
}
