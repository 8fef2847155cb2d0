/* test_data.c - case data from CSV: the reader (csvread.c) on every
 * RFC 4180 form, each field's place and each error's line:col; the data
 * statement (data.c) typing cells by column, and reading relation values. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

#include "csvread.h"
#include "script.h"

/* ---- the reader ---- */

/* What the reader makes of text: each record a line, its fields joined by
 * '|', each followed by its place [line:col-line:col]; a bad record marked
 * "!"; "END" or "STOP" (an error that ends the text) last.  The errors
 * said go to *said (static). */
static const char *records(const char *text, size_t len, const char **said)
{
    static char out[1 << 14];
    static char errs[1 << 14];
    source src = {.name = "t.csv", .text = text, .len = len};
    arena a;
    arena_init(&a);
    coop_diags *d = coop_diags_new();
    csv_reader *r = malloc(sizeof *r);
    csv_reader_init(r, &src, &a, d);
    FILE *f = fmemopen(out, sizeof out - 1, "w");
    csv_record rec;
    int rc;
    while ((rc = csv_next(r, &rec)) > 0) {
        for (int i = 0; i < rec.n; i++) {
            const csv_field *x = &rec.f[i];
            fprintf(f, "%s%s[%d:%d-%d:%d]", i ? "|" : "", x->text, x->loc.line, x->loc.col, x->loc.end_line,
                    x->loc.end_col);
        }
        fprintf(f, "%s\n", rec.bad ? "!" : "");
    }
    fputs(rc < 0 ? "STOP" : "END", f);
    long n = ftell(f);
    fclose(f);
    out[n < 0 ? 0 : n] = 0;
    snprintf(errs, sizeof errs, "%s", diag_text(d));
    *said = errs;
    free(r);
    coop_diags_free(d);
    arena_free(&a);
    return out;
}

