#ifndef ROSTER_LIBPQ_H
#define ROSTER_LIBPQ_H
// libpq, PostgreSQL's own client library, opened at run time rather than linked: libpq
// brings two dozen libraries with it (TLS, Kerberos, LDAP, SASL), and loading them cost
// every roster process about 4 ms and 5 MB, though only a PostgreSQL address uses them.
// The types and constants come from Debian's libpq-dev headers; the functions are called
// through roster_PQ* wrappers, valid once roster_libpq_load() has returned NULL.
#include <postgresql/libpq-fe.h>

/// Opens libpq once (thread-safe); NULL when it is ready, else why it could not be opened.
const char *roster_libpq_load(void);

#define ROSTER_LIBPQ_FUNCTIONS(X) \
    X(PGconn *, PQconnectdbParams, (const char *const *keywords, const char *const *values, int expand_dbname), (keywords, values, expand_dbname)) \
    X(ConnStatusType, PQstatus, (const PGconn *conn), (conn)) \
    X(PGTransactionStatusType, PQtransactionStatus, (const PGconn *conn), (conn)) \
    X(char *, PQerrorMessage, (const PGconn *conn), (conn)) \
    X(void, PQfinish, (PGconn *conn), (conn)) \
    X(PGresult *, PQexec, (PGconn *conn, const char *query), (conn, query)) \
    X(PGresult *, PQprepare, (PGconn *conn, const char *name, const char *query, int nParams, const Oid *paramTypes), (conn, name, query, nParams, paramTypes)) \
    X(PGresult *, PQexecPrepared, (PGconn *conn, const char *name, int nParams, const char *const *values, const int *lengths, const int *formats, int resultFormat), (conn, name, nParams, values, lengths, formats, resultFormat)) \
    X(PGresult *, PQexecParams, (PGconn *conn, const char *command, int nParams, const Oid *paramTypes, const char *const *values, const int *lengths, const int *formats, int resultFormat), (conn, command, nParams, paramTypes, values, lengths, formats, resultFormat)) \
    X(char *, PQcmdStatus, (PGresult *res), (res)) \
    X(int, PQsendQueryPrepared, (PGconn *conn, const char *name, int nParams, const char *const *values, const int *lengths, const int *formats, int resultFormat), (conn, name, nParams, values, lengths, formats, resultFormat)) \
    X(int, PQsendQueryParams, (PGconn *conn, const char *command, int nParams, const Oid *paramTypes, const char *const *values, const int *lengths, const int *formats, int resultFormat), (conn, command, nParams, paramTypes, values, lengths, formats, resultFormat)) \
    X(int, PQsendPrepare, (PGconn *conn, const char *name, const char *query, int nParams, const Oid *paramTypes), (conn, name, query, nParams, paramTypes)) \
    X(int, PQflush, (PGconn *conn), (conn)) \
    X(int, PQputCopyData, (PGconn *conn, const char *buffer, int nbytes), (conn, buffer, nbytes)) \
    X(int, PQputCopyEnd, (PGconn *conn, const char *errormsg), (conn, errormsg)) \
    X(PGresult *, PQgetResult, (PGconn *conn), (conn)) \
    X(int, PQconsumeInput, (PGconn *conn), (conn)) \
    X(PGnotify *, PQnotifies, (PGconn *conn), (conn)) \
    X(void, PQfreemem, (void *ptr), (ptr)) \
    X(ExecStatusType, PQresultStatus, (const PGresult *res), (res)) \
    X(char *, PQresultErrorField, (const PGresult *res, int fieldcode), (res, fieldcode)) \
    X(void, PQclear, (PGresult *res), (res)) \
    X(int, PQntuples, (const PGresult *res), (res)) \
    X(int, PQnfields, (const PGresult *res), (res)) \
    X(char *, PQfname, (const PGresult *res, int field_num), (res, field_num)) \
    X(char *, PQcmdTuples, (PGresult *res), (res)) \
    X(int, PQgetisnull, (const PGresult *res, int tup_num, int field_num), (res, tup_num, field_num)) \
    X(char *, PQgetvalue, (const PGresult *res, int tup_num, int field_num), (res, tup_num, field_num)) \
    X(int, PQgetlength, (const PGresult *res, int tup_num, int field_num), (res, tup_num, field_num)) \
    X(PQconninfoOption *, PQconninfoParse, (const char *conninfo, char **errmsg), (conninfo, errmsg)) \
    X(void, PQconninfoFree, (PQconninfoOption *connOptions), (connOptions)) \
    X(int, PQlibVersion, (void), ())

// Pipeline mode: used from libpq 14.5 (14.0-14.4 could lose the end of a query's results in
// it), so an older libpq still connects. Building needs libpq-dev 14 or later for its constants.
#define ROSTER_LIBPQ_PIPELINE_FUNCTIONS(X) \
    X(int, PQenterPipelineMode, (PGconn *conn), (conn)) \
    X(int, PQexitPipelineMode, (PGconn *conn), (conn)) \
    X(int, PQpipelineSync, (PGconn *conn), (conn)) \
    X(int, PQsendFlushRequest, (PGconn *conn), (conn))

#define ROSTER_LIBPQ_DECLARE(result, name, parameters, arguments) result roster_##name parameters;
ROSTER_LIBPQ_FUNCTIONS(ROSTER_LIBPQ_DECLARE)
ROSTER_LIBPQ_PIPELINE_FUNCTIONS(ROSTER_LIBPQ_DECLARE)
#undef ROSTER_LIBPQ_DECLARE

/// Whether the libpq opened has a sound pipeline mode (14.5 or later).
int roster_libpq_has_pipeline(void);

#endif
