/* parse.c - runs the scanner and parser over one source. */
#include "parse.h"

#include "coop.tab.h"
#define YYSTYPE COOP_YYSTYPE
#define YYLTYPE COOP_YYLTYPE
#include "coop.lex.h"

int parse_source(const source *src, arena *mem, coop_diags *d, program *out)
{
    parse_state *ps = mem_calloc(1, sizeof *ps);
    ps->mem = mem;
    ps->src = src;
    ps->diags = d;
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
