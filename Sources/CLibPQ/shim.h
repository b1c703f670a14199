#ifndef MOTCUA_CLIBPQ_SHIM_H
#define MOTCUA_CLIBPQ_SHIM_H
#include <libpq-fe.h>

/* The PG_DIAG_* field codes are character-literal macros, which Swift does not import. */
static inline int motcua_pq_diag_sqlstate(void) {
    return PG_DIAG_SQLSTATE;
}

static inline int motcua_pq_diag_message_primary(void) {
    return PG_DIAG_MESSAGE_PRIMARY;
}

#endif
