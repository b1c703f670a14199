#ifndef MOTCUA_CMICROHTTPD_SHIM_H
#define MOTCUA_CMICROHTTPD_SHIM_H
#include <stdarg.h>
#include <stdint.h>
#include <sys/types.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <microhttpd.h>

/* MHD_start_daemon is variadic: every option travels in one MHD_OPTION_ARRAY, which must end
   with an MHD_OPTION_END entry. */
static inline struct MHD_Daemon *motcua_mhd_start_daemon(unsigned int flags, uint16_t port,
                                                         MHD_AccessHandlerCallback handler,
                                                         void *handler_context,
                                                         const struct MHD_OptionItem *options) {
    return MHD_start_daemon(flags, port, NULL, NULL, handler, handler_context, MHD_OPTION_ARRAY, options,
                            MHD_OPTION_END);
}

/* An option that takes one unsigned int, such as MHD_OPTION_CONNECTION_LIMIT. */
static inline struct MHD_OptionItem motcua_mhd_option_uint(enum MHD_OPTION option, unsigned int value) {
    struct MHD_OptionItem item = {option, (intptr_t)value, NULL};
    return item;
}

static inline struct MHD_OptionItem motcua_mhd_option_sock_addr(const struct sockaddr *address) {
    struct MHD_OptionItem item = {MHD_OPTION_SOCK_ADDR, 0, (void *)address};
    return item;
}

static inline struct MHD_OptionItem motcua_mhd_option_notify_completed(MHD_RequestCompletedCallback callback,
                                                                        void *context) {
    struct MHD_OptionItem item = {MHD_OPTION_NOTIFY_COMPLETED, (intptr_t)callback, context};
    return item;
}

static inline struct MHD_OptionItem motcua_mhd_option_notify_connection(MHD_NotifyConnectionCallback callback,
                                                                         void *context) {
    struct MHD_OptionItem item = {MHD_OPTION_NOTIFY_CONNECTION, (intptr_t)callback, context};
    return item;
}

static inline struct MHD_OptionItem motcua_mhd_option_external_logger(MHD_LogCallback callback, void *context) {
    struct MHD_OptionItem item = {MHD_OPTION_EXTERNAL_LOGGER, (intptr_t)callback, context};
    return item;
}

static inline struct MHD_OptionItem motcua_mhd_option_end(void) {
    struct MHD_OptionItem item = {MHD_OPTION_END, 0, NULL};
    return item;
}

/* MHD_get_daemon_info and MHD_get_connection_info are variadic. */
static inline uint16_t motcua_mhd_daemon_bind_port(struct MHD_Daemon *daemon) {
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_BIND_PORT);
    return info == NULL ? 0 : info->port;
}

static inline const struct sockaddr *motcua_mhd_connection_client_address(struct MHD_Connection *connection) {
    const union MHD_ConnectionInfo *info = MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    return info == NULL ? NULL : info->client_addr;
}

#endif
