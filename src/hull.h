/*
 * hull.h - the upper envelope of lines y = a + b x: which line is highest
 * at a given x, in O(log n) after an O(n log n) build.  Win prices use it
 * (tender.h) for bids whose award key moves affinely with the value of an
 * aggregate over the bids, as a price below the lowest moves it.
 */
#ifndef COOP_HULL_H
#define COOP_HULL_H

typedef struct hull_line {
    double a, b; /* y = a + b x */
    int id;
} hull_line;

typedef struct hull {
    hull_line *l; /* the envelope, by slope; l[k] is highest between its crossings with l[k-1] and l[k+1] */
    int n;
} hull;

/* The envelope of lines[0, n) (finite a and b), leaving out the line with
 * id `skip` (or none: -1).  Sorts lines in place by slope; h owns a copy
 * of the envelope.  Free with hull_free. */
void hull_build(hull *h, hull_line *lines, int n, int skip);
/* The envelope built again without the line of id `skip`, from lines
 * already sorted by hull_build. */
void hull_build_sorted(hull *h, const hull_line *sorted, int n, int skip);
/* The highest line at x (an index into h->l), or -1 when h has none.  In
 * floating point a line within rounding of the highest may be returned
 * instead (the caller allows for it). */
int hull_best(const hull *h, double x);
static inline double hull_at(const hull_line *l, double x) { return l->a + l->b * x; }
void hull_free(hull *h);

#endif
