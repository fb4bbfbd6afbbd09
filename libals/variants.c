/*
 * Likely spellings of one organisation, sector or council among a cohort's
 * labels ("Leeds CC", "Leeds City Council"; "AWP", "Avon and Wiltshire
 * Mental Health Partnership NHS Trust"; "VCS", "voluntary"), each told as a
 * warning with the programme.aliases entries that would merge them. Labels
 * are compared through keys that are sorted and bucketed, never pairwise:
 * a cohort of a million applicants takes a few sorts.
 *
 * Three rules link two labels of a kind:
 *  - the same key: case, punctuation, '&' for "and", a leading "The", and
 *    the short forms CC (City or County Council), MBC, BC, DC, FT
 *    (Foundation Trust) and Ltd aside;
 *  - an initialism: a label of one word of 3 to 8 letters written in
 *    capitals (AWP, L.T.H.T.) and the only longer label whose initials
 *    make it: the initials of its
 *    words but "and", "of", "the", "for", "in", "on", "at", "with"; also
 *    without "NHS", without trailing words such as "NHS Trust", "Ltd" or
 *    "Group", or without one run of middle words (at least three letters
 *    left);
 *  - a prefix: a label whose words begin exactly one longer label's words
 *    (Clarion, Clarion Housing Group).
 * For sectors, also a family: labels naming the public, private or
 * voluntary sector in other words (NHS, Third sector, VCS, charity).
 * Labels linked, directly or through others, form a group whose most common
 * spelling is the name the others are mapped to.
 */
#include "als_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* More distinct sectors than this, and than the largest set holds, is a
   warning. */
#define SECTORS_EXPECTED 6

typedef struct vlab {
    const char *text;
    size_t count; /* active applicants */
    size_t first; /* first such applicant */
    char *key;    /* words, normalised (see make_key) */
    char *acro;   /* an initialism's letters, or NULL */
    int family;   /* sectors: 0 none, 1 public, 2 private, 3 voluntary */
} vlab;

typedef struct vcand {
    const char *key;
    size_t lab;
    int strength; /* 0 the best */
} vcand;

static bool is_alnum(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c >= 0x80;
}

/* Words of a label: lower-cased, '&' as "and", apostrophes and dots
   dropped, anything else a space, a leading "the" dropped, runs of single
   letters joined (C.C. -> cc). Returns the number of words (at most max). */
static size_t words_of(const char *s, char *buf, size_t cap, char **w,
                       size_t max)
{
    size_t n = 0, nw = 0;
    bool space = true;
    for (; *s && n + 6 < cap; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '\'' || c == '.')
            continue;
        if (c == '&') {
            if (!space)
                buf[n++] = ' ';
            memcpy(buf + n, "and ", 4);
            n += 4;
            space = true;
            continue;
        }
        if (!is_alnum(c)) {
            if (!space)
                buf[n++] = ' ';
            space = true;
            continue;
        }
        buf[n++] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        space = false;
    }
    while (n && buf[n - 1] == ' ')
        n--;
    buf[n] = '\0';
    /* split */
    char *p = buf;
    while (*p && nw < max) {
        w[nw++] = p;
        char *e = strchr(p, ' ');
        if (!e)
            break;
        *e = '\0';
        p = e + 1;
    }
    if (nw && strcmp(w[0], "the") == 0 && nw > 1) {
        memmove(w, w + 1, (nw - 1) * sizeof *w);
        nw--;
    }
    /* join runs of single letters: "c c" -> "cc" (in place: a run of k
       letters takes 2k bytes of buf, so the joined word fits) */
    size_t out = 0;
    bool run = false;
    for (size_t i = 0; i < nw; i++) {
        bool single = w[i][1] == '\0';
        if (single && run) {
            size_t l = strlen(w[out - 1]);
            char ch = w[i][0];
            w[out - 1][l] = ch;
            w[out - 1][l + 1] = '\0';
            continue;
        }
        run = single;
        w[out++] = w[i];
    }
    return out;
}

