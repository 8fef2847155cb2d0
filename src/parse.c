/* parse.c - runs the scanner and parser over one source; tells what kind of
 * input a session was given. */
#include "parse.h"

#include <stdlib.h>
#include <string.h>

#include "coop.tab.h"
#define YYSTYPE COOP_YYSTYPE
#define YYLTYPE COOP_YYLTYPE
#include "coop.lex.h"

static int parse_with(const source *src, int start, arena *mem, coop_diags *d, program *out)
{
    parse_state *ps = mem_calloc(1, sizeof *ps);
    ps->mem = mem;
    ps->src = src;
    ps->diags = d;
    ps->start = start;
    size_t before = coop_diags_errors(d);

    yyscan_t scanner;
    coop_yylex_init_extra(ps, &scanner);
    YY_BUFFER_STATE buf = coop_yy_scan_bytes(src->text, (int)src->len, scanner);
    coop_yyparse(scanner, ps);
    coop_yy_delete_buffer(buf, scanner);
    coop_yylex_destroy(scanner);

    out->v = (decl **)ps->decls.v;
    out->n = ps->decls.n;
    int errs = coop_diags_errors(d) > before;
    free(ps);
    return errs ? -1 : 0;
}

int parse_source(const source *src, arena *mem, coop_diags *d, program *out)
{
    return parse_with(src, 0, mem, d, out);
}

int parse_input(const source *src, input_kind k, arena *mem, coop_diags *d, program *out)
{
    int start = k == IN_VALUE ? START_VALUE : k == IN_WHATIF ? START_WHATIF : k == IN_SET ? START_SET
              : k == IN_WHY ? START_WHY : k == IN_CHANGE ? START_CHANGE : 0;
    return parse_with(src, start, mem, d, out);
}

/* A token of the classifier: its kind, text (of a name) and place. */
typedef struct tok {
    int k;
    const char *s;
    coop_loc loc;
} tok;

static tok lex(yyscan_t scanner, COOP_YYLTYPE *lloc)
{
    COOP_YYSTYPE v;
    tok t;
    t.k = coop_yylex(&v, lloc, scanner);
    t.s = t.k == IDENT ? v.str : "";
    t.loc = *lloc;
    return t;
}

static input_kind classify(yyscan_t scanner, COOP_YYLTYPE *lloc, coop_loc *first, coop_loc *where)
{
    tok t0 = lex(scanner, lloc);
    *first = t0.loc;
    switch (t0.k) {
    case END: case KIND: case ACTOR: case RELATION: case PARTNERSHIP:
    case SHOW: case EXPLAIN: case DOMINANCE: case EXPECT:
        return IN_PROGRAM;
    case IDENT: break;
    default: return IN_VALUE;
    }
    tok t1 = lex(scanner, lloc);
    if (t1.k == IDENT || t1.k == END) { /* `set` alone waits for its changes, as `what if` does */
        if (strcmp(t0.s, "what") == 0 && t1.k == IDENT && strcmp(t1.s, "if") == 0) return IN_WHATIF;
        if (strcmp(t0.s, "set") == 0) return IN_SET;
        if (strcmp(t0.s, "why") == 0) return IN_WHY;
    }
    /* slips a newcomer makes: a command without its colon, `what-if`, a
     * change without `set` or `what if` */
    static const char *const colon[] = {"help", "quit", "exit", "load", "save", NULL};
    int apart = t1.loc.line != t0.loc.end_line || t1.loc.col != t0.loc.end_col; /* `load ./x`, not `load.x` */
    for (int i = 0; colon[i] && (t1.k == END || t1.k == IDENT || (t1.k == '.' && apart)); i++)
        if (strcmp(t0.s, colon[i]) == 0 && (t1.k == END || i >= 3)) {
            *where = t0.loc;
            return IN_COLON;
        }
    if (strcmp(t0.s, "what") == 0 && t1.k == '-') {
        *where = t0.loc;
        return IN_WHAT_IF;
    }
    static const struct { const char *w; input_kind k; } words[] = {
        {"undo", IN_UNDO}, {"reset", IN_RESET}, {"changes", IN_CHANGES},
    };
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strcmp(t0.s, words[i].w) == 0 && t1.k != '.' && t1.k != '(') { /* `undo.x`: an actor's attribute */
            if (t1.k != END) *where = t1.loc; /* the caller says nothing may follow */
            return words[i].k;
        }
    if (t1.k == IDENT) {
        *where = t0.loc;
        return IN_UNKNOWN;
    }
    if (t1.k == '.') { /* `a.b = v` */
        tok t2 = lex(scanner, lloc), t3 = lex(scanner, lloc);
        if (t2.k == IDENT && (t3.k == '=' || t3.k == PLUSEQ || t3.k == MINUSEQ)) {
            *where = t0.loc;
            return IN_BARE_CHANGE;
        }
        return IN_VALUE;
    }
    if (t1.k != '(') return IN_VALUE;
    /* `r(a, b) = v` declares a relation's value; `r(a, b)` alone is a value */
    for (int depth = 1; depth > 0;) {
        int k = lex(scanner, lloc).k;
        if (k == END) return IN_PROGRAM;
        depth += k == '(' ? 1 : k == ')' ? -1 : 0;
    }
    int k = lex(scanner, lloc).k;
    if (k == PLUSEQ || k == MINUSEQ) {
        *where = t0.loc;
        return IN_BARE_CHANGE;
    }
    return k == '=' ? IN_PROGRAM : IN_VALUE;
}

/* A scanner over src with a parse state of its own, whose diagnostics go
 * nowhere (the parse proper reports them). */
typedef struct scan {
    arena mem;
    coop_diags *scratch;
    parse_state *ps;
    yyscan_t scanner;
    YY_BUFFER_STATE buf;
} scan;

static void scan_open(scan *sc, const source *src)
{
    arena_init(&sc->mem);
    sc->scratch = coop_diags_new();
    sc->ps = mem_calloc(1, sizeof *sc->ps);
    sc->ps->mem = &sc->mem;
    sc->ps->src = src;
    sc->ps->diags = sc->scratch;
    coop_yylex_init_extra(sc->ps, &sc->scanner);
    sc->buf = coop_yy_scan_bytes(src->text, (int)src->len, sc->scanner);
}

static void scan_close(scan *sc)
{
    coop_yy_delete_buffer(sc->buf, sc->scanner);
    coop_yylex_destroy(sc->scanner);
    free(sc->ps);
    coop_diags_free(sc->scratch);
    arena_free(&sc->mem);
}

int parse_braces(const source *src, int *ntokens)
{
    scan sc;
    scan_open(&sc, src);
    COOP_YYLTYPE lloc = {src->line0 + 1, 1, src->line0 + 1, 1};
    int open = 0, n = 0;
    for (int k; (k = lex(sc.scanner, &lloc).k) != END; n++) open += k == '{' ? 1 : k == '}' ? -1 : 0;
    scan_close(&sc);
    *ntokens = n;
    return open;
}

input_kind parse_classify(const source *src, coop_loc *first, coop_loc *where)
{
    scan sc;
    scan_open(&sc, src);
    memset(where, 0, sizeof *where);
    COOP_YYLTYPE lloc = {src->line0 + 1, 1, src->line0 + 1, 1};
    input_kind k = classify(sc.scanner, &lloc, first, where);
    scan_close(&sc);
    return k;
}
