/* test_text.c - the layers below everything: numbers as text, the JSON
 * and CSV writers, UTF-8 widths; and worlds at their edges (sets past 64 symbols,
 * worlds that numbered their own symbols apart, many relation values). */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "util.h"

#include "csv.h"
#include "fmt.h"
#include "json.h"
#include "names.h"
#include "utf8.h"
#include "world.h"

START_TEST(numbers)
{
    char b[64];
    fmt_num(b, sizeof b, 0.1);
    ck_assert_str_eq(b, "0.1");
    fmt_num(b, sizeof b, 1000);
    ck_assert_str_eq(b, "1000");
    fmt_num(b, sizeof b, -0.0);
    ck_assert_str_eq(b, "0");
    fmt_num(b, sizeof b, 1e20);
    ck_assert_str_eq(b, "1e+20");
    fmt_num(b, sizeof b, 0.1 + 0.2);
    ck_assert_str_eq(b, "0.30000000000000004");
    ck_assert(strtod(b, NULL) == 0.1 + 0.2);
    fmt_num(b, sizeof b, NAN);
    ck_assert_str_eq(b, "nan");
    fmt_num(b, sizeof b, -INFINITY);
    ck_assert_str_eq(b, "-inf");
    fmt_fixed(b, sizeof b, INFINITY);
    ck_assert_str_eq(b, "inf");
    fmt_fixed(b, sizeof b, -0.00001);
    ck_assert_str_eq(b, "0.0000");
    fmt_fixed(b, sizeof b, 2.5e13);
    ck_assert_str_eq(b, "2.5e+13");
    fmt_short(b, sizeof b, 0.25);
    ck_assert_str_eq(b, "0.25");
    fmt_short(b, sizeof b, 3);
    ck_assert_str_eq(b, "3");
    fmt_short(b, sizeof b, 2.5e13);
    ck_assert_str_eq(b, "2.5e+13");
    fmt_signed(b, sizeof b, 0.15);
    ck_assert_str_eq(b, "+0.1500");
    fmt_signed(b, sizeof b, -0.09);
    ck_assert_str_eq(b, "-0.0900");
    fmt_signed(b, sizeof b, NAN);
    ck_assert_str_eq(b, "nan");
}
END_TEST

/* Numbers as a person writes them: decimals, a sum rounded to them, the
 * shortest within a tolerance. */
START_TEST(decimals)
{
    ck_assert_int_eq(fmt_decimals(0.05), 2);
    ck_assert_int_eq(fmt_decimals(3), 0);
    ck_assert_int_eq(fmt_decimals(-2.5), 1);
    ck_assert_int_eq(fmt_decimals(0.0025), 4);
    ck_assert_int_eq(fmt_decimals(1e-20), -1);
    ck_assert_int_eq(fmt_decimals(1.0 / 3), 16);   /* 0.3333333333333333 */
    ck_assert_int_eq(fmt_decimals(0.1 + 0.2), 17); /* 0.30000000000000004 */
    ck_assert(fmt_round_decimals(0.1 + 0.2, 1) == 0.3);
    ck_assert(fmt_round_decimals(0.1 + 0.2, -1) == 0.1 + 0.2);
    ck_assert(fmt_round_decimals(1e300, 2) == 1e300); /* too large for decimals to matter */
    ck_assert(!signbit(fmt_round_decimals(-1e-9, 2)));
    double unit;
    ck_assert(fmt_digits(0.31333333333333335, 3, &unit) == 0.313 && unit == 0.001);
    ck_assert(fmt_near(0.31333333333333335, 1e-9) == 0.313333333);
    ck_assert(fmt_near(0.7499999999999999, 1e-12) == 0.75);
    ck_assert(0.45 - 0.439999999 != 0.010000001 && fmt_near(0.45 - 0.439999999, 1e-12) == 0.010000001);
    ck_assert(fmt_near(0.2866666666666667, 0) == 0.2866666666666667);
    ck_assert(isinf(fmt_near(INFINITY, 1)));
    ck_assert(fmt_near(4e-16, 1e-9) == 0 && fmt_near(4e-16, 0) == 4e-16);
}
END_TEST