static const struct {
    const char *const long_form[3];
    const char *short_form;
} short_forms[] = {
    {{"city", "council", NULL}, "cc"},
    {{"county", "council", NULL}, "cc"},
    {{"metropolitan", "borough", "council"}, "mbc"},
    {{"borough", "council", NULL}, "bc"},
    {{"district", "council", NULL}, "dc"},
    {{"foundation", "trust", NULL}, "ft"},
    {{"limited", NULL, NULL}, "ltd"},
};

/* The key of a label: its words with the long forms shortened, joined by
   spaces. */
static size_t make_key(char *const *w, size_t nw, char *out, size_t cap)
{
    size_t n = 0;
    out[0] = '\0';
    for (size_t i = 0; i < nw;) {
        const char *word = w[i];
        size_t used = 1;
        for (size_t f = 0; f < sizeof short_forms / sizeof *short_forms; f++) {
            size_t k = 0;
            while (k < 3 && short_forms[f].long_form[k] && i + k < nw &&
                   strcmp(w[i + k], short_forms[f].long_form[k]) == 0)
                k++;
            if (k == 3 || (k > 0 && !short_forms[f].long_form[k])) {
                word = short_forms[f].short_form;
                used = k;
                break;
            }
        }
        size_t l = strlen(word);
        if (n + l + 2 >= cap)
            break;
        if (n)
            out[n++] = ' ';
        memcpy(out + n, word, l + 1);
        n += l;
        i += used;
    }
    return n;
}

static bool in_list(const char *w, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(w, *list) == 0)
            return true;
    return false;
}

static const char *const small_words[] = {"and", "of", "the",  "for", "in",
                                          "on",  "at", "with", NULL};
static const char *const trailing_words[] = {
    "nhs",   "trust", "ft",  "foundation", "ltd", "limited", "plc",
    "group", "cic",   "llp", "inc",        "uk",  NULL};

/* An initialism: one word, three to eight letters, written in capitals
   (two letters name too many things). */
static bool initialism(const char *text, char *const *w, size_t nw)
{
    if (nw != 1)
        return false;
    size_t l = strlen(w[0]);
    if (l < 3 || l > 8)
        return false;
    for (size_t i = 0; i < l; i++)
        if (w[0][i] < 'a' || w[0][i] > 'z')
            return false;
    for (const char *s = text; *s; s++)
        if (*s >= 'a' && *s <= 'z')
            return false;
    return true;
}

static int family_of(char *const *w, size_t nw)
{
    /* the sectors as a whole, not a part of one (NHS, council, police
       are kept apart) */
    static const char *const pub[] = {"public", "statutory", NULL};
    static const char *const priv[] = {"private", "business", "commercial",
                                       "corporate", NULL};
    static const char *const vol[] = {
        "voluntary", "vcs",        "vcse",  "vcfs", "vcfse",     "charity",
        "charities", "charitable", "third", "ngo",  "nonprofit", NULL};
    int fam = 0;
    for (size_t i = 0; i < nw; i++) {
        int f = in_list(w[i], pub)    ? 1
                : in_list(w[i], priv) ? 2
                : in_list(w[i], vol)  ? 3
                                      : 0;
        if (i + 2 < nw && strcmp(w[i], "not") == 0 &&
            strcmp(w[i + 1], "for") == 0 && strcmp(w[i + 2], "profit") == 0)
            f = 3;
        if (i + 1 < nw && strcmp(w[i], "non") == 0 &&
            strcmp(w[i + 1], "profit") == 0)
            f = 3;
        if (f && fam && f != fam)
            return 0; /* a mixture: none */
        if (f)
            fam = f;
    }
    return fam;
}

static int cmp_cand(const void *x, const void *y)
{
    const vcand *a = x, *b = y;
    int c = strcmp(a->key, b->key);
    if (c)
        return c;
    if (a->strength != b->strength)
        return a->strength - b->strength;
    return a->lab < b->lab ? -1 : a->lab > b->lab;
}

/* qsort has no context argument: labels are sorted through this array of
   (key, index) records instead. */
typedef struct kidx {
    const char *key;
    size_t i;
} kidx;