START_TEST(reads_every_rfc4180_form)
{
    static const struct { const char *name, *text, *want; } cases[] = {
        {"plain", "a,b\n1,2\n", "a[1:1-1:2]|b[1:3-1:4]\n1[2:1-2:2]|2[2:3-2:4]\nEND"},
        {"a comma in quotes", "\"a,b\",c\n", "a,b[1:1-1:6]|c[1:7-1:8]\nEND"},
        {"quotes written twice", "\"say \"\"hi\"\"\",x\n", "say \"hi\"[1:1-1:13]|x[1:14-1:15]\nEND"},
        {"a line break in quotes", "\"l1\nl2\",x\ny\n", "l1\nl2[1:1-2:4]|x[2:5-2:6]\ny[3:1-3:2]\nEND"},
        {"a CRLF in quotes is one line break", "\"l1\r\nl2\"\r\n", "l1\nl2[1:1-2:4]\nEND"},
        {"CRLF", "a,b\r\nc,d\r\n", "a[1:1-1:2]|b[1:3-1:4]\nc[2:1-2:2]|d[2:3-2:4]\nEND"},
        {"a lone CR", "a\rb\r", "a[1:1-1:2]\nb[2:1-2:2]\nEND"},
        {"no line end at the end", "a,b\nc,d", "a[1:1-1:2]|b[1:3-1:4]\nc[2:1-2:2]|d[2:3-2:4]\nEND"},
        {"empty fields", "a,,b\n,\n", "a[1:1-1:2]|[1:3-1:3]|b[1:4-1:5]\n[2:1-2:1]|[2:2-2:2]\nEND"},
        {"a trailing comma is an empty field", "a,\n", "a[1:1-1:2]|[1:3-1:3]\nEND"},
        {"blank lines are skipped", "a\n\n\r\n\nb\n", "a[1:1-1:2]\nb[5:1-5:2]\nEND"},
        {"an empty quoted field", "\"\",x\n", "[1:1-1:3]|x[1:4-1:5]\nEND"},
        {"columns count characters", "\xc3\xa9t\xc3\xa9,\xe4\xb8\xad\n", "\xc3\xa9t\xc3\xa9[1:1-1:4]|\xe4\xb8\xad[1:5-1:6]\nEND"},
        {"blanks are part of a field", " a , b\n", " a [1:1-1:4]| b[1:5-1:7]\nEND"},
        {"a tab is taken", "a\tb\n", "a\tb[1:1-1:4]\nEND"},
        {"nothing", "", "END"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *said;
        const char *got = records(cases[i].text, strlen(cases[i].text), &said);
        ck_assert_msg(strcmp(got, cases[i].want) == 0, "%s: got\n%s\nwanted\n%s", cases[i].name, got, cases[i].want);
        ck_assert_msg(!*said, "%s: said %s", cases[i].name, said);
    }
}
END_TEST

START_TEST(says_each_bad_field_at_its_place)
{
    static char long_field[COOP_MAX_CSV_FIELD + 8], wide[4 * COOP_MAX_CSV_COLUMNS + 8];
    memset(long_field, 'x', COOP_MAX_CSV_FIELD + 1);
    strcat(long_field, ",y\n");
    for (int i = 0; i <= COOP_MAX_CSV_COLUMNS; i++) strcat(wide, i ? ",x" : "x");
    strcat(wide, "\n");
    static char wide_at[64];
    snprintf(wide_at, sizeof wide_at, "t.csv:1:%d: error: a record of more than %d fields", 2 * COOP_MAX_CSV_COLUMNS + 1,
             COOP_MAX_CSV_COLUMNS);
    static const struct { const char *name, *text; size_t len; const char *want, *said; } cases[] = {
        {"a quote never closed", "a,\"bc\nd\n", 0, "STOP", "t.csv:1:3: error: this quote is never closed"},
        {"a quote inside a field", "ab\"c,d\ne\n", 0, "ab\"c[1:1-1:5]|d[1:6-1:7]!\ne[2:1-2:2]\nEND",
         "t.csv:1:3: error: a quote in a field that does not start with one"},
        {"text after the closing quote", "\"ab\"c,d\n", 0, "abc[1:1-1:6]|d[1:7-1:8]!\nEND",
         "t.csv:1:5: error: after a field's closing quote comes ','"},
        {"bad UTF-8", "a,b\xff" "c\n", 0, "a[1:1-1:2]|b\xff" "c[1:3-1:6]!\nEND", "t.csv:1:4: error: invalid UTF-8 byte \\xFF"},
        {"a control byte", "a\x01" "b\n", 0, "a\x01" "b[1:1-1:4]!\nEND", "t.csv:1:2: error: control byte \\x01 in a field"},
        {"a NUL byte", "a\0b,c\n", 6, "a[1:1-1:4]|c[1:5-1:6]!\nEND", "t.csv:1:2: error: control byte \\x00 in a field"},
        {"a field too long", long_field, 0, "[1:1-1:1026]|y[1:1027-1:1028]!\nEND",
         "t.csv:1:1: error: this field is 1025 bytes long; the limit is 1024 (COOP_MAX_CSV_FIELD)"},
        {"a record too wide", wide, 0, NULL, wide_at},
        {"one error a field", "a\x01\x02\"b\n", 0, "a\x01\x02\"b[1:1-1:6]!\nEND", "t.csv:1:2: error: control byte"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *said;
        const char *got = records(cases[i].text, cases[i].len ? cases[i].len : strlen(cases[i].text), &said);
        if (cases[i].want)
            ck_assert_msg(strcmp(got, cases[i].want) == 0, "%s: got\n%s\nwanted\n%s", cases[i].name, got, cases[i].want);
        ck_assert_msg(strncmp(said, cases[i].said, strlen(cases[i].said)) == 0, "%s: said\n%s", cases[i].name, said);
        const char *second = strstr(said + 1, "t.csv:");
        ck_assert_msg(!second, "%s: said twice:\n%s", cases[i].name, said);
    }
}
END_TEST

START_TEST(stops_after_its_errors)
{
    char text[4096] = "";
    for (int i = 0; i < COOP_MAX_CSV_ERRORS + 5; i++) strcat(text, "a\"b\n");
    const char *said;
    const char *got = records(text, strlen(text), &said);
    int n = 0;
    for (const char *p = said; (p = strstr(p, ": error: ")); p++) n++;
    ck_assert_int_eq(n, COOP_MAX_CSV_ERRORS);
    char note[128];
    snprintf(note, sizeof note, "t.csv:%d:2: note: more errors from here on are not said", COOP_MAX_CSV_ERRORS + 1);
    ck_assert_msg(strstr(said, note) != NULL, "%s", said);
    /* the records before it are read; none after */
    ck_assert_ptr_nonnull(strstr(got, "END"));
    int recs = 0;
    for (const char *p = got; (p = strchr(p, '\n')); p++) recs++;
    ck_assert_int_eq(recs, COOP_MAX_CSV_ERRORS);
}
END_TEST

/* ---- the data statement ---- */

static char dir[64];

static void put(const char *file, const char *text)
{
    char path[128];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
}

/* Loads script text written beside the CSV files put. */
static coop_script *load_in_dir(const char *text, coop_diags **d)
{
    put("m.coop", text);
    char path[128];
    snprintf(path, sizeof path, "%s/m.coop", dir);
    *d = coop_diags_new();
    return coop_load_file(path, *d);
}

static void make_dir(void)
{
    snprintf(dir, sizeof dir, "%s/coop-data.XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void remove_dir(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}

START_TEST(types_each_column)
{
    make_dir();
    put("o.csv", "\xEF\xBB\xBF" "org,full name,n,share,flag,tags,note,mixed\r\n"
                 "a,\"Alpha, Ltd\",1,40%,true,{x; y},hello,1\r\n"
                 "b,Beta,-2.5e3,0.5,FALSE,\"{y, z}\",42,true\r\n"
                 "c,,+3,1e-2,True,{},,0.5");
    coop_diags *d;
    coop_script *s = load_in_dir("data actors from \"o.csv\" kind npo name org label \"full name\"\n"
                                 "expect a.n == 1 and b.n == -2500 and c.n == 3\n"
                                 "expect a.share == 0.4 and b.share == 0.5 and c.share == 0.01\n"
                                 "expect a.flag and not b.flag and c.flag\n"
                                 "expect a.tags == {x, y} and b.tags == {y, z} and size(c.tags) == 0\n"
                                 "expect a.note == \"hello\" and b.note == \"42\"\n"
                                 "expect a.mixed == 1 and b.mixed == 1 and c.mixed == 0.5\n",
                                 &d);
    ck_assert_msg(s != NULL, "%s", diag_text(d));
    int failed;
    run_text(s, 0, &failed);
    ck_assert_int_eq(failed, 0);
    ck_assert_int_eq(coop_name_count(s, COOP_NAMES_ACTOR), 3);
    ck_assert_str_eq(s->m.actors[0].label, "Alpha, Ltd");
    ck_assert_ptr_null(s->m.actors[2].label); /* an empty cell: no label */
    ck_assert_int_eq(coop_attr_type(s, coop_attr_find(s, "note")), COOP_VALUE_STRING); /* "42" is text there */
    ck_assert_int_eq(coop_attr_type(s, coop_attr_find(s, "flag")), COOP_VALUE_BOOL);
    ck_assert_int_eq(coop_attr_type(s, coop_attr_find(s, "mixed")), COOP_VALUE_NUMBER);
    /* an empty cell: the actor lacks the attribute */
    ck_assert(!coop_actor_has(s, 2, "note"));
    ck_assert(coop_actor_has(s, 1, "note"));
    coop_script_free(s);
    coop_diags_free(d);
    remove_dir();
}
END_TEST

START_TEST(says_where_each_cell_is_wrong)
{
    make_dir();
    put("o.csv", "name,n,tags,few\n"
                 "a,1,{x},1\n"
                 "b,high,{x},x\n"
                 "Bad Name,2,y,\n"
                 "c,.5,{1x; ok},\n");
    coop_diags *d;
    coop_script *s = load_in_dir("data actors from \"o.csv\" kind npo\n", &d);
    ck_assert_ptr_null(s);
    const char *t = diag_text(d);
    static const char *const said[] = {
        "o.csv:3:3: error: column 'n' holds numbers (2 of its 4 cells), but this cell is text 'high'",
        "o.csv:3:12: error: column 'few' holds numbers (1 of its 2 cells), but this cell is text 'x'",
        "o.csv:4:1: error: 'Bad Name' is no actor's name",
        "like 'bad_name'",
        "o.csv:4:12: error: column 'tags' holds sets (3 of its 4 cells), but this cell is text 'y': a set is written "
        "in braces: {y}",
        "o.csv:5:3: error: column 'n' holds numbers (2 of its 4 cells), but this cell is text '.5': a number starts "
        "with a digit: write '0.5'",
        "o.csv:5:7: error: '1x' is no name, and a set's members are names: write it as one, like '_1x'",
    };
    for (size_t i = 0; i < sizeof said / sizeof said[0]; i++) ck_assert_msg(strstr(t, said[i]), "no '%s' in\n%s", said[i], t);
    coop_diags_free(d);
    remove_dir();
}
END_TEST

/* A record of a field too many or too few: where it went wrong, and
 * what is said there (one error: the record is said, and left out).  The
 * header is name,label,capacity,media; the record "ok,Ok,0.5,0.2" before
 * it makes capacity and media columns of numbers. */
static const struct { const char *rec, *said; } ragged_cases[] = {
    /* the comma of a label's text */
    {"y,Shanghai Youth, Care,0.6,0.3", "o.csv:3:17: error: this record has 5 fields, and the header 4: a comma "
     "inside a value must be quoted (\"a, b\"); this one is likely inside column 'label' (\"Shanghai Youth, Care\")"},
    /* a number's decimal comma, past a label a number would fit as text */
    {"d,Dec,0,6,0.3", "o.csv:3:8: error: this record has 5 fields, and the header 4: this comma likely belongs to "
     "column 'capacity', whose '0,6' is a number: decimal comma: write 0.6"},
    /* two commas of one label */
    {"z,A, B, C,0.6,0.3", "o.csv:3:4: error: this record has 6 fields, and the header 4: a comma inside a value must "
     "be quoted (\"a, b\"); this one is likely inside column 'label' (\"A, B, C\")"},
    /* a label's second part a number: no label's text */
    {"w,Unit,2,0.6,0.3", "o.csv:3:14: error: this record has 5 fields, and the header 4: a comma inside a value must "
     "be quoted (\"a, b\"); the fields past the header's start here"},
    /* empty fields past the last column */
    {"t,T,0.4,0.1,,", "o.csv:3:12: error: this record has 6 fields, and the header 4: the fields past its last "
     "column are empty: delete the ',' from here, or name the columns in the header"},
    /* a name with a comma is no name, nor a label whose second part is a
     * number: the first field past the header's */
    {"a, b,0.5,0.2,0.3", "o.csv:3:14: error: this record has 5 fields, and the header 4: a comma inside a value must "
     "be quoted (\"a, b\"); the fields past the header's start here"},
    /* quoted, a field's commas are its own */
    {"q,\"A, B\",C,0.5,0.2", "the fields past the header's start here"},
    /* a label's comma and an empty last cell: the label's comma, not an
     * empty field past the last column */
    {"y,Shanghai YMCA, Luoshan Club,0.75,", "o.csv:3:16: error: this record has 5 fields, and the header 4: a comma "
     "inside a value must be quoted (\"a, b\"); this one is likely inside column 'label' (\"Shanghai YMCA, Luoshan "
     "Club\")"},
    /* a label's comma and a comma too many at the end: both said */
    {"y,A, B,0.75,0.2,", "o.csv:3:4: error: this record has 6 fields, and the header 4: a comma inside a value must be "
     "quoted (\"a, b\"); this one is likely inside column 'label' (\"A, B\"); and past its last column is an empty "
     "field: delete the ',' at its end"},
    /* one empty field past the last column, and no comma that fits */
    {"t,T,0.4,0.1,", "o.csv:3:12: error: this record has 5 fields, and the header 4: the field past its last column "
     "is empty"},
    {"s,S", "o.csv:3:4: error: this record has 2 fields, and the header 4: it ends here, without columns 'capacity' "
     "and 'media' (a record has a cell for each column; an empty one is written ',,')"},
    {"s,S,0.4", "o.csv:3:8: error: this record has 3 fields, and the header 4: it ends here, without column 'media'"},
};

START_TEST(says_where_a_ragged_record_went_wrong)
{
    make_dir();
    char text[256];
    snprintf(text, sizeof text, "name,label,capacity,media\nok,Ok,0.5,0.2\n%s\n", ragged_cases[_i].rec);
    put("o.csv", text);
    coop_diags *d;
    coop_script *s = load_in_dir("data actors from \"o.csv\" kind npo label label\n", &d);
    ck_assert_ptr_null(s);
    ck_assert_int_eq(coop_diags_errors(d), 1);
    ck_assert_msg(strstr(diag_text(d), ragged_cases[_i].said), "no '%s' in\n%s", ragged_cases[_i].said, diag_text(d));
    coop_diags_free(d);
    remove_dir();
}
END_TEST

/* Every error of the files in one pass, with the model's about what was
 * read well; a record left out is said nowhere else; a file not read to
 * its end is said alone (what it did not read would be unknown). */
START_TEST(says_every_error_in_one_pass)
{
    make_dir();
    put("a.csv", "name,capacity\nn1,0.5\nn2,lots\nn3,0.7\nn1,0.2\n");
    put("e.csv", "name\ne1\n");
    put("t.csv", "npo,enterprise,value\nn1,e1,high\nm3,e1,0.5\nn3,e1,1.5\nn2,e1,0.4\nn3,e1,0,6\n");
    const char *script = "data actors from \"a.csv\" kind npo\ndata actors from \"e.csv\" kind enterprise\n"
                         "relation trust(npo, enterprise) default 0.3 range 0 .. 1\ndata trust from \"t.csv\"\n"
                         "trust(n2, e1) = 0.1\n"
                         "partnership p(x: npo, y: enterprise) {\n  factor c = x.capacity\n  forms when c > 0.5\n}\n";
    coop_diags *d;
    coop_script *s = load_in_dir(script, &d);
    ck_assert_ptr_null(s);
    const char *t = diag_text(d);
    static const char *const said[] = {
        "a.csv:3:4: error: column 'capacity' holds numbers",      /* a cell: n2 left out */
        "t.csv:2:7: error: the value of relation 'trust' is a number or true/false, not text 'high'",
        "t.csv:6:8: error: this record has 4 fields",             /* its decimal comma */
        "a.csv:5:1: error: actor 'n1' is declared twice",         /* the resolver's, of the records read well */
        "t.csv:3:1: error: unknown actor 'm3'; did you mean 'n3'?",
        "t.csv:4:7: error: trust(n3, e1) is 1.5, outside its range 0 .. 1",
    };
    for (size_t i = 0; i < sizeof said / sizeof said[0]; i++) ck_assert_msg(strstr(t, said[i]), "no '%s' in\n%s", said[i], t);
    ck_assert_int_eq(coop_diags_errors(d), sizeof said / sizeof said[0]); /* n2: said at its cell, nowhere else */
    ck_assert_msg(!strstr(t, "'n2'"), "%s", t);
    coop_diags_free(d);
    /* a quote never closed: the file is said alone, and nothing of the model */
    put("a.csv", "name,capacity\nn1,0.5\n\"n2,0.5\nn3,0.7\n");
    put("t.csv", "npo,enterprise,value\nn3,e1,0.5\n");
    s = load_in_dir(script, &d);
    ck_assert_ptr_null(s);
    t = diag_text(d);
    ck_assert_int_eq(coop_diags_errors(d), 1);
    ck_assert_msg(strstr(t, "a.csv:3:1: error: this quote is never closed"), "%s", t);
    coop_diags_free(d);
    remove_dir();
}
END_TEST

/* A column a rule reads, missing or misspelt in a file of 50 actors: one
 * error for the file, not one an actor; a column nothing reads, close to
 * no name read, is no error. */
START_TEST(says_a_column_once_for_its_actors)
{
    make_dir();
    char text[4096];
    size_t len = (size_t)snprintf(text, sizeof text, "name,Capacity,volunteers\n");
    for (int i = 0; i < 50; i++) len += (size_t)snprintf(text + len, sizeof text - len, "a%d,0.%d,%d\n", i, i % 10, i);
    put("o.csv", text);
    static const char *const rule[] = {
        /* misspelt: capacity read, Capacity given (the enterprise has it, or no actor does) */
        "actor e : enterprise { capacity = 0.5 }\npartnership p(n: npo, x: enterprise) {\n  factor c = n.capacity\n  "
        "forms when c > 0.5\n}\n",
        "actor e : enterprise { }\npartnership p(n: npo, x: enterprise) {\n  factor c = n.capacity\n  "
        "forms when c > 0.5\n}\n",
        /* missing: staff read, no column like it */
        "actor e : enterprise { staff = 3 }\npartnership p(n: npo, x: enterprise) {\n  factor c = n.staff\n  "
        "forms when c > 0.5\n}\n",
    };
    static const char *const said[] = {
        "o.csv:1:6: error: column 'Capacity' names attribute 'Capacity', but partnership 'p' reads n.capacity; did "
        "you mean 'capacity'?",
        "o.csv:1:6: error: column 'Capacity' names attribute 'Capacity', but partnership 'p' reads n.capacity; did "
        "you mean 'capacity'?",
        "m.coop:4:14: error: the 50 actors read from ",
    };
    for (size_t i = 0; i < sizeof rule / sizeof rule[0]; i++) {
        char script[512];
        snprintf(script, sizeof script, "data actors from \"o.csv\" kind npo\n%s", rule[i]);
        coop_diags *d;
        coop_script *s = load_in_dir(script, &d);
        ck_assert_ptr_null(s);
        ck_assert_msg(strstr(diag_text(d), said[i]), "no '%s' in\n%s", said[i], diag_text(d));
        ck_assert_int_eq(coop_diags_errors(d), 1);
        coop_diags_free(d);
    }
    /* read as written, the column is an attribute like any other, and so is one nothing reads */
    coop_diags *d;
    coop_script *s = load_in_dir("data actors from \"o.csv\" kind npo\nexpect a3.Capacity == 0.3 and a3.volunteers == 3\n",
                                 &d);
    expect_passes(s, d);
    remove_dir();
}
END_TEST

START_TEST(reads_relation_values)
{
    make_dir();
    put("a.csv", "name\nn1\nn2\n");
    put("e.csv", "name\ne1\n");
    put("t.csv", "npo,enterprise,value\nn1,e1,0.6\n n2 , e1 ,true\n");
    coop_diags *d;
    coop_script *s = load_in_dir("data actors from \"a.csv\" kind npo\ndata actors from \"e.csv\" kind enterprise\n"
                                 "relation trust(npo, enterprise) default 0.3\ndata trust from \"t.csv\"\n"
                                 "expect trust(n1, e1) == 0.6 and trust(n2, e1) == 1\n", &d);
    expect_passes(s, d);
    /* an actor unknown in 3 records: said once, with the nearest name */
    put("t.csv", "npo,enterprise,value\nm1,e1,0.6\nm1,e1,0.5\nm1,e1,0.4\nn1,e1,0.2\nn1,e1,0.3\n");
    s = load_in_dir("data actors from \"a.csv\" kind npo\ndata actors from \"e.csv\" kind enterprise\n"
                    "relation trust(npo, enterprise) default 0.3\ndata trust from \"t.csv\"\n", &d);
    ck_assert_ptr_null(s);
    const char *t = diag_text(d);
    ck_assert_msg(strstr(t, "t.csv:2:1: error: unknown actor 'm1'; did you mean 'n1'?"), "%s", t);
    ck_assert_msg(!strstr(t, "t.csv:3:1: error: unknown actor"), "%s", t);
    ck_assert_msg(strstr(t, "t.csv:6:1: error: trust(n1, e1) is set twice"), "%s", t);
    ck_assert_msg(strstr(t, "t.csv:5:1: note: it is set here first"), "%s", t);
    coop_diags_free(d);
    remove_dir();
}
END_TEST

START_TEST(reads_from_the_script_directory)
{
    make_dir();
    put("a.csv", "name,c\nx,1\n");
    coop_diags *d;
    coop_script *s = load_in_dir("data actors from \"a.csv\" kind npo\n", &d);
    ck_assert_msg(s != NULL, "%s", diag_text(d));
    coop_script_free(s);
    coop_diags_free(d);
    /* the same text loaded with no directory: the path tried is said */
    const char *t = load_error("data actors from \"no-such-file.csv\" kind npo\n");
    ck_assert_msg(strstr(t, "t.coop:1:18: error: cannot read 'no-such-file.csv': No such file or directory"), "%s", t);
    remove_dir();
}
END_TEST

/* The text of file `name` in dir (static). */
static const char *text_of_file(const char *file)
{
    static char t[4096];
    char path[160];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    FILE *f = fopen(path, "rb");
    ck_assert_ptr_nonnull(f);
    size_t n = fread(t, 1, sizeof t - 1, f);
    t[n] = 0;
    fclose(f);
    return t;
}

static void session_do(coop_session *s, const char *in, coop_diags *d)
{
    ck_assert_msg(coop_session_input(s, "<in>", 1, in, strlen(in), d) == COOP_DONE, "%s: %s", in, diag_text(d));
}

static void save_to(coop_session *s, const char *file, coop_diags *d)
{
    char path[160];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    ck_assert_msg(coop_session_save(s, path, 1, d) == COOP_DONE, "%s", diag_text(d));
}

/* A number attribute of an actor in the script saved as `file`. */
static double saved_value(const char *file, const char *actor, const char *attr)
{
    char path[160];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    coop_diags *d = coop_diags_new();
    coop_script *s = coop_load_file(path, d);
    ck_assert_msg(s != NULL, "%s", diag_text(d));
    double v = -1;
    ck_assert_int_eq(coop_world_attr(coop_script_world(s), coop_actor_find(s, actor), coop_attr_find(s, attr), &v, NULL),
                     COOP_VALUE_NUMBER);
    coop_script_free(s);
    coop_diags_free(d);
    return v;
}

/* A session on dir's script `file`, loaded. */
static coop_session *session_on(const char *file, coop_diags *d)
{
    char path[160];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    coop_options o = {0};
    coop_session *s = coop_session_new(&o);
    ck_assert_msg(coop_session_load(s, path, d) == COOP_DONE, "%s", diag_text(d));
    return s;
}

START_TEST(saves_what_reloads)
{
    make_dir();
    put("a.csv", "name,c\nx,1\ny,2\n");
    put("e.csv", "name\ne1\n");
    put("t.csv", "a,b,v\nx,e1,0.5\n");
    put("m.coop", "data actors from \"a.csv\" kind npo\ndata actors from \"e.csv\" kind enterprise\n"
                  "relation r(npo, enterprise) default 0\ndata r from \"t.csv\"\n");
    char path[160];
    snprintf(path, sizeof path, "%s/sub", dir);
    ck_assert_int_eq(mkdir(path, 0700), 0);
    coop_diags *d = coop_diags_new();
    coop_session *s = session_on("m.coop", d);
    /* no change: the data lines, their paths read from the saved script's directory */
    save_to(s, "same.coop", d);
    ck_assert_msg(strstr(text_of_file("same.coop"), "data actors from \"a.csv\" kind npo\n"), "%s", text_of_file("same.coop"));
    save_to(s, "sub/up.coop", d);
    ck_assert_msg(strstr(text_of_file("sub/up.coop"), "data actors from \"../a.csv\" kind npo\n"), "%s",
                  text_of_file("sub/up.coop"));
    ck_assert(saved_value("sub/up.coop", "y", "c") == 2);
    /* a kept change of a CSV actor: its file's records written out */
    session_do(s, "set x.c = 5", d);
    session_do(s, "set r(y, e1) = 0.7", d);
    save_to(s, "sub/kept.coop", d);
    const char *t = text_of_file("sub/kept.coop");
    ck_assert_msg(strstr(t, "actor x : npo { c = 5 }\nactor y : npo { c = 2 }\n"), "%s", t);
    ck_assert_msg(strstr(t, "data actors from \"../e.csv\" kind enterprise\n"), "%s", t);
    ck_assert_msg(strstr(t, "data r from \"../t.csv\"\n"), "%s", t);
    ck_assert_msg(strstr(t, "r(y, e1) = 0.7"), "%s", t); /* a value the file does not hold: added */
    ck_assert(saved_value("sub/kept.coop", "x", "c") == 5);
    /* a kept change of a value the file holds: its records written out */
    session_do(s, "set r(x, e1) = 0.9", d);
    save_to(s, "sub/rel.coop", d);
    t = text_of_file("sub/rel.coop");
    ck_assert_msg(strstr(t, "r(x, e1) = 0.9\n"), "%s", t);
    ck_assert_msg(!strstr(t, "\ndata r from"), "%s", t);
    coop_session_free(s);
    coop_diags_free(d);
    remove_dir();
}
END_TEST

/* A set that gives a CSV actor an attribute its empty cell left out is
 * saved with its record: the saved script reloads to the same world. */
START_TEST(saves_an_attribute_an_empty_cell_lacked)
{
    make_dir();
    put("a.csv", "name,c,k\nx,1,\ny,2,3\n");
    put("m.coop", "data actors from \"a.csv\" kind npo\n");
    coop_diags *d = coop_diags_new();
    coop_session *s = session_on("m.coop", d);
    session_do(s, "set x.k = 7", d);
    save_to(s, "k.coop", d);
    const char *t = text_of_file("k.coop");
    ck_assert_msg(strstr(t, "actor x : npo { c = 1 k = 7 }\nactor y : npo { c = 2 k = 3 }\n"), "%s", t);
    ck_assert(saved_value("k.coop", "x", "k") == 7);
    coop_session_free(s);
    coop_diags_free(d);
    remove_dir();
}
END_TEST

/* A file's errors in the order of its lines: a header's misspelt column,
 * which the resolver finds after the reading said the cells, first. */
START_TEST(says_a_file_in_line_order)
{
    make_dir();
    put("h.csv", "name,Capacity,media\na,0.5,0.2\nb,0.6,0.3\nc,0.7,high\nd,x,0.4\n");
    coop_diags *d;
    coop_script *s = load_in_dir("data actors from \"h.csv\" kind npo\nactor acme : enterprise { capacity = 0.9 }\n"
                                 "partnership p(n: npo, e: enterprise) { factor c = n.capacity  forms when c > 0.5 }\n",
                                 &d);
    ck_assert_ptr_null(s);
    ck_assert_int_eq(coop_diags_errors(d), 3);
    int lines[] = {1, 0, 4, 5}; /* the header's, its note in the script, the cells' */
    ck_assert_int_eq(coop_diags_count(d), 4);
    for (int i = 0; i < 4; i++)
        if (lines[i]) ck_assert_int_eq(coop_diags_get(d, (size_t)i)->loc.line, lines[i]);
    ck_assert_int_eq(coop_diags_get(d, 1)->severity, COOP_NOTE);
    coop_diags_free(d);
    remove_dir();
}
END_TEST

Suite *suite_data(void)
{
    Suite *s = suite_create("data");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, reads_every_rfc4180_form);
    tcase_add_test(tc, says_each_bad_field_at_its_place);
    tcase_add_test(tc, stops_after_its_errors);
    tcase_add_test(tc, types_each_column);
    tcase_add_test(tc, says_where_each_cell_is_wrong);
    tcase_add_loop_test(tc, says_where_a_ragged_record_went_wrong, 0,
                        (int)(sizeof ragged_cases / sizeof ragged_cases[0]));
    tcase_add_test(tc, says_every_error_in_one_pass);
    tcase_add_test(tc, says_a_file_in_line_order);
    tcase_add_test(tc, says_a_column_once_for_its_actors);
    tcase_add_test(tc, reads_relation_values);
    tcase_add_test(tc, reads_from_the_script_directory);
    tcase_add_test(tc, saves_what_reloads);
    tcase_add_test(tc, saves_an_attribute_an_empty_cell_lacked);
    suite_add_tcase(s, tc);
    return s;
}