START_TEST(json_writer)
{
    char *t = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&t, &len);
    json j;
    json_init(&j, f);
    json_typed(&j, "x");
    json_kstr(&j, "s", "a \"q\" \\ \n\t\r\x01 é");
    json_knum(&j, "n", 0.1);
    json_knum(&j, "inf", INFINITY);
    json_knum(&j, "nan", NAN);
    json_kint(&j, "i", -3);
    json_key(&j, "u");
    json_uint(&j, 18446744073709551615ull);
    json_kbool(&j, "t", 1);
    json_kstr(&j, "null", NULL);
    json_key(&j, "a");
    json_arr(&j);
    json_obj(&j);
    json_end_obj(&j);
    json_arr(&j);
    json_end_arr(&j);
    json_bool(&j, 0);
    json_null(&j);
    json_end_arr(&j);
    json_end_obj(&j);
    json_init(&j, f); /* a second value on a line of its own */
    json_arr(&j);
    json_int(&j, 1);
    json_int(&j, 2);
    json_end_arr(&j);
    fclose(f);
    ck_assert_str_eq(t, "{\"type\":\"x\",\"s\":\"a \\\"q\\\" \\\\ \\n\\t\\r\\u0001 é\",\"n\":0.1,\"inf\":null,"
                        "\"nan\":null,\"i\":-3,\"u\":18446744073709551615,\"t\":true,\"null\":null,"
                        "\"a\":[{},[],false,null]}\n[1,2]\n");
    free(t);
}
END_TEST

/* RFC 4180: a field quoted only when it must be (a comma, a quote, a line
 * break, a blank at either end), its quotes doubled; numbers read back the
 * same, '.' for the point, empty when not finite; a record a line.  A text
 * a spreadsheet would read as a formula (= + - @, a tab or a carriage
 * return first) starts with a single quote, inside the quotes when it has
 * them; a number, as text or not, does not. */
START_TEST(csv_writer)
{
    char *t = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&t, &len);
    csv c;
    csv_init(&c, f);
    csv_str(&c, "plain");
    csv_str(&c, "trust(a, b)");
    csv_str(&c, "say \"hi\"");
    csv_str(&c, "two\nlines");
    csv_str(&c, " padded");
    csv_str(&c, "爱弥儿");
    csv_str(&c, NULL);
    csv_str(&c, "");
    csv_end(&c);
    csv_num(&c, 0.1);
    csv_num(&c, 1e21);
    csv_num(&c, -0.0);
    csv_num(&c, NAN);
    csv_num(&c, INFINITY);
    csv_int(&c, -42);
    csv_end(&c);
    csv_str(&c, "a"); /* one field: no comma */
    csv_end(&c);
    static const char *const formulas[] = {"=1+1", "+33 5", "-x", "@home", "\tcell", "=A1, B1", "a=b", "-0.5",
                                           "1e+21", "-1e-7", "-", "-.", "-1e", "+1"};
    for (size_t i = 0; i < sizeof formulas / sizeof formulas[0]; i++) csv_str(&c, formulas[i]);
    csv_num(&c, -0.5);
    csv_end(&c);
    fclose(f);
    ck_assert_str_eq(t, "plain,\"trust(a, b)\",\"say \"\"hi\"\"\",\"two\nlines\",\" padded\",爱弥儿,,\n"
                        "0.1,1e+21,0,,,-42\na\n"
                        "'=1+1,'+33 5,'-x,'@home,'\tcell,\"'=A1, B1\",a=b,-0.5,1e+21,-1e-7,'-,'-.,'-1e,'+1,-0.5\n");
    free(t);
}
END_TEST

START_TEST(widths)
{
    ck_assert_int_eq(utf8_width("abc"), 3);
    ck_assert_int_eq(utf8_width("爱弥儿"), 6);         /* CJK: two columns each */
    ck_assert_int_eq(utf8_width("한국"), 4);           /* Hangul */
    ck_assert_int_eq(utf8_width("ＡＢ"), 4);           /* full-width forms */
    ck_assert_int_eq(utf8_width("\xF0\x9F\x98\x80"), 2); /* an emoji */
    ck_assert_int_eq(utf8_width("é"), 1);
    ck_assert_int_eq(utf8_width("\xff\xfe"), 2);       /* invalid bytes: one each */
    unsigned cp;
    ck_assert_int_eq(utf8_decode((const unsigned char *)"\xC0\x80", 2, &cp), 0); /* overlong */
    ck_assert_int_eq(utf8_decode((const unsigned char *)"\xED\xA0\x80", 3, &cp), 0); /* a surrogate */
    ck_assert_int_eq(utf8_decode((const unsigned char *)"\xE2\x82", 2, &cp), 0); /* cut short */
    ck_assert_int_eq(utf8_decode((const unsigned char *)"\xF0\x9F\x98\x80", 4, &cp), 4);
    ck_assert_uint_eq(cp, 0x1F600);
}
END_TEST

/* A set gets a 65th symbol: every set widens to two words, and rules,
 * statements and differences read them right. */
