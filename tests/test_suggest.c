/* test_suggest.c - "did you mean": the distance, the rule that picks a
 * suggestion, its bound on work, and the warning about symbols that look
 * like typos. */
#include <stdio.h>

#include "util.h"

#include "suggest.h"

START_TEST(distance)
{
    ck_assert_int_eq(suggest_distance("kitten", "sitting", 9), 3);
    ck_assert_int_eq(suggest_distance("alliance", "aliance", 9), 1);
    ck_assert_int_eq(suggest_distance("trust", "turst", 9), 1);   /* a swap is one edit */
    ck_assert_int_eq(suggest_distance("ca", "abc", 9), 3);        /* optimal string alignment, not full Damerau (2) */
    ck_assert_int_eq(suggest_distance("Alliance", "alliance", 9), 0); /* ASCII case aside */
    ck_assert_int_eq(suggest_distance("café", "cafe", 9), 1);     /* characters, not bytes (é is two) */
    ck_assert_int_eq(suggest_distance("信任", "信认", 9), 1);
    ck_assert_int_eq(suggest_distance("信任", "任信", 9), 1);
    ck_assert_int_eq(suggest_distance("", "abc", 9), 3);
    ck_assert_int_eq(suggest_distance("abcdef", "uvwxyz", 2), 3); /* stops past max */
    ck_assert_int_eq(suggest_distance("a\xff", "a\xfe", 9), 1);   /* an invalid byte is a character */
    char longer[SUGGEST_MAX_CHARS + 2];
    memset(longer, 'a', sizeof longer - 1);
    longer[sizeof longer - 1] = 0;
    ck_assert_int_eq(suggest_distance(longer, longer, 5), 6);     /* past the length limit: never near */
}
END_TEST

/* word, the candidates in declaration order (NULL-terminated), the suggestion or NULL */
static const struct {
    const char *word, *cand[4], *want;
} cases[] = {
    {"aliance", {"alliance", "trust"}, "alliance"},
    {"medai", {"concern", "media", "trust"}, "media"},
    {"npoo", {"government", "npo"}, "npo"},
    {"acm", {"acme", "elder_care"}, "acme"},
    {"ee", {"n", "e"}, "e"},
    {"x", {"y"}, NULL},                         /* every character replaced */
    {"trust", {"trust"}, NULL},                 /* the name itself is no suggestion */
    {"abcd", {"abxy"}, NULL},                   /* 4 characters: 1 edit */
    {"abcde", {"abxye"}, "abxye"},              /* 5 to 8: 2 edits */
    {"abcdefgh", {"abcxyzgh"}, NULL},
    {"abcdefghi", {"abcxyzghi"}, "abcxyzghi"},  /* 9 or more: 3 */
    {"ab", {"abcd"}, NULL},                     /* out of reach by length */
    {"npo3", {"npo1", "npo"}, NULL},            /* differs only in digits: a name of its own */
    {"site", {"site1"}, NULL},
    {"cat", {"bat", "hat"}, "bat"},             /* ties: declaration order */
    {"cat", {"hat", "bat"}, "hat"},
    {"Trust", {"crust", "trust"}, "trust"},     /* a difference of case only wins */
    {"TRUST", {"trust", "Trust"}, "Trust"},     /* then fewer edits counting case */
    {"capasity", {"capacity", "capacities"}, "capacity"},
    {"信认", {"信任"}, "信任"},
    /* with none near, a name of 4 characters or more that begins one candidate */
    {"harmony", {"harbour_bank", "harmony_social"}, "harmony_social"},
    {"Harm", {"harmony_social", "acme"}, "harmony_social"},
    {"harmony", {"harmony_social", "harmony_care"}, NULL}, /* begins two: no telling which */
    {"harmony", {"harmony_social", "elder", "harmony_social"}, "harmony_social"}, /* one, offered twice */
    {"har", {"harmony_social"}, NULL},                   /* 3 characters */
    {"acme", {"acme_foods", "acm"}, "acm"},              /* a near one stands, though offered after */
    {"acme", {"acm", "acme_foods"}, "acm"},
    {"site", {"site12", "site_a"}, "site_a"},            /* one differing only in digits is its own name */
    {"site", {"site12"}, NULL},
};