static int cmp_kidx(const void *x, const void *y)
{
    const kidx *a = x, *b = y;
    int c = strcmp(a->key, b->key);
    return c ? c : (a->i < b->i ? -1 : a->i > b->i);
}

/* Add the candidate initials of a label of words w (at least two). */
static bool add_initials(als__arena *ar, vcand **c, size_t *nc, size_t *cap,
                         size_t lab, char *const *w, size_t nw)
{
    char all[64], sig[64];
    size_t na = 0, core = 0;
    bool sig_nhs[64];
    for (size_t i = 0; i < nw && na < 60; i++) {
        if (in_list(w[i], small_words))
            continue;
        all[na] = w[i][0];
        sig_nhs[na] = strcmp(w[i], "nhs") == 0;
        na++;
    }
    if (na < 2)
        return true;
    /* core: without the trailing words */
    size_t end = nw;
    while (end > 1 && in_list(w[end - 1], trailing_words))
        end--;
    for (size_t i = 0; i < end && core < 60; i++)
        if (!in_list(w[i], small_words))
            sig[core++] = w[i][0];
    char buf[64];
    struct {
        const char *s;
        size_t n;
        int strength;
    } forms[3];
    size_t nf = 0;
    forms[nf].s = all;
    forms[nf].n = na;
    forms[nf++].strength = 0;
    size_t nn = 0;
    for (size_t i = 0; i < na; i++)
        if (!sig_nhs[i])
            buf[nn++] = all[i];
    char nonhs[64];
    memcpy(nonhs, buf, nn);
    if (nn != na && nn >= 2) {
        forms[nf].s = nonhs;
        forms[nf].n = nn;
        forms[nf++].strength = 1;
    }
    if (core != na && core >= 2) {
        forms[nf].s = sig;
        forms[nf].n = core;
        forms[nf++].strength = 1;
    }
    size_t need = *nc + nf + (core <= 12 ? core * core : 0);
    if (!als__grow((void **)c, cap, need, sizeof **c))
        return false;
    for (size_t f = 0; f < nf; f++) {
        char *k = als__arena_strndup(ar, forms[f].s, forms[f].n);
        if (!k)
            return false;
        (*c)[(*nc)++] = (vcand){k, lab, forms[f].strength};
    }
    /* the core without one run of middle words, keeping the first and the
       last, at least three letters left */
    if (core <= 12) {
        for (size_t i = 1; i + 1 < core; i++)
            for (size_t j = i; j + 1 < core; j++) {
                size_t left = core - (j - i + 1);
                if (left < 3)
                    continue;
                memcpy(buf, sig, i);
                memcpy(buf + i, sig + j + 1, core - j - 1);
                char *k = als__arena_strndup(ar, buf, left);
                if (!k)
                    return false;
                (*c)[(*nc)++] = (vcand){k, lab, 2};
            }
    }
    return true;
}

/* Words that make a longer name of the same body (Clarion, Clarion
   Housing Group), not another one (Bradford, Bradford Foodbank). */
static bool generic_tail(const char *words)
{
    static const char *const generic[] = {
        "housing",    "group",       "trust",        "association",
        "assoc",      "council",     "cc",           "mbc",
        "bc",         "dc",          "ft",           "nhs",
        "foundation", "ltd",         "plc",          "cic",
        "llp",        "inc",         "uk",           "services",
        "service",    "partnership", "homes",        "care",
        "company",    "co",          "society",      "network",
        "charity",    "sector",      "organisation", "organization",
        "authority",  "and",         "of",           "the",
        "ccg",        "icb",         "health",       "hospitals",
        "hospital",   NULL};
    char w[64];
    while (*words) {
        size_t l = strcspn(words, " ");
        if (l >= sizeof w)
            return false;
        memcpy(w, words, l);
        w[l] = '\0';
        if (!in_list(w, generic))
            return false;
        words += l + (words[l] == ' ');
    }
    return true;
}

