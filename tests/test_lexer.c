/* test_lexer.c - tokens: numbers, percentages, UTF-8 names, bad bytes,
 * slip characters. */
#include "util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "slip.h"
#include "coop.tab.h"
#define YYSTYPE COOP_YYSTYPE
#define YYLTYPE COOP_YYLTYPE
#include "coop.lex.h"

/* Scripts whose expectations must all hold. */
static const char *good[] = {
    "actor a : npo { x = 40% y = 1e3 z = 2.5e-1 w = 0.5 }\n"
    "expect a.x == 0.4\nexpect a.y == 1000\nexpect a.z == 0.25\nexpect a.w == 1/2\n",
    "actor 爱弥儿 : npo { 能力 = 0.8 }\nexpect 爱弥儿.能力 == 0.8\n",
    "# a comment with UTF-8: 合作\nactor a : npo \"a \\\"quoted\\\" label\\n\" { s = \"x\\ty\" }\nexpect a.s == \"x\\ty\"\n",
    "actor a : npo { t = true f = false }\nexpect a.t and not a.f\nexpect a.t == 1\n",
    "actor a : npo { c = {x, y} }\nexpect 1 == 1\n",
    /* slip characters end a name, but other non-ASCII stays in it: full-width
     * letters and digits, and ’ between two characters (an apostrophe) */
    "actor ＡＢＣ : npo { 能力１ = 0.5 }\nexpect ＡＢＣ.能力１ == 0.5\n",
    "actor l’école : npo { x = 1 }\nexpect l’école.x == 1\n",
    /* strings and comments hold them as they are */
    "# ，：（）“”\nactor a : npo \"“a”，b\" { s = \"x，y\" }\nexpect a.s == \"x，y\"\n",
    /* zero written small, and a subnormal: kept as they are */
    "actor a : npo { z = 0e-999 s = 1e-310 p = 5e-322% }\nexpect a.z == 0\nexpect a.s > 0 and a.s < 2e-310\n"
    "expect a.p > 0\n",
    /* within parentheses, digits, a comma and three digits are two arguments */
    "expect max(1,500) == 500\nexpect min(2,000,7) == 0\nexpect round(2.5,1) == 2.5\n",
    /* a date where an expression stands is refused, but one digit is arithmetic */
    "expect 2015-1 == 2014\nexpect 2015 - 01 == 2014\nexpect 2015-1-1 == 2013\n",
};

START_TEST(lexes_good)
{
    expect_all_pass(good[_i]);
}
END_TEST

/* The tokens the scanner reads from text, written out (a date at its
 * precision, a number's value, a name, punctuation as typed), then the
 * count of errors it said: in a static buffer. */
static const char *tokens(const char *text)
{
    static char out[512];
    arena a;
    arena_init(&a);
    source src = {.name = "t", .text = text, .len = strlen(text)};
    parse_state *ps = calloc(1, sizeof *ps);
    ps->mem = &a;
    ps->src = &src;
    ps->diags = coop_diags_new();
    yyscan_t sc;
    coop_yylex_init_extra(ps, &sc);
    YY_BUFFER_STATE b = coop_yy_scan_bytes(text, (int)strlen(text), sc);
    COOP_YYLTYPE l = {1, 1, 1, 1};
    COOP_YYSTYPE v;
    size_t n = 0;
    for (int t; (t = coop_yylex(&v, &l, sc)) != END && n < sizeof out - 64;) {
        char d[16];
        if (t == DATE) n += (size_t)snprintf(out + n, sizeof out - n, "date:%s", v.dt.y ? date_text(v.dt, d, sizeof d) : "?");
        else if (t == NUMBER) n += (size_t)snprintf(out + n, sizeof out - n, "num:%g", v.num);
        else if (t == IDENT) n += (size_t)snprintf(out + n, sizeof out - n, "id:%s", v.str);
        else if (t == DOTDOT) n += (size_t)snprintf(out + n, sizeof out - n, "..");
        else if (t < 128) n += (size_t)snprintf(out + n, sizeof out - n, "%c", t);
        else n += (size_t)snprintf(out + n, sizeof out - n, "token %d", t);
        out[n++] = ' ';
    }
    snprintf(out + n, sizeof out - n, "errors:%zu", coop_diags_errors(ps->diags));
    coop_yy_delete_buffer(b, sc);
    coop_yylex_destroy(sc);
    coop_diags_free(ps->diags);
    free(ps);
    arena_free(&a);
    return out;
}

/* Dates: a token of their own, at the precision written; a year alone is a
 * number, and so is 2015-1 (one digit: arithmetic, as before dates). */
