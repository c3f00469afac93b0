/* bench-import.c: a big customer spreadsheet through the importer, and the
 * workspace out again
 *
 * Prints figures, never fails on them. Run with `meson test -C build
 * --benchmark bench-import` or directly: bench-import [ROWS] (default
 * 100000).
 *
 * The file is what an agency's Excel export looks like (GB18030, a header
 * in Chinese, a quoted address with a comma, Excel dates, an identity
 * number for most rows, tags, a note over two lines now and then). Steps:
 *
 * 1. load (decoding and reading every record);
 * 2. dry run into an empty workspace;
 * 3. run (each row checked, matched and written with its outbox and audit
 *    entries, all in one transaction);
 * 4. the same file again, dry run: every row matched against the
 *    workspace, each found unchanged;
 * 5. export as CSV and as vCard, to files.
 *
 * For each: the time, and the process's resident memory afterwards and
 * at its peak (VmRSS, VmHWM) as the kernel counts it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "td-customer-export.h"
#include "td-customer-import.h"
#include "td-test-utils.h"

static const char *family[] = { "张", "王", "李", "赵", "刘", "陈", "杨", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭" };
static const char *given[] = { "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超", "秀英", "建华", "志强" };
static const struct {
  const char *province, *city, *district, *area;
} places[] = {
  { "河南省", "郑州市", "金水区", "410105" }, { "北京市", "北京市", "朝阳区", "110105" },
  { "广东省", "深圳市", "南山区", "440305" }, { "浙江省", "杭州市", "西湖区", "330106" },
  { "四川省", "成都市", "武侯区", "510107" }, { "上海市", "上海市", "浦东新区", "310115" },
};
static const char *sources[] = { "到店", "电话", "携程", "旅行社", "小程序", "" };
static const char *tags[] = { "", "VIP", "老客户", "\"VIP,老客户\"", "家庭", "团队" };

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1e6;
}

/* VmRSS and VmHWM in MiB */
static void
memory (double *rss,
        double *peak)
{
  g_autofree char *status = NULL;

  *rss = *peak = 0;
  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return;
  for (char *line = status; line && *line; line = strchr (line, '\n') ? strchr (line, '\n') + 1 : NULL)
    {
      if (g_str_has_prefix (line, "VmRSS:"))
        *rss = g_ascii_strtod (line + 6, NULL) / 1024.0;
      else if (g_str_has_prefix (line, "VmHWM:"))
        *peak = g_ascii_strtod (line + 6, NULL) / 1024.0;
    }
}

static void
print_step (const char *step,
        double      seconds,
        guint       rows)
{
  double rss, peak;

  memory (&rss, &peak);
  g_print ("%-44s %8.2f s %9.0f rows/s   RSS %6.0f MiB, peak %6.0f MiB\n",
           step, seconds, rows / MAX (seconds, 1e-6), rss, peak);
}

static char *
id_number (const char *area,
           guint       year,
           guint       month,
           guint       day,
           guint       serial)
{
  static const int weights[] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
  char *number = g_strdup_printf ("%s%04u%02u%02u%03u?", area, year, month, day, serial % 1000);
  int sum = 0;

  for (guint i = 0; i < 17; i++)
    sum += (number[i] - '0') * weights[i];
  number[17] = "10X98765432"[sum % 11];
  return number;
}

