/* td-main-context.h: handing work from a worker thread to a main context
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Runs @func(@data) in @context's thread, from an idle source of
 * @priority; @notify frees @data once it ran or when the source is dropped.
 *
 * Use this, not g_main_context_invoke_full(), from worker threads:
 * g_main_context_invoke_full() calls the function at once *in the worker*
 * when the context is the global default and nobody owns it at that moment
 * (a test between two g_main_context_iteration() calls, a CLI without a
 * running loop), so the callback races the main thread. */
void td_main_context_post (GMainContext   *context,
                           int             priority,
                           GSourceFunc     func,
                           gpointer        data,
                           GDestroyNotify  notify);

G_END_DECLS