static const struct { const char *in, *out; } date_tokens[] = {
    {"2014-08", "date:2014-08 errors:0"},
    {"2014-08-15 2016-02-29", "date:2014-08-15 date:2016-02-29 errors:0"},
    {"2014-Q3", "date:2014-Q3 errors:0"},
    {"2014", "num:2014 errors:0"},
    {"2015-1", "num:2015 - num:1 errors:0"},
    {"2015 - 01", "num:2015 - num:1 errors:0"},
    {"20145-01", "num:20145 - num:1 errors:0"},
    {"2014-08..2015-01", "date:2014-08 .. date:2015-01 errors:0"},
    {"0..1 0.5 .. 1.5", "num:0 .. num:1 num:0.5 .. num:1.5 errors:0"},
    {"a..b", "id:a .. id:b errors:0"},
    {"2014-08x", "date:2014-08 id:x errors:0"},
    {"2014-Quota", "num:2014 - id:Quota errors:0"},
    /* of that shape, but no date: said, and read as one */
    {"2014-13 2015-02-29 2014-Q5 0000-01 2014-08-1 2014-123", "date:? date:? date:? date:? date:? date:? errors:6"},
};

START_TEST(lexes_dates)
{
    ck_assert_str_eq(tokens(date_tokens[_i].in), date_tokens[_i].out);
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
    /* thousands separators, outside parentheses: read as the number, said once */
    {"actor a : npo { x = 1,500,000 }\nexpect a.x == 1",
     "t.coop:1:21: error: a number takes no thousands separator: write 1500000"},
    {"expect 2,000.25 == 2000.25", "t.coop:1:8: error: a number takes no thousands separator: write 2000.25"},
    /* not a group of three: a decimal comma, over the whole number */
    {"actor a : npo { x = 1,5000 }", "t.coop:1:21: error: decimal comma: write 1.5000"},
    {"param w = 0,400", "t.coop:1:11: error: decimal comma: write 0.400"},
    {"expect 0,25 < 1", "t.coop:1:8: error: decimal comma: write 0.25"},
    /* apart, a comma is none: max(0, 4) and a ',' between attributes */
    {"actor a : npo { x = 1, y = 2 }", "t.coop:1:22: error: attributes are separated by spaces or newlines, not ','"},
    /* dates: the reason date_parse gives, at the date */
    {"timeline 2014-13 .. 2015-01 by month", "t.coop:1:10: error: invalid date '2014-13': a month is 01 to 12"},
    {"event x at 2015-02-29 { }", "t.coop:1:12: error: invalid date '2015-02-29': that month has no such day"},
    {"event x at 2015-Q0 { }", "t.coop:1:12: error: invalid date '2015-Q0': a quarter is Q1 to Q4"},
    {"event x at 0000-12 { }", "t.coop:1:12: error: invalid date '0000-12': there is no year 0"},
    {"event x at 2015-08-1 { }",
     "t.coop:1:12: error: invalid date '2015-08-1': a date is written YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD"},
    /* where an expression stands, a date is no difference any more */
    {"expect 2015-01 == 2014",
     "t.coop:1:8: error: 2015-01 is a date, and this model has no timeline; to subtract, write spaces: 2015 - 01"},
    {"timeline 2014 .. 2016 by year\nexpect 2015-01 - 2014 == 1",
     "t.coop:2:8: error: 2015-01 is a date: compare it with first(), as in first(R(a, b)) <= 2015-01, or read a "
     "query at it, as in R(a, b) at 2015-01; to subtract, write spaces: 2015 - 01"},
};

START_TEST(lexes_bad)
{
    const char *out = load_error(bad[_i].in);
    ck_assert_msg(strncmp(out, bad[_i].msg, strlen(bad[_i].msg)) == 0, "got:\n%s\nwant:\n%s", out, bad[_i].msg);
}
END_TEST

/* Every slip character (src/slip.c), written after a name: it ends the name
 * and is said, once, where it stands (column 9). */
static const unsigned slip_cps[] = {
    0x00A0, 0x00D7, 0x00F7, 0x2018, 0x2019, 0x201C, 0x201D, 0x2192, 0x2212, 0x2260, 0x2264, 0x2265,
    0x3000, 0x3001, 0x3002, 0x300A, 0x300B, 0x300C, 0x300D, 0x3010, 0x3011, 0xFF01, 0xFF02, 0xFF03,
    0xFF05, 0xFF06, 0xFF08, 0xFF09, 0xFF0A, 0xFF0B, 0xFF0C, 0xFF0D, 0xFF0E, 0xFF0F, 0xFF1A, 0xFF1B,
    0xFF1C, 0xFF1D, 0xFF1E, 0xFF3B, 0xFF3D, 0xFF5B, 0xFF5C, 0xFF5D, 0xFF5E,
};