START_TEST(rule)
{
    suggest s;
    suggest_init(&s, cases[_i].word, NULL);
    for (int j = 0; cases[_i].cand[j]; j++) suggest_offer(&s, cases[_i].cand[j], j);
    if (!cases[_i].want) {
        ck_assert_msg(s.best == NULL, "%s: suggested %s", cases[_i].word, s.best);
        ck_assert_str_eq(suggest_said(&s), "");
        return;
    }
    ck_assert_msg(s.best != NULL, "%s: nothing suggested", cases[_i].word);
    ck_assert_str_eq(s.best, cases[_i].want);
    char said[128];
    snprintf(said, sizeof said, "; did you mean '%s'?", cases[_i].want);
    ck_assert_str_eq(suggest_said(&s), said);
    /* the public form picks the same */
    size_t n = 0;
    while (cases[_i].cand[n]) n++;
    ck_assert_str_eq(coop_suggest(cases[_i].word, cases[_i].cand, n), cases[_i].want);
}
END_TEST

/* Past COOP_MAX_ERRORS errors nothing is sought: a long script of unknown
 * names costs no search per name beyond the ones reported. */
START_TEST(capped)
{
    coop_diags *d = coop_diags_new();
    suggest s;
    suggest_init(&s, "aliance", d);
    suggest_offer(&s, "alliance", 0);
    ck_assert_ptr_nonnull(s.best);
    for (int i = 0; i < COOP_MAX_ERRORS; i++) coop_diags_add(d, COOP_ERROR, "t.coop", i + 1, 1, "error %d", i);
    suggest_init(&s, "aliance", d);
    suggest_offer(&s, "alliance", 0);
    ck_assert_ptr_null(s.best);
    ck_assert_str_eq(suggest_said(&s), "");
    coop_diags_free(d);
    ck_assert_ptr_null(coop_suggest(NULL, NULL, 0));
}
END_TEST

/* Symbols: a warning, never an error, and the script's results stand. */
START_TEST(symbols)
{
    coop_diags *d;
    coop_script *s = load("actor a : npo { c = 0.5  s = {health, north, site1, caregiving} }\n"
                          "actor b : enterprise { c = 0.5  s = {helth, south, site2, Health, care} }\n"
                          "partnership p(n: npo, e: enterprise) {\n"
                          "  factor o = overlap(n.s, e.s)\n"
                          "  factor t = nutrition in e.s\n"
                          "  factor u = elderyl in n.s\n"
                          "  forms when o >= 0\n"
                          "}\n"
                          "expect count(p) == 1\n",
                          &d);
    ck_assert_msg(s != NULL, "%s", diag_text(d));
    const char *t = diag_text(d);
    ck_assert_msg(strstr(t, "t.coop:2:38: warning: symbol 'helth' appears nowhere else; did you mean 'health'?"), "%s", t);
    ck_assert_msg(strstr(t, "warning: symbol 'Health' appears nowhere else; did you mean 'health'?"), "%s", t);
    ck_assert_msg(!strstr(t, "'south'") && !strstr(t, "'site2'") && !strstr(t, "'nutrition'"), "%s", t);
    ck_assert_msg(!strstr(t, "'elderyl'"), "%s", t); /* nothing near it */
    ck_assert_msg(!strstr(t, "'care'"), "%s", t);    /* a word of its own, though it begins caregiving */
    ck_assert_int_eq(coop_diags_count(d), 2);
    ck_assert_int_eq(coop_diags_errors(d), 0);
    expect_all_pass("actor a : npo { s = {helth} }\nactor b : enterprise { s = {health} }\n"
                    "partnership p(n: npo, e: enterprise) { factor o = overlap(n.s, e.s)  forms when o >= 0 }\n"
                    "expect count(p) == 1\n");
    coop_script_free(s);
    coop_diags_free(d);
}
END_TEST

