#ifndef MOTCUA_CSQLITE_SHIM_H
#define MOTCUA_CSQLITE_SHIM_H
#include <sqlite3.h>

/* SQLITE_TRANSIENT casts -1 to a function pointer, which Swift cannot import as a constant.
   Passing it to a bind call makes SQLite copy the bytes before the call returns. */
static inline sqlite3_destructor_type motcua_sqlite3_transient(void) {
    return SQLITE_TRANSIENT;
}

#endif