/* The UTF-8 bytes of cp (below U+10000). */
static void utf8_put(char *b, unsigned cp)
{
    if (cp < 0x800) { b[0] = (char)(0xC0 | cp >> 6); b[1] = (char)(0x80 | (cp & 0x3F)); b[2] = 0; return; }
    b[0] = (char)(0xE0 | cp >> 12);
    b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    b[2] = (char)(0x80 | (cp & 0x3F));
    b[3] = 0;
}

START_TEST(slip_characters_end_a_name)
{
    char ch[5], text[128], want[64];
    utf8_put(ch, slip_cps[_i]);
    snprintf(text, sizeof text, "actor a : npo { x = 1 }\nexpect a%s.x == 1\n", ch);
    coop_diags *d;
    coop_script *s = load(text, &d);
    ck_assert_ptr_null(s);
    const char *out = diag_text(d);
    ck_assert_msg(coop_diags_errors(d) == 1, "U+%04X: %s", slip_cps[_i], out);
    snprintf(want, sizeof want, "t.coop:2:9: error: ");
    ck_assert_msg(strncmp(out, want, strlen(want)) == 0, "U+%04X: %s", slip_cps[_i], out);
    snprintf(want, sizeof want, "'%s' (U+%04X", ch, slip_cps[_i]);
    ck_assert_msg(strstr(out, want) != NULL, "U+%04X: %s", slip_cps[_i], out);
    coop_diags_free(d);
}
END_TEST

/* Every spelling the scanner's punctuation rule matches is in the table
 * (sorted, for bsearch), and only other languages' carry a fix. */
START_TEST(punctuation_spellings_are_found)
{
    static const char *const coop[] = {"->", "~=", "<=", ">=", "==", "!=", "+=", "-=", "-", "+", "*", "/",
                                       "<", ">", "=", ".", ",", ":", "(", ")", "{", "}"};
    static const char *const other[] = {"&&", "||", "<>", "!", "&", "|", ";", "[", "]", "=>", "=<"};
    for (size_t i = 0; i < sizeof coop / sizeof coop[0]; i++) {
        const slip_spelling *sp = slip_spelling_find(coop[i], strlen(coop[i]));
        ck_assert_msg(sp && !strcmp(sp->text, coop[i]) && sp->tok && !sp->fix, "%s", coop[i]);
    }
    for (size_t i = 0; i < sizeof other / sizeof other[0]; i++) {
        const slip_spelling *sp = slip_spelling_find(other[i], strlen(other[i]));
        ck_assert_msg(sp && !strcmp(sp->text, other[i]) && sp->fix, "%s", other[i]);
    }
    ck_assert_ptr_null(slip_spelling_find("~", 1));
    ck_assert_ptr_null(slip_spelling_find("=!", 2));
}
END_TEST