static char *
write_sheet (guint n)
{
  g_autoptr(GString) csv = g_string_new ("序号,客户姓名,性别,出生日期,手机号码,证件类型,证件号码,省份,城市,区县,详细地址,电子邮件,客户来源,标签,积分,备注\n");
  g_autoptr(GError) error = NULL;
  g_autofree char *gb = NULL;
  char *path = td_test_path ("bench-import.csv");
  gsize gb_length = 0;
  GRand *rand = g_rand_new_with_seed (20240501);

  for (guint i = 0; i < n; i++)
    {
      guint p = g_rand_int_range (rand, 0, G_N_ELEMENTS (places));
      guint year = 1950 + g_rand_int_range (rand, 0, 55), month = 1 + g_rand_int_range (rand, 0, 12);
      guint day = 1 + g_rand_int_range (rand, 0, 28);
      gboolean male = g_rand_boolean (rand);
      /* the serial's last digit says the gender */
      guint serial = (i / 5) * 2 % 1000 + (male ? 1 : 0);
      g_autofree char *number = id_number (places[p].area, year, month, day, serial);
      gboolean has_id = i % 10 != 0;
      GDate date, excel_day_0;

      g_date_clear (&date, 1);
      g_date_set_dmy (&date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
      g_date_clear (&excel_day_0, 1);
      g_date_set_dmy (&excel_day_0, 30, G_DATE_DECEMBER, 1899);
      g_string_append_printf (csv, "%u,%s%s%u,%s,", i + 1, family[i % G_N_ELEMENTS (family)],
                              given[(i / 16) % G_N_ELEMENTS (given)], i, male ? "男" : "女");
      /* dates as Excel writes them: its own format, or a serial number */
      if (i % 3 == 0)
        g_string_append_printf (csv, "%u/%u/%u,", year, month, day);
      else if (i % 3 == 1)
        g_string_append_printf (csv, "%u年%u月%u日,", year, month, day);
      else
        g_string_append_printf (csv, "%u,", g_date_get_julian (&date) - g_date_get_julian (&excel_day_0));
      g_string_append_printf (csv, "1%02u %04u %04u,%s,%s,%s,%s,%s,\"%s%s%s人民路%u号,%u单元\",",
                              30 + i % 60, (i / 10000) % 10000, i % 10000,
                              has_id ? "身份证" : "", has_id ? number : "",
                              places[p].province, places[p].city, places[p].district,
                              places[p].province, places[p].city, places[p].district, i % 200 + 1, i % 6 + 1);
      if (i % 4 == 0)
        g_string_append_printf (csv, "guest%u@example.com", i);
      g_string_append_printf (csv, ",%s,%s,%u,", sources[i % G_N_ELEMENTS (sources)],
                              tags[i % G_N_ELEMENTS (tags)], i % 5000);
      if (i % 50 == 0)
        g_string_append (csv, "\"喜欢安静的房间\n不吃辣\"");
      g_string_append (csv, "\r\n");
    }
  g_rand_free (rand);

  gb = g_convert (csv->str, csv->len, "GB18030", "UTF-8", NULL, &gb_length, &error);
  g_assert_no_error (error);
  g_file_set_contents (path, gb, (gssize) gb_length, &error);
  g_assert_no_error (error);
  g_print ("sheet: %u rows, %.1f MiB (GB18030)\n", n, gb_length / 1048576.0);
  return path;
}

typedef struct {
  gint64        start;
  GMainLoop    *loop;
  TdImportReport *report;
  GError       *error;
} Run;

static void
on_done (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Run *run = user_data;

  run->report = td_customer_import_run_finish (TD_CUSTOMER_IMPORT (object), result, &run->error);
  g_main_loop_quit (run->loop);
}

int
main (int   argc,
      char *argv[])
{
  guint n = argc > 1 ? (guint) strtoul (argv[1], NULL, 10) : 100000;
  g_autoptr(TdDatabase) db = td_test_workspace ("bench-import.tourdesk", TD_PROFILE_AGENCY);
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(TdCustomerImport) import = NULL;
  g_autoptr(TdImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;

  path = write_sheet (n);
  file = g_file_new_for_path (path);
  print_step ("(sheet written)", 0, 0);

  import = td_customer_import_new (db);
  start = g_get_monotonic_time ();
  td_customer_import_load (import, file, NULL, &error);
  g_assert_no_error (error);
  print_step ("1. load", seconds_since (start), n);

  start = g_get_monotonic_time ();
  report = td_customer_import_dry_run (import, NULL, &error);
  g_assert_no_error (error);
  print_step ("2. dry run, empty workspace", seconds_since (start), n);
  g_print ("   create %u, update %u, unchanged %u, skip %u\n",
           td_import_report_count (report, TD_IMPORT_ACTION_CREATE),
           td_import_report_count (report, TD_IMPORT_ACTION_UPDATE),
           td_import_report_count (report, TD_IMPORT_ACTION_UNCHANGED),
           td_import_report_count (report, TD_IMPORT_ACTION_SKIP));
  g_clear_pointer (&report, td_import_report_unref);

  {
    Run run = { 0 };
    double total;

    run.loop = g_main_loop_new (NULL, FALSE);
    run.start = g_get_monotonic_time ();
    td_customer_import_run_async (import, NULL, NULL, on_done, &run);
    g_main_loop_run (run.loop);
    g_assert_no_error (run.error);
    total = seconds_since (run.start);
    g_main_loop_unref (run.loop);
    print_step ("3. run (one transaction)", total, n);
    g_print ("   created %u, skip %u\n", td_import_report_count (run.report, TD_IMPORT_ACTION_CREATE),
             td_import_report_count (run.report, TD_IMPORT_ACTION_SKIP));
    td_import_report_unref (run.report);
  }

  start = g_get_monotonic_time ();
  report = td_customer_import_dry_run (import, NULL, &error);
  g_assert_no_error (error);
  print_step ("4. the same file again, dry run", seconds_since (start), n);
  g_print ("   unchanged %u, skip %u\n", td_import_report_count (report, TD_IMPORT_ACTION_UNCHANGED),
           td_import_report_count (report, TD_IMPORT_ACTION_SKIP));
  g_clear_pointer (&report, td_import_report_unref);
  g_clear_object (&import);

  for (guint f = 0; f < 2; f++)
    {
      g_autofree char *out_path = td_test_path (f ? "bench-export.vcf" : "bench-export.csv");
      g_autoptr(GFile) out = g_file_new_for_path (out_path);
      g_autoptr(GFileInfo) info = NULL;
      guint written = 0;

      start = g_get_monotonic_time ();
      td_customer_export_to_file (db, f ? TD_EXPORT_FORMAT_VCARD : TD_EXPORT_FORMAT_CSV, out,
                                  NULL, NULL, &written, NULL, &error);
      g_assert_no_error (error);
      print_step (f ? "5. export vCard 4.0" : "5. export CSV", seconds_since (start), written);
      info = g_file_query_info (out, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL, NULL);
      g_print ("   %u customers, %.1f MiB\n", written, g_file_info_get_size (info) / 1048576.0);
    }
  return 0;
}
