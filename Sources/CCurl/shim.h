#ifndef MOTCUA_CCURL_SHIM_H
#define MOTCUA_CCURL_SHIM_H
#include <curl/curl.h>
#endif
