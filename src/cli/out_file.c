/*
** out_file.c — `-o FILE` for every command: standard output goes to a
** temporary file beside FILE, which replaces FILE only when the command
** succeeded, so a failed run never leaves half a table where a good one was. A FILE that exists and is not
** a regular file (/dev/null, /dev/stdout, a named pipe) is written in place:
** renaming onto it would replace the device itself (as root, /dev/null
** became an ordinary file).
**
** The temporary file has no name while it is written (O_TMPFILE, Linux):
** a named one (FILE.XXXXXX) stayed behind a Ctrl-C or a kill -9, half of a
** `campaign export`'s signers' addresses under a name nobody looks at, and
** no later run removed it. It is given a name only once whole, for the
** instant before the rename. A file system without O_TMPFILE (a vfat or
** exFAT USB stick, some network file systems; or no /proc to name it
** through) gets the named file as before, except for personal data: that
** is written in memory (memfd) and copied to FILE's directory only once
** whole, with Ctrl-C and SIGTERM held over the copy (one that came is
** taken after the copy is removed).
**
** A write that fails says why in words (sl_full_cause): a full disk said
** only "could not write the whole output" (stdio keeps no errno for a
** write it buffered), and a `campaign export` there "writing the export
** failed".
*/
#define _GNU_SOURCE /* O_TMPFILE, memfd_create */
#include "cli.h"
#include "sightline/core/file.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>


/* The mode FILE is made with: a file of personal data is its owner's alone. */
static mode_t out_mode(const cli_out *o) { return o->personal ? 0600 : 0644; }

/* An unnamed file in FILE's directory, or -1 (errno set) when the system
** cannot make one or could not name it later. */
static int unnamed_beside(const cli_out *o)
{
    if (access("/proc/self/fd", X_OK) != 0) return -1;
    char dir[4096];
    const char *slash = strrchr(o->file, '/');
    if (!slash) snprintf(dir, sizeof dir, ".");
    else snprintf(dir, sizeof dir, "%.*s", slash == o->file ? 1 : (int)(slash - o->file), o->file);
    return open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, out_mode(o));
}

/* Give the unnamed file on standard output a temporary name beside FILE
** (o->tmp), so that rename can put it in place; 0 or -1 (errno set). */
static int name_unnamed(cli_out *o)
{
    char proc[64];
    snprintf(proc, sizeof proc, "/proc/self/fd/%d", STDOUT_FILENO);
    for (unsigned i = 0; i < 100; i++) {
        snprintf(o->tmp, strlen(o->file) + 16, "%s.%06x", o->file, ((unsigned)getpid() * 2654435761u + i) & 0xffffff);
        if (linkat(AT_FDCWD, proc, AT_FDCWD, o->tmp, AT_SYMLINK_FOLLOW) == 0) return 0;
        if (errno != EEXIST) return -1;
    }
    return -1;
}

/* Why standard output (FILE's file, not yet restored) could not be
** written: WHY the errno seen (0: stdio kept none), else a full folder or
** a file-size limit reached, which is what a buffered write's failure is. */
static int cause(const cli_out *o, int why, unsigned long long *written)
{
    struct stat sb;
    *written = fstat(STDOUT_FILENO, &sb) == 0 && S_ISREG(sb.st_mode) ? (unsigned long long)sb.st_size : 0;
    if (why) return why;
    char dir[4096];
    const char *slash = strrchr(o->file, '/');
    snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - o->file) + 1 : 1, slash ? o->file : ".");
    struct statvfs vfs;
    if (statvfs(dir, &vfs) == 0 && (unsigned long long)vfs.f_bavail * vfs.f_frsize < 65536) return ENOSPC;
    struct rlimit lim;
    if (getrlimit(RLIMIT_FSIZE, &lim) == 0 && lim.rlim_cur != RLIM_INFINITY && *written + 65536 >= lim.rlim_cur)
        return EFBIG;
    return 0;
}

/* Says that FILE could not be written, and why (cause). */
static void say_unwritten(const cli_out *o, int why)
{
    unsigned long long written;
    why = cause(o, why, &written);
    sl_error err;
    sl_error_clear(&err);
    char had[96];
    if (written < 104858) snprintf(had, sizeof had, "(it had written under 0.1 MB when the write failed)");
    else snprintf(had, sizeof had, "(it had written %.1f MB when the write failed)", (double)written / 1048576.0);
    /* a device (/dev/full) has no folder whose free space means anything */
    if (!o->direct && sl_full_cause(why, o->file, "writing the output", written + 1048576, had,
                      "no file was left and an earlier one is as it was", &err))
        cli_report(&err);
    else
        fprintf(stderr, "sightline: %s: could not write the whole output%s%s\n", o->file, why ? ": " : "",
                why ? strerror(why) : "");
}

/* Copy the in-memory output on standard output to a new file beside FILE
** (o->tmp, made here), synced; 0 or -1 (errno set, no file left). */
static int materialize(cli_out *o)
{
    snprintf(o->tmp, strlen(o->file) + 16, "%s.XXXXXX", o->file);
    int out = mkstemp(o->tmp);
    if (out < 0) return -1;
    fchmod(out, out_mode(o));
    char buf[65536];
    ssize_t n = lseek(STDOUT_FILENO, 0, SEEK_SET) == 0 ? 1 : -1;
    while (n > 0 && (n = read(STDOUT_FILENO, buf, sizeof buf)) > 0)
        for (ssize_t done = 0, w; done < n; done += w)
            if ((w = write(out, buf + done, (size_t)(n - done))) < 0) {
                n = -1;
                break;
            }
    int e = errno;
    if (n == 0 && fsync(out) != 0) n = -1, e = errno;
    if (close(out) != 0 && n == 0) n = -1, e = errno;
    if (n == 0) return 0;
    unlink(o->tmp);
    errno = e;
    return -1;
}

