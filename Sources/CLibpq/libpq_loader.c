#include "roster_libpq.h"
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#define ROSTER_LIBPQ_POINTER(result, name, parameters, arguments) result (*name) parameters;
static struct { ROSTER_LIBPQ_FUNCTIONS(ROSTER_LIBPQ_POINTER) ROSTER_LIBPQ_PIPELINE_FUNCTIONS(ROSTER_LIBPQ_POINTER) } api;
static int has_pipeline;

static pthread_once_t once = PTHREAD_ONCE_INIT;
static const char *problem = "libpq was not opened";
static char message[512];

static void open_libpq(void) {
    // GnuTLS comes in with libpq (through libldap) and sets itself up as it loads: 1.6 MB of a
    // PostgreSQL console's memory (p11-kit's too) for TLS that only an LDAP service lookup over
    // TLS would use, and libldap calls gnutls_global_init itself before that. libpq's own TLS is
    // OpenSSL. GnuTLS's documented switch turns the set-up off for this load only: the variable
    // is gone again before any child process (the mail command) could inherit it. libpq is
    // opened when a command reads its first PostgreSQL address, as it starts, so no other
    // thread of ours reads the environment meanwhile.
    int gnutls_switch_was_set = getenv("GNUTLS_NO_IMPLICIT_INIT") != NULL;
    if (!gnutls_switch_was_set) setenv("GNUTLS_NO_IMPLICIT_INIT", "1", 0);
    // RTLD_LOCAL: libpq's symbols stay out of the global namespace, so nothing else binds to them.
    void *library = dlopen("libpq.so.5", RTLD_NOW | RTLD_LOCAL);
    if (!gnutls_switch_was_set) unsetenv("GNUTLS_NO_IMPLICIT_INIT");
    if (library == NULL) {
        const char *reason = dlerror();
        snprintf(message, sizeof message, "%s", reason ? reason : "libpq.so.5 could not be opened");
        problem = message;
        return;
    }
#define ROSTER_LIBPQ_FIND(result, name, parameters, arguments) \
    *(void **)(&api.name) = dlsym(library, #name); \
    if (api.name == NULL) { snprintf(message, sizeof message, "libpq.so.5 has no %s", #name); problem = message; return; }
    ROSTER_LIBPQ_FUNCTIONS(ROSTER_LIBPQ_FIND)
#undef ROSTER_LIBPQ_FIND
    has_pipeline = 1;
#define ROSTER_LIBPQ_FIND_OPTIONAL(result, name, parameters, arguments) \
    *(void **)(&api.name) = dlsym(library, #name); \
    if (api.name == NULL) has_pipeline = 0;
    ROSTER_LIBPQ_PIPELINE_FUNCTIONS(ROSTER_LIBPQ_FIND_OPTIONAL)
#undef ROSTER_LIBPQ_FIND_OPTIONAL
    problem = NULL;
}

const char *roster_libpq_load(void) {
    pthread_once(&once, open_libpq);
    return problem;
}

#define ROSTER_LIBPQ_WRAP(result, name, parameters, arguments) \
    result roster_##name parameters { return api.name arguments; }
ROSTER_LIBPQ_FUNCTIONS(ROSTER_LIBPQ_WRAP)
ROSTER_LIBPQ_PIPELINE_FUNCTIONS(ROSTER_LIBPQ_WRAP)

int roster_libpq_has_pipeline(void) {
    return roster_libpq_load() == NULL && has_pipeline && api.PQlibVersion() >= 140005;
}
