/* test_lexer.c - tokens: numbers, percentages, UTF-8 names, bad bytes. */
#include "util.h"

/* Scripts whose expectations must all hold. */
static const char *good[] = {
    "actor a : npo { x = 40% y = 1e3 z = 2.5e-1 w = 0.5 }\n"
    "expect a.x == 0.4\nexpect a.y == 1000\nexpect a.z == 0.25\nexpect a.w == 1/2\n",
    "actor 爱弥儿 : npo { 能力 = 0.8 }\nexpect 爱弥儿.能力 == 0.8\n",
    "# a comment with UTF-8: 合作\nactor a : npo \"a \\\"quoted\\\" label\\n\" { s = \"x\\ty\" }\nexpect a.s == \"x\\ty\"\n",
    "actor a : npo { t = true f = false }\nexpect a.t and not a.f\nexpect a.t == 1\n",
    "actor a : npo { c = {x, y} }\nexpect 1 == 1\n",
    /* zero written small, and a subnormal: kept as they are */
    "actor a : npo { z = 0e-999 s = 1e-310 p = 5e-322% }\nexpect a.z == 0\nexpect a.s > 0 and a.s < 2e-310\n"
    "expect a.p > 0\n",
};

START_TEST(lexes_good)
{
    expect_all_pass(good[_i]);
}
END_TEST

/* Bad input and the exact first line of the message. */
static const struct { const char *in, *msg; } bad[] = {
    {"actor a\xff : npo {}", "t.coop:1:8: error: invalid UTF-8 byte \\xFF"},
    {"actor a : npo \"ab\xc3\x28\" {}", "t.coop:1:18: error: invalid UTF-8 byte \\xC3"},
    {"# bad \xed\xa0\x80 surrogate\n", "t.coop:1:7: error: invalid UTF-8 byte \\xED"},
    {"actor a : npo { x = @ }", "t.coop:1:21: error: unexpected character '@'"},
    {"actor 爱弥儿 : npo { x = @ }", "t.coop:1:23: error: unexpected character '@'"},
    {"actor a : npo \"open {}\n", "t.coop:1:15: error: unterminated string"},
    {"actor a : npo \"a\\qb\" {}", "t.coop:1:17: error: unknown escape in string"},
    {"actor a : npo { x = 1e999 }", "t.coop:1:21: error: number is too large"},
    {"actor a : npo { x = 1e-400 }", "t.coop:1:21: error: number is too small: it would be 0"},
    {"actor a : npo { x = 0.00002e-320% }", "t.coop:1:21: error: number is too small: it would be 0"},
    {"actor a : npo { x = 1 }\x01", "t.coop:1:24: error: unexpected byte \\x01"},
};

START_TEST(lexes_bad)
{
    const char *out = load_error(bad[_i].in);
    ck_assert_msg(strncmp(out, bad[_i].msg, strlen(bad[_i].msg)) == 0, "got:\n%s\nwant:\n%s", out, bad[_i].msg);
}
END_TEST

START_TEST(caret_under_wide_characters)
{
    const char *out = load_error("actor 爱弥儿 : npo { x = @ }");
    /* 爱弥儿 takes six columns on a terminal: the caret stays under '@' */
    ck_assert_ptr_nonnull(strstr(out, "\n  actor 爱弥儿 : npo { x = @ }\n                           ^\n"));
}
END_TEST

START_TEST(long_lines_are_cut_around_the_column)
{
    char text[4096];
    int n = snprintf(text, sizeof text, "actor a : npo {");
    for (int i = 0; i < 100; i++) n += snprintf(text + n, sizeof text - (size_t)n, " x%d = 1", i);
    n += snprintf(text + n, sizeof text - (size_t)n, " y = @");
    for (int i = 0; i < 100; i++) n += snprintf(text + n, sizeof text - (size_t)n, " z%d = 2", i);
    snprintf(text + n, sizeof text - (size_t)n, " }\n");
    const char *out = load_error(text);
    /* the window starts with "...", ends with "...", and the caret is under '@' */
    const char *line = strchr(out, '\n') + 1, *caret = strchr(line, '\n') + 1;
    ck_assert(strncmp(line, "  ...", 5) == 0);
    const char *at = strchr(line, '@');
    ck_assert_ptr_nonnull(at);
    ck_assert_int_eq((int)(strchr(caret, '^') - caret), (int)(at - line));
    ck_assert(strlen(line) - strlen(caret) < 200);
}
END_TEST

Suite *suite_lexer(void)
{
    Suite *s = suite_create("lexer");
    TCase *t = tcase_create("tokens");
    tcase_add_loop_test(t, lexes_good, 0, sizeof good / sizeof good[0]);
    tcase_add_loop_test(t, lexes_bad, 0, sizeof bad / sizeof bad[0]);
    tcase_add_test(t, caret_under_wide_characters);
    tcase_add_test(t, long_lines_are_cut_around_the_column);
    suite_add_tcase(s, t);
    return s;
}