/* Standard output onto FD (closed here); CLI_OK or CLI_DATA. */
static int redirect(cli_out *o, int fd)
{
    fflush(stdout);
    o->saved_fd = dup(STDOUT_FILENO);
    if (o->saved_fd < 0 || dup2(fd, STDOUT_FILENO) < 0) {
        fprintf(stderr, "sightline: %s: %s\n", o->file, strerror(errno));
        close(fd);
        if (o->saved_fd >= 0) close(o->saved_fd);
        o->saved_fd = -1;
        return CLI_DATA;
    }
    close(fd);
    return CLI_OK;
}

int cli_out_begin(cli_out *o, const char *command)
{
    o->saved_fd = -1;
    o->direct = 0;
    /* JSON is the result whole (its tables are objects as often as lists):
    ** a script asking --top 10 of it gets every row, so it is told why */
    if (o->format == CLI_FMT_JSON && (o->top || o->sort || o->order))
        fprintf(stderr,
                "sightline: %s: --top, --sort, --asc and --desc shape the table and the CSV; --json gives the "
                "whole result, every row (use --csv for the rows cut and sorted)\n",
                command);
    if (!o->file || !strcmp(o->file, "-")) return CLI_OK;
    struct stat sb;
    if (stat(o->file, &sb) == 0 && !S_ISREG(sb.st_mode)) {
        int fd = S_ISDIR(sb.st_mode) ? -1 : open(o->file, O_WRONLY | O_CLOEXEC);
        if (fd < 0) {
            fprintf(stderr, "sightline: %s: cannot write here: %s\n", o->file,
                    S_ISDIR(sb.st_mode) ? "it is a directory" : strerror(errno));
            return CLI_DATA;
        }
        o->direct = 1;
        return redirect(o, fd);
    }
    size_t n = strlen(o->file) + 16;
    o->tmp = malloc(n);
    if (!o->tmp) return cli_usage_error(command, "out of memory");
    snprintf(o->tmp, n, "%s.XXXXXX", o->file);
    int fd = unnamed_beside(o);
    o->unnamed = fd >= 0;
    if (fd < 0 && o->personal && (fd = memfd_create("sightline-output", MFD_CLOEXEC)) >= 0) o->unnamed = 2;
    if (fd < 0) fd = mkstemp(o->tmp);
    if (fd < 0) {
        fprintf(stderr, "sightline: %s: cannot write here: %s\n", o->file, strerror(errno));
        free(o->tmp);
        o->tmp = NULL;
        return CLI_DATA;
    }
    fchmod(fd, out_mode(o));
    if (redirect(o, fd)) {
        if (!o->unnamed) unlink(o->tmp);
        free(o->tmp);
        o->tmp = NULL;
        return CLI_DATA;
    }
    return CLI_OK;
}

int cli_out_end(cli_out *o, int rc)
{
    int why = 0, bad = 0;
    if (o->direct || o->tmp) {
        errno = 0;
        bad = fflush(stdout) != 0;
        why = bad ? errno : 0;
        bad |= ferror(stdout);
        if (!bad && o->tmp && fsync(STDOUT_FILENO) != 0) bad = 1, why = errno;
        if (bad && rc == CLI_OK) say_unwritten(o, why), rc = CLI_DATA;
    }
    if (o->direct) {
        dup2(o->saved_fd, STDOUT_FILENO);
        close(o->saved_fd);
        clearerr(stdout);
        o->direct = 0;
        return rc;
    }
    if (!o->tmp) return rc;
    /* named only once whole; a failed run's unnamed file goes with its descriptor */
    int named = !o->unnamed;
    sigset_t both, mask;
    sigemptyset(&both);
    sigaddset(&both, SIGINT);
    sigaddset(&both, SIGTERM);
    sigprocmask(SIG_BLOCK, o->unnamed == 2 ? &both : NULL, &mask); /* held over the copy to FILE's place */
    if (rc == CLI_OK && !bad && o->unnamed) {
        named = (o->unnamed == 2 ? materialize(o) : name_unnamed(o)) == 0;
        if (!named) {
            int e = errno;
            sl_error err;
            sl_error_clear(&err);
            if (sl_full_cause(e, o->file, "writing the output", 1048576, "(the output as a whole)",
                              "no file was left and an earlier one is as it was", &err))
                cli_report(&err);
            else
                fprintf(stderr, "sightline: %s: cannot write the output there: %s\n", o->file, strerror(e));
            rc = CLI_DATA;
        }
    }
    sigset_t pending; /* a stop asked during the copy: the copy goes, then the signal is taken */
    if (o->unnamed == 2 && rc == CLI_OK && sigpending(&pending) == 0 &&
        (sigismember(&pending, SIGINT) == 1 || sigismember(&pending, SIGTERM) == 1))
        rc = CLI_DATA;
    dup2(o->saved_fd, STDOUT_FILENO);
    close(o->saved_fd);
    clearerr(stdout);
    if (rc == CLI_OK && rename(o->tmp, o->file) != 0) {
        fprintf(stderr, "sightline: %s: %s\n", o->file, strerror(errno));
        rc = CLI_DATA;
    }
    if (rc != CLI_OK && named) unlink(o->tmp);
    free(o->tmp);
    o->tmp = NULL;
    sigprocmask(SIG_SETMASK, &mask, NULL);
    return rc;
}