START_TEST(sets_past_64_symbols)
{
    char text[4096];
    size_t n = (size_t)snprintf(text, sizeof text, "actor a : npo { s = {");
    for (int i = 0; i < 64; i++) n += (size_t)snprintf(text + n, sizeof text - n, "%ss%d", i ? ", " : "", i);
    snprintf(text + n, sizeof text - n, "} }\nactor b : enterprise { s = {s1, s63} }\n"
                                        "partnership p(x: npo, y: enterprise) { factor o = overlap(x.s, y.s)\n"
                                        "  factor k = size(y.s) forms when o > 0.02 and k >= 2 }\n");
    coop_diags *d;
    coop_script *s = load(text, &d);
    ck_assert_msg(s != NULL, "%s", diag_text(d));
    coop_world *w = coop_world_clone(coop_script_world(s));
    ck_assert_int_eq(w->setwords, 1);
    const char *m[] = {"s1", "s63", "brand_new"};
    ck_assert_int_eq(coop_world_set_members(w, 1, 0, m, 3), 0);
    ck_assert_int_eq(w->setwords, 2);
    const char *got[80];
    ck_assert_int_eq(coop_world_members(w, 0, 0, got, 80), 64); /* a's set kept, widened */
    ck_assert_int_eq(coop_world_members(w, 1, 0, got, 80), 3);
    ck_assert_str_eq(got[2], "brand_new");
    coop_query *q = coop_query_new(s, w, 0);
    int t[2] = {0, 1};
    double eff[2];
    coop_verdict v;
    ck_assert_int_eq(coop_evaluate(q, 0, t, &v, eff), 0);
    ck_assert_double_eq_tol(eff[0], 2.0 / 65, 1e-12); /* the union counts the new symbol */
    ck_assert(eff[1] == 3);
    coop_query_free(q);
    coop_diff *x = coop_diff_new(s, coop_script_world(s), w);
    ck_assert_int_eq(coop_diff_evaluated(x, 0), 1);
    coop_diff_free(x);
    coop_world_free(w);
    coop_script_free(s);
    coop_diags_free(d);
}
END_TEST

/* Two worlds that each numbered a symbol of their own: the same set is the
 * same set, whatever the numbers. */
START_TEST(worlds_number_apart)
{
    coop_diags *d;
    coop_script *s = load("actor a : npo { s = {x} } actor b : enterprise { s = {x} }\n"
                          "partnership p(n: npo, e: enterprise) { factor o = overlap(n.s, e.s) forms when o > 0.9 }\n",
                          &d);
    ck_assert_msg(s != NULL, "%s", diag_text(d));
    coop_world *w1 = coop_world_clone(coop_script_world(s)), *w2 = coop_world_clone(coop_script_world(s));
    const char *one[] = {"x", "red"}, *two[] = {"x", "blue"};
    ck_assert_int_eq(coop_world_set_members(w1, 0, 0, one, 2), 0); /* red gets w1's first own id */
    ck_assert_int_eq(coop_world_set_members(w2, 1, 0, two, 2), 0); /* blue gets w2's: the same id */
    ck_assert_int_eq(coop_world_set_members(w2, 0, 0, two, 2), 0);
    coop_diff *x = coop_diff_new(s, w1, w2); /* overlap 1/2 in w1, 1 in w2 */
    ck_assert_int_eq(coop_diff_rows(x, 0), 1);
    ck_assert_int_eq(coop_diff_evaluated(x, 0), 1);
    coop_diff_free(x);
    ck_assert_int_eq(coop_world_set_members(w2, 0, 0, one, 2), 0);
    ck_assert_int_eq(coop_world_set_members(w2, 1, 0, one, 1), 0);
    x = coop_diff_new(s, w1, w2); /* the same sets again: nothing to evaluate */
    ck_assert_int_eq(coop_diff_evaluated(x, 0), 0);
    coop_diff_free(x);
    coop_world_free(w1);
    coop_world_free(w2);
    coop_script_free(s);
    coop_diags_free(d);
}
END_TEST

/* Many relation values: the map grows; taking values away keeps the rest. */
START_TEST(many_relation_values)
{
    char text[8192];
    size_t n = 0;
    for (int i = 0; i < 40; i++) n += (size_t)snprintf(text + n, sizeof text - n, "actor n%d : npo { }\n", i);
    snprintf(text + n, sizeof text - n, "relation r(npo, npo) default 0\n");
    coop_diags *d;
    coop_script *s = load(text, &d);
    ck_assert_msg(s != NULL, "%s", diag_text(d));
    coop_world *w = coop_world_clone(coop_script_world(s));
    for (int i = 0; i < 40; i++)
        for (int k = 0; k < 3; k++) {
            int t[2] = {i, (i + k + 1) % 40};
            ck_assert_int_eq(coop_world_set_relation(w, 0, t, i + k / 10.0), 0);
        }
    for (int i = 0; i < 40; i += 2) { /* every other actor's first value goes */
        int t[2] = {i, (i + 1) % 40};
        ck_assert_int_eq(coop_world_unset_relation(w, 0, t), 0);
    }
    coop_world *c = coop_world_clone(w);
    for (int i = 0; i < 40; i++)
        for (int k = 0; k < 3; k++) {
            int t[2] = {i, (i + k + 1) % 40};
            double v;
            int set = coop_world_relation(c, 0, t, &v);
            if (k == 0 && i % 2 == 0) ck_assert(set == 0 && v == 0);
            else ck_assert(set == 1 && v == i + k / 10.0);
        }
    coop_world_free(c);
    coop_world_free(w);
    coop_script_free(s);
    coop_diags_free(d);
}
END_TEST