/* Link the labels of v[0..n-1] (up: union-find). */
static bool link_labels(vlab *v, size_t n, size_t *up, als__arena *ar,
                        bool sectors)
{
    bool ok = false;
    kidx *s = als__malloc(n ? n : 1, sizeof *s);
    size_t *run_end = NULL;
    vcand *c = NULL;
    size_t nc = 0, cap = 0;
    if (!s)
        return false;
    /* the same key */
    for (size_t i = 0; i < n; i++)
        s[i] = (kidx){v[i].key, i};
    qsort(s, n, sizeof *s, cmp_kidx);
    for (size_t k = 1; k < n; k++)
        if (strcmp(s[k].key, s[k - 1].key) == 0)
            als__uf_union(up, s[k].i, s[k - 1].i);
    /* a prefix of exactly one longer key: the keys beginning with "P " are
       next to each other, after P's own; run_end[k]: the last position
       with s[k]'s key */
    run_end = als__malloc(n ? n : 1, sizeof *run_end);
    if (!run_end)
        goto done;
    for (size_t k = n; k-- > 0;)
        run_end[k] = k + 1 < n && strcmp(s[k].key, s[k + 1].key) == 0
                         ? run_end[k + 1]
                         : k;
    char pre[ALS_MAX_LABEL_BYTES + 8];
    for (size_t k = 0; k < n; k++) {
        size_t l = strlen(s[k].key);
        if (l == 0 || l + 2 > sizeof pre)
            continue;
        memcpy(pre, s[k].key, l);
        pre[l] = ' ';
        pre[l + 1] = '\0';
        /* first key >= "P " */
        size_t lo = k + 1, hi = n;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (strcmp(s[mid].key, pre) < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo >= n || strncmp(s[lo].key, pre, l + 1) != 0)
            continue;
        /* every key from lo on that begins with "P " must be one key */
        size_t last = run_end[lo];
        if (last + 1 < n && strncmp(s[last + 1].key, pre, l + 1) == 0)
            continue; /* two longer labels: which one is unclear */
        if (!generic_tail(s[lo].key + l + 1))
            continue; /* Bradford, Bradford Foodbank: two bodies */
        als__uf_union(up, s[k].i, s[lo].i);
    }
    /* initialisms */
    for (size_t i = 0; i < n; i++) {
        if (v[i].acro || !v[i].count)
            continue;
        char buf[ALS_MAX_LABEL_BYTES + 64];
        char *w[64];
        size_t nw = words_of(v[i].text, buf, sizeof buf, w, 64);
        if (nw >= 2 && !add_initials(ar, &c, &nc, &cap, i, w, nw))
            goto done;
    }
    if (nc)
        qsort(c, nc, sizeof *c, cmp_cand);
    for (size_t i = 0; i < n && nc; i++) {
        if (!v[i].acro)
            continue;
        size_t lo = 0, hi = nc;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (strcmp(c[mid].key, v[i].acro) < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo >= nc || strcmp(c[lo].key, v[i].acro) != 0)
            continue;
        /* the best strength found must name one label (or one group) */
        size_t root = als__uf_find(up, c[lo].lab);
        bool one = true;
        for (size_t k = lo + 1;
             k < nc && one && strcmp(c[k].key, v[i].acro) == 0 &&
             c[k].strength == c[lo].strength;
             k++)
            one = als__uf_find(up, c[k].lab) == root;
        if (one)
            als__uf_union(up, i, c[lo].lab);
    }
    if (sectors) {
        size_t rep[4] = {ALS__NOIDX, ALS__NOIDX, ALS__NOIDX, ALS__NOIDX};
        for (size_t i = 0; i < n; i++) {
            int f = v[i].family;
            if (!f)
                continue;
            if (rep[f] == ALS__NOIDX)
                rep[f] = i;
            else
                als__uf_union(up, i, rep[f]);
        }
    }
    ok = true;
done:
    free(run_end);
    free(c);
    free(s);
    return ok;
}

typedef struct gmem {
    size_t root, lab;
    size_t count, len, first;
    int named; /* a sector named by its family's own word ("public") */
} gmem;

/* By group, then the most common spelling first (ties: a family's own
   word, the longest, then the first seen). */
