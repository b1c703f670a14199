#ifndef MOTCUA_CYAML_SHIM_H
#define MOTCUA_CYAML_SHIM_H
#include <yaml.h>
#endif
