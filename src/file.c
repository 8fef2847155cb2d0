/* file.c - files written whole or not at all. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "mem.h"

static int cannot(const char *path, int err, coop_diags *d)
{
    source where = {.name = path, .text = ""};
    diag_at(d, &where, (coop_loc){0, 0, 0, 0}, COOP_ERROR, "cannot write: %s", strerror(err));
    return -1;
}

/* Writes all of text to f and closes it (fsync'd first when sync is set):
 * 0, or the errno of the first failure. */
static int write_close(FILE *f, const char *text, size_t len, int sync)
{
    int err = 0;
    if (fwrite(text, 1, len, f) != len || fflush(f) != 0 || ferror(f)) err = errno ? errno : EIO;
    if (!err && sync && fsync(fileno(f)) != 0) err = errno;
    if (fclose(f) != 0 && !err) err = errno;
    return err;
}

int file_replace(const char *path, const struct stat *old, const char *text, size_t len, coop_diags *d)
{
    char *real = old ? realpath(path, NULL) : NULL;
    const char *target = real ? real : path;
    /* not mkstemp (mode 0600, so a new file would need the umask, which
     * only umask() reads, and writes, for the whole process): a name of
     * our own, created with 0666 less the umask by the kernel */
    char *tmp = mem_alloc(strlen(target) + 48);
    int fd = -1, err = EEXIST;
    for (unsigned i = 0; fd < 0 && err == EEXIST && i < 100; i++) {
        sprintf(tmp, "%s.tmp.%ld.%u", target, (long)getpid(), i);
        fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        err = fd < 0 ? errno : 0;
    }
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (fd >= 0 && !f) {
        err = errno;
        close(fd);
    }
    if (f) {
        if (old) fchmod(fd, old->st_mode & 07777); /* a replaced file keeps its mode */
        err = write_close(f, text, len, 1);
    }
    if (!err && rename(tmp, target) != 0) err = errno;
    if (err && fd >= 0) unlink(tmp);
    free(tmp);
    free(real);
    return err ? cannot(path, err, d) : 0;
}

coop_status coop_write_file(const char *path, const char *text, size_t len, coop_diags *d)
{
    source where = {.name = path, .text = ""};
    struct stat st;
    if (stat(path, &st) != 0) {
        struct stat lst;
        if (lstat(path, &lst) == 0) {
            diag_at(d, &where, (coop_loc){0, 0, 0, 0}, COOP_ERROR, "is a link to nothing");
            return COOP_FAILED;
        }
        return file_replace(path, NULL, text, len, d) == 0 ? COOP_DONE : COOP_FAILED;
    }
    if (S_ISDIR(st.st_mode)) {
        diag_at(d, &where, (coop_loc){0, 0, 0, 0}, COOP_ERROR, "is a directory");
        return COOP_FAILED;
    }
    if (S_ISREG(st.st_mode)) return file_replace(path, &st, text, len, d) == 0 ? COOP_DONE : COOP_FAILED;
    /* a device or a pipe (/dev/stdout): nothing to replace, written as it is */
    FILE *f = fopen(path, "w");
    int err = f ? write_close(f, text, len, 0) : errno;
    return err ? (cannot(path, err, d), COOP_FAILED) : COOP_DONE;
}

char *file_read(const char *path, size_t max, int regular, size_t *lenp, int *err)
{
    /* not blocking at the open of a pipe no one writes to, when only a
     * regular file will do */
    int fd = open(path, O_RDONLY | O_CLOEXEC | (regular ? O_NONBLOCK : 0));
    FILE *f = fd >= 0 ? fdopen(fd, "rb") : NULL;
    struct stat st;
    *err = 0;
    if (!f || fstat(fd, &st) != 0) {
        *err = errno;
        if (f) fclose(f);
        else if (fd >= 0) close(fd);
        return NULL;
    }
    if (S_ISDIR(st.st_mode) || (regular && !S_ISREG(st.st_mode))) {
        fclose(f);
        *err = S_ISDIR(st.st_mode) ? EISDIR : ENODEV;
        return NULL;
    }
    if (regular) fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    /* Read at most one byte past the limit: enough to refuse, never more. */
    size_t cap = 65536, len = 0;
    char *buf = mem_alloc(cap + 1);
    for (;;) {
        if (len == cap) {
            cap *= 2;
            buf = mem_realloc(buf, cap + 1);
        }
        size_t want = cap - len;
        if (len + want > max + 1) want = max + 1 - len;
        size_t got = fread(buf + len, 1, want, f);
        len += got;
        if (got < want || len > max) break;
    }
    if (ferror(f)) *err = -(errno ? errno : EIO);
    else if (len > max) *err = EFBIG;
    fclose(f);
    if (*err) {
        free(buf);
        return NULL;
    }
    buf[len] = 0;
    *lenp = len;
    return buf;
}

char *file_beside(const char *from, const char *rel)
{
    struct stat st;
    const char *slash = from ? strrchr(from, '/') : NULL;
    if (rel[0] == '/' || !slash || (stat(from, &st) == 0 && !S_ISREG(st.st_mode))) return mem_strdup(rel);
    size_t n = (size_t)(slash - from) + 1;
    char *p = mem_alloc(n + strlen(rel) + 1);
    memcpy(p, from, n);
    strcpy(p + n, rel);
    return p;
}