static int cmp_gmem(const void *x, const void *y)
{
    const gmem *a = x, *b = y;
    if (a->root != b->root)
        return a->root < b->root ? -1 : 1;
    if (a->count != b->count)
        return a->count > b->count ? -1 : 1;
    if (a->named != b->named)
        return a->named > b->named ? -1 : 1;
    if (a->len != b->len)
        return a->len > b->len ? -1 : 1;
    return a->lab < b->lab ? -1 : a->lab > b->lab;
}

static const char *const kind_names[3] = {"organisation", "sector", "council"};

static int cmp_first(const void *x, const void *y)
{
    const gmem *a = x, *b = y;
    return a->first < b->first ? -1 : a->first > b->first;
}

/* Tell one group: g[0] the name, g[1..m-1] the spellings to map to it
   (put in the order they are met). */
static void tell(als__report *r, const vlab *v, gmem *g, size_t m,
                 als_label_kind kind, als__sbuf *all)
{
    const vlab *to = &v[g[0].lab];
    qsort(g + 1, m - 1, sizeof *g, cmp_first);
    size_t at = 1; /* the spelling met first, for the path */
    als__sbuf block = {0};
    als__sbuf_puts(&block, "\"aliases\": {\"");
    als__sbuf_puts(&block, kind_names[kind]);
    als__sbuf_puts(&block, "\": {");
    for (size_t k = 1; k < m; k++) {
        if (k > 1)
            als__sbuf_puts(&block, ", ");
        als__sbuf_put_json_string(&block, v[g[k].lab].text);
        als__sbuf_puts(&block, ": ");
        als__sbuf_put_json_string(&block, to->text);
        if (all->len)
            als__sbuf_puts(all, ", ");
        als__sbuf_put_json_string(all, v[g[k].lab].text);
        als__sbuf_puts(all, ": ");
        als__sbuf_put_json_string(all, to->text);
    }
    als__sbuf_puts(&block, "}}");
    char list[ALS_MESSAGE_MAX], path[ALS_PATH_MAX];
    size_t n = 0;
    list[0] = '\0';
    for (size_t k = 1; k < m && n + 1 < sizeof list; k++) {
        int w = snprintf(list + n, sizeof list - n, "%s'%s' (%zu)",
                         k == 1       ? ""
                         : k + 1 == m ? " and "
                                      : ", ",
                         v[g[k].lab].text, v[g[k].lab].count);
        if (w < 0)
            break;
        n += (size_t)w;
    }
    snprintf(path, sizeof path, "applicants[%zu].%s", v[g[at].lab].first,
             kind_names[kind]);
    const char *b = block.data ? block.data : "";
    if (strlen(list) + strlen(b) + strlen(to->text) + 90 < ALS_MESSAGE_MAX)
        als__report_warning(r, path,
                            "%s may be spellings of %s '%s' (%zu): to "
                            "treat them as one, add to the programme %s",
                            list, kind_names[kind], to->text, to->count, b);
    else
        als__report_warning(r, path,
                            "%zu spellings may be %s '%s' (%zu): to treat "
                            "them as one, add to the programme %s",
                            m - 1, kind_names[kind], to->text, to->count, b);
    free(block.data);
}