/* FNV-1a, the hash the name table had: its low k bits depend only on the
 * low k bits of the state, so names that share them are easy to make. */
static uint64_t fnv1a(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

#define FLOOD 30000

/* FLOOD names whose FNV-1a hashes share their low 16 bits (so they shared
 * one slot of the old table up to 65,536 slots): "x<i>" and a four-letter
 * suffix that takes the prefix's state to 0, found by running the hash
 * backwards (the prime is odd, so it has an inverse mod 2^16). */
static void colliding_names(char (*v)[24])
{
    static const char al[] = "abcdefghijklmnopqrstuvwxyz0123456789_";
    enum { A = sizeof al - 1 };
    uint16_t p = (uint16_t)1099511628211ull, inv = p;
    for (int i = 0; i < 4; i++) inv = (uint16_t)(inv * (2 - p * inv));
    ck_assert_int_eq((uint16_t)(p * inv), 1);
    char (*back)[5] = calloc(65536, sizeof *back); /* state -> suffix that ends at 0 */
    for (int a = 0; a < A; a++)
        for (int b = 0; b < A; b++)
            for (int c = 0; c < A; c++)
                for (int e = 0; e < A; e++) {
                    uint16_t h = 0;
                    const char sfx[4] = {al[a], al[b], al[c], al[e]};
                    for (int j = 3; j >= 0; j--) h = (uint16_t)((uint16_t)(h * inv) ^ (unsigned char)sfx[j]);
                    memcpy(back[h], sfx, 4);
                }
    int n = 0;
    for (int i = 0; n < FLOOD; i++) {
        char pre[12];
        snprintf(pre, sizeof pre, "x%d", i);
        uint16_t h = (uint16_t)fnv1a(pre);
        if (!back[h][0]) continue;
        snprintf(v[n++], 24, "%s%s", pre, back[h]);
    }
    free(back);
}

static void *table_of_another_thread(void *t)
{
    names_put(t, "x", 0);
    return NULL;
}

/* The table costs as much for names made to collide under the old hash as
 * for ordinary ones: probes counted, not time.  (The old table put every
 * one of them in one run: about FLOOD/2 probes a lookup.) */
START_TEST(names_resist_flooding)
{
    char (*bad)[24] = malloc(FLOOD * sizeof *bad), (*plain)[24] = malloc(FLOOD * sizeof *plain);
    colliding_names(bad);
    for (int i = 0; i < FLOOD; i++) {
        require((fnv1a(bad[i]) & 0xffff) == 0, "%s", bad[i]); /* the test's names do collide */
        snprintf(plain[i], 24, "actor%d", i);
    }
    names tb = {0}, tp = {0};
    for (int i = 0; i < FLOOD; i++) {
        int got = names_put(&tb, bad[i], i);
        require(got == -1, "%s put: %d", bad[i], got); /* all distinct */
        names_put(&tp, plain[i], i);
    }
    for (int i = 0; i < FLOOD; i++) {
        int got = names_get(&tb, bad[i]);
        require(got == i, "%s: %d, not %d", bad[i], got, i);
    }
    double cb = (double)names_probes(&tb) / FLOOD, cp = (double)names_probes(&tp) / FLOOD;
    ck_assert_msg(cb < 2 * cp && cb < 4, "colliding names: %.2f probes a name, plain names %.2f", cb, cp);
    /* another thread draws another key: the same names sit elsewhere */
    names t2 = {0};
    pthread_t th;
    ck_assert_int_eq(pthread_create(&th, NULL, table_of_another_thread, &t2), 0);
    ck_assert_int_eq(pthread_join(th, NULL), 0);
    ck_assert(t2.k0 != tb.k0 || t2.k1 != tb.k1);
    ck_assert_int_eq(names_get(&t2, "x"), 0);
    names_free(&t2);
    names_free(&tb);
    names_free(&tp);
    free(bad);
    free(plain);
}
END_TEST

Suite *suite_text(void)
{
    Suite *s = suite_create("text");
    TCase *t = tcase_create("text");
    tcase_add_test(t, numbers);
    tcase_add_test(t, decimals);
    tcase_add_test(t, json_writer);
    tcase_add_test(t, csv_writer);
    tcase_add_test(t, widths);
    tcase_add_test(t, sets_past_64_symbols);
    tcase_add_test(t, worlds_number_apart);
    tcase_add_test(t, many_relation_values);
    tcase_add_test(t, names_resist_flooding);
    suite_add_tcase(s, t);
    return s;
}