START_TEST(each_full_width_slip_is_one_error)
{
    /* any one ASCII punctuation character of the flagship typed full width
     * (U+FF01..U+FF5E mirror ASCII): one error, at that character */
    size_t n = strlen(flagship), tried = 0;
    int line = 1, col = 1, in_string = 0, in_comment = 0;
    char *text = malloc(n + 3);
    for (size_t i = 0; i < n; i++) {
        char c = flagship[i];
        if (c == '\n') { line++, col = 1, in_comment = 0; continue; }
        int at = col;
        col += ((unsigned char)c & 0xC0) != 0x80; /* columns count characters */
        if (c == '#' && !in_string) in_comment = 1;
        if (c == '"' && !in_comment) in_string = !in_string;
        if (in_string || in_comment || !strchr(",:(){}=<>+-*/.%", c)) continue;
        char fw[4];
        utf8_put(fw, 0xFEE0u + (unsigned char)c);
        memcpy(text, flagship, i);
        memcpy(text + i, fw, 3);
        memcpy(text + i + 3, flagship + i + 1, n - i);
        coop_diags *d;
        coop_script *s = load(text, &d);
        const char *out = diag_text(d);
        char want[64];
        snprintf(want, sizeof want, "t.coop:%d:%d: error: ", line, at);
        ck_assert_msg(!s && coop_diags_errors(d) == 1 && strncmp(out, want, strlen(want)) == 0, "%s\n%s", want, out);
        coop_diags_free(d);
        tried++;
    }
    free(text);
    ck_assert_uint_gt(tried, 100);
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

/* A value meant as a number, and what coop says instead (NULL: nothing):
 * by its text alone (no range), and outside the range 0 .. 1. */
static const struct { const char *in, *fix, *in_range; } value_slips[] = {
    {"0,4", "decimal comma: write 0.4", "decimal comma: write 0.4"},
    {"-0,4", "decimal comma: write -0.4", "decimal comma: write -0.4"},
    {"12,5%", "decimal comma: write 12.5%", "decimal comma: write 12.5%"},
    {"0,400", "decimal comma: write 0.400", "decimal comma: write 0.400"},
    {"1,5000", "decimal comma: write 1.5000", "decimal comma: write 1.5000"},
    {"1,500", "a number takes no thousands separator: write 1500", "a number takes no thousands separator: write 1500"},
    {"1,500,000.5", "a number takes no thousands separator: write 1500000.5", "a number takes no thousands separator: write 1500000.5"},
    {".5", "a number starts with a digit: write '0.5'", "a number starts with a digit: write '0.5'"},
    {"+.5%", "a number starts with a digit: write '+0.5%'", "a number starts with a digit: write '+0.5%'"},
    {"1,5,3", NULL, NULL},
    {"0,4.5", NULL, NULL},
    {"0,", NULL, NULL},
    {",4", NULL, NULL},
    {"abc", NULL, NULL},
    {"", NULL, NULL},
    {"40", NULL, "as a percentage, write 40% (= 0.4)"},
    {"10", NULL, "as a percentage, write 10% (= 0.1)"},
    {"100", NULL, "as a percentage, write 100% (= 1)"},
    {"9", NULL, NULL},     /* too small to be a percentage people write */
    {"101", NULL, NULL},   /* its hundredth is outside too */
    {"40.5", NULL, NULL},  /* no whole number */
    {"40%", NULL, NULL},   /* a percentage already */
    {"0.4", NULL, NULL},   /* inside */
    {"-40", NULL, NULL},
};

START_TEST(value_slips_are_said)
{
    char buf[256];
    const char *got = coop_value_hint(value_slips[_i].in, NAN, NAN, buf, sizeof buf);
    if (value_slips[_i].fix) ck_assert_str_eq(got ? got : "(none)", value_slips[_i].fix);
    else ck_assert_msg(!got, "%s: %s", value_slips[_i].in, got);
    got = coop_value_hint(value_slips[_i].in, 0, 1, buf, sizeof buf);
    if (value_slips[_i].in_range) ck_assert_str_eq(got ? got : "(none)", value_slips[_i].in_range);
    else ck_assert_msg(!got, "%s: %s", value_slips[_i].in, got);
    /* a buffer too small is cut, never overrun */
    char small[8];
    got = coop_value_hint(value_slips[_i].in, 0, 1, small, sizeof small);
    ck_assert(!got || strlen(got) < sizeof small);
}
END_TEST

/* The message of a value outside its range, with the percentage it may mean. */
START_TEST(outside_says_the_percentage)
{
    char buf[256];
    ck_assert_str_eq(slip_outside(buf, sizeof buf, "parameter 'w'", "would be", 40, 0, 1),
                     "parameter 'w' would be 40, outside its range 0 .. 1; as a percentage, write 40% (= 0.4)");
    ck_assert_str_eq(slip_outside(buf, sizeof buf, "trust(a, b)", "is", 2, 0, 1),
                     "trust(a, b) is 2, outside its range 0 .. 1");
    ck_assert_str_eq(slip_outside(buf, sizeof buf, "x", "is", 60, 0, 0.5), "x is 60, outside its range 0 .. 0.5");
    ck_assert_str_eq(slip_outside(buf, sizeof buf, "x", "is", 30, 0.2, 0.5),
                     "x is 30, outside its range 0.2 .. 0.5; as a percentage, write 30% (= 0.3)");
}
END_TEST

Suite *suite_lexer(void)
{
    Suite *s = suite_create("lexer");
    TCase *t = tcase_create("tokens");
    tcase_add_loop_test(t, lexes_good, 0, sizeof good / sizeof good[0]);
    tcase_add_loop_test(t, lexes_bad, 0, sizeof bad / sizeof bad[0]);
    tcase_add_loop_test(t, lexes_dates, 0, sizeof date_tokens / sizeof date_tokens[0]);
    tcase_add_loop_test(t, slip_characters_end_a_name, 0, sizeof slip_cps / sizeof slip_cps[0]);
    tcase_add_test(t, punctuation_spellings_are_found);
    tcase_add_loop_test(t, value_slips_are_said, 0, sizeof value_slips / sizeof value_slips[0]);
    tcase_add_test(t, outside_says_the_percentage);
    tcase_add_test(t, each_full_width_slip_is_one_error);
    tcase_add_test(t, caret_under_wide_characters);
    tcase_add_test(t, long_lines_are_cut_around_the_column);
    suite_add_tcase(s, t);
    return s;
}