static als_status kind_variants(const als_problem *p, als_label_kind kind,
                                als__report *r, als__sbuf *all)
{
    const als__strtab *t = kind == ALS_LABEL_ORGANISATION ? &p->orgs
                           : kind == ALS_LABEL_SECTOR     ? &p->sectors
                                                          : &p->councils;
    size_t n = t->n;
    if (n < 2)
        return ALS_OK;
    als_status rc = ALS_ENOMEM;
    als__arena ar = {0};
    vlab *v = als__calloc(n, sizeof *v);
    size_t *up = als__malloc(n, sizeof *up);
    gmem *g = als__malloc(n, sizeof *g);
    if (!v || !up || !g)
        goto done;
    for (size_t i = 0; i < n; i++) {
        v[i].text = t->display[i];
        v[i].first = ALS__NOIDX;
        up[i] = i;
    }
    for (size_t i = 0; i < p->n; i++) {
        const als__applicant *a = &p->app[i];
        if (a->withdrawn)
            continue;
        int l = kind == ALS_LABEL_ORGANISATION ? a->org
                : kind == ALS_LABEL_SECTOR     ? a->sector
                                               : a->council;
        if (l < 0)
            continue;
        if (v[l].count++ == 0)
            v[l].first = i;
    }
    char buf[ALS_MAX_LABEL_BYTES + 64], key[ALS_MAX_LABEL_BYTES + 64];
    char *w[64];
    size_t used = 0;
    for (size_t i = 0; i < n; i++) {
        if (v[i].count == 0) {
            v[i].key = "";
            continue;
        }
        used++;
        size_t nw = words_of(v[i].text, buf, sizeof buf, w, 64);
        if (initialism(v[i].text, w, nw) &&
            !(v[i].acro = als__arena_strdup(&ar, w[0])))
            goto done;
        if (kind == ALS_LABEL_SECTOR)
            v[i].family = family_of(w, nw);
        make_key(w, nw, key, sizeof key);
        if (!(v[i].key = als__arena_strdup(&ar, key)))
            goto done;
    }
    if (!link_labels(v, n, up, &ar, kind == ALS_LABEL_SECTOR))
        goto done;
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (v[i].count)
            g[m++] =
                (gmem){als__uf_find(up, i),
                       i,
                       v[i].count,
                       strlen(v[i].text),
                       v[i].first,
                       v[i].family && (strcmp(v[i].key, "public") == 0 ||
                                       strcmp(v[i].key, "private") == 0 ||
                                       strcmp(v[i].key, "voluntary") == 0)};
    qsort(g, m, sizeof *g, cmp_gmem);
    for (size_t k = 0; k < m;) {
        size_t e = k + 1;
        while (e < m && g[e].root == g[k].root)
            e++;
        if (e - k > 1)
            tell(r, v, g + k, e - k, kind, all);
        k = e;
    }
    if (kind == ALS_LABEL_SECTOR && p->sector_mode != ALS_SECTOR_IGNORE &&
        used > SECTORS_EXPECTED && used > (size_t)als__problem_largest_max(p))
        als__report_warning(r, "applicants",
                            "%zu different sectors, more than a set holds "
                            "members (%d): the sector rule counts each as "
                            "its own; map spellings of one sector to one "
                            "name with programme.aliases \"sector\"",
                            used, als__problem_largest_max(p));
    rc = all->nomem ? ALS_ENOMEM : ALS_OK;
done:
    free(g);
    free(up);
    free(v);
    als__arena_free(&ar);
    return rc;
}

als_status als__problem_variants(const als_problem *p, als__report *r,
                                 char **block)
{
    als__sbuf all[3] = {{0}, {0}, {0}};
    als_status rc = ALS_OK;
    if (block)
        *block = NULL;
    for (int k = 0; k < 3 && rc == ALS_OK; k++)
        rc = kind_variants(p, (als_label_kind)k, r, &all[k]);
    if (rc == ALS_OK && block && (all[0].len || all[1].len || all[2].len)) {
        als__sbuf b = {0};
        als__sbuf_puts(&b, "\"aliases\": {");
        bool any = false;
        for (int k = 0; k < 3; k++) {
            if (!all[k].len)
                continue;
            als__sbuf_puts(&b, any ? ",\n  \"" : "\n  \"");
            als__sbuf_puts(&b, kind_names[k]);
            als__sbuf_puts(&b, "\": {");
            als__sbuf_put(&b, all[k].data, all[k].len);
            als__sbuf_puts(&b, "}");
            any = true;
        }
        als__sbuf_puts(&b, "\n}");
        if (b.nomem) {
            free(b.data);
            rc = ALS_ENOMEM;
        } else {
            *block = b.data;
        }
    }
    for (int k = 0; k < 3; k++)
        free(all[k].data);
    return rc;
}

als_status als__variant_warnings(const als_problem *p, als_diag *diag)
{
    als__report r;
    als__report_init(&r, diag, NULL);
    return als__problem_variants(p, &r, NULL);
}