/* The symbol check compares at most SYMS_MAX_PAIRS pairs (docs/language.md):
 * 1,100 symbols used once are past it, and load without the check; 1,000
 * are within it. */
static const char *many_symbols(int n)
{
    static char text[64 * 1024];
    size_t len = (size_t)snprintf(text, sizeof text, "actor a : npo { s = {health, helth");
    for (int i = 0; i < n - 2; i++) len += (size_t)snprintf(text + len, sizeof text - len, ", w%04dx", i);
    snprintf(text + len, sizeof text - len, "} }\n");
    return text;
}

START_TEST(symbols_bounded)
{
    coop_diags *d;
    coop_script *s = load(many_symbols(1000), &d);
    ck_assert_ptr_nonnull(s);
    ck_assert_msg(strstr(diag_text(d), "symbol 'helth' appears nowhere else"), "%s", diag_text(d));
    coop_script_free(s);
    coop_diags_free(d);
    s = load(many_symbols(1100), &d);
    ck_assert_ptr_nonnull(s);
    ck_assert_int_eq(coop_diags_count(d), 0);
    coop_script_free(s);
    coop_diags_free(d);
}
END_TEST

/* Every unknown name through the library: the class of the suggestion
 * names the class of the name. */
START_TEST(messages)
{
    const char *base = "actor elder_care : npo { capacity = 0.7 }\nactor acme : enterprise { capacity = 0.9 }\n"
                       "relation trust(npo, enterprise) default 0.3\n"
                       "partnership alliance(n: npo, e: enterprise) { factor capacity = n.capacity  forms when capacity >= 0.3 }\n";
    static const struct { const char *stmt, *msg; } m[] = {
        {"expect aliance(elder_care, acme)", "unknown partnership 'aliance'; did you mean 'alliance'?"},
        {"expect count(aliance) == 1", "unknown partnership 'aliance'; did you mean 'alliance'?"},
        {"expect count(trust) == 1", "'trust' is a relation, not a partnership"},
        {"expect trust(elder_care, acmee) > 0", "unknown actor 'acmee'; did you mean 'acme'?"},
        {"expect turst(elder_care, acme) > 0", "unknown relation 'turst'; did you mean 'trust'?"},
        {"expect abss(1) > 0", "unknown function 'abss'; did you mean 'abs'?"},
        {"expect zzzz(1) > 0", "unknown function or relation 'zzzz'"},
        {"show Alliance", "unknown partnership 'Alliance'; did you mean 'alliance'?"},
        /* a name of another class is named as such, wherever it stands */
        {"show alliance(npo, acme)", "'npo' is a kind, not an actor"},
        {"expect npo.capacity > 0", "'npo' is a kind, not an actor"},
        {"expect trust(elder_care, enterprise) > 0", "'enterprise' is a kind, not an actor"},
        {"partnership p(a, b: acme) { factor f = 1 forms when f > 0 }", "'acme' is an actor, not a kind"},
    };
    char text[1024];
    snprintf(text, sizeof text, "%s%s\n", base, m[_i].stmt);
    const char *t = load_error(text);
    ck_assert_msg(strstr(t, m[_i].msg), "%s\nwanted: %s", t, m[_i].msg);
    ck_assert_msg(strstr(m[_i].msg, "did you mean") || !strstr(t, "did you mean"), "%s", t);
}
END_TEST

Suite *suite_suggest(void)
{
    Suite *s = suite_create("suggest");
    TCase *tc = tcase_create("suggest");
    tcase_add_test(tc, distance);
    tcase_add_loop_test(tc, rule, 0, (int)(sizeof cases / sizeof cases[0]));
    tcase_add_test(tc, capped);
    tcase_add_test(tc, symbols);
    tcase_add_test(tc, symbols_bounded);
    tcase_add_loop_test(tc, messages, 0, 12);
    suite_add_tcase(s, tc);
    return s;
}
