/* test-vcard.c: vCard files as GNOME Contacts, Google, Android and
 * Evolution write them; broken files; writing vCard 4.0 and reading it
 * back; mutated files (fuzzing); a large file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "td-test-utils.h"

static const char *samples[] = {
  "gnome-contacts-4.0.vcf", "google-3.0.vcf", "android-2.1-qp.vcf", "evolution-3.0.vcf",
  "multi.vcf", "unterminated.vcf", "bad-qp.vcf", "nested.vcf",
};

static GBytes *
load_sample (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "vcard", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static GPtrArray *
parse_sample (const char  *name,
              GError     **error)
{
  g_autoptr(GBytes) bytes = load_sample (name);
  gsize length = 0;
  const char *data = g_bytes_get_data (bytes, &length);

  return td_vcard_parse (data, length, error);
}

static GPtrArray *
parse_text (const char  *text,
            GError     **error)
{
  return td_vcard_parse (text, strlen (text), error);
}

/* Every member of the row's values, in order, as "field=value" lines:
 * one string to compare against what is expected, so that a value that is
 * there and should not be shows up too. */
static char *
row_dump (TdCustomerRow *row)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GList) members = json_object_get_members (row->values);

  members = g_list_sort (members, (GCompareFunc) strcmp);
  for (GList *l = members; l; l = l->next)
    g_string_append_printf (out, "%s=%s\n", (char *) l->data,
                            json_object_get_string_member (row->values, l->data));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
assert_row (GPtrArray  *rows,
            guint       index,
            guint       line,
            const char *expected)
{
  TdCustomerRow *row;
  g_autofree char *dump = NULL;

  g_assert_cmpuint (index, <, rows->len);
  row = g_ptr_array_index (rows, index);
  dump = row_dump (row);
  g_assert_cmpstr (dump, ==, expected);
  g_assert_cmpuint (row->line, ==, line);
}

static void
test_gnome_contacts (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = parse_sample ("gnome-contacts-4.0.vcf", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 4);
  assert_row (rows, 0, 1,
              "birth_date=1990-03-07\n"
              "city=北京\n"
              "email=fang.wang@corp.example.cn\n"
              "family_name=王\n"
              "gender=female\n"
              "given_name=芳\n"
              "language=zh-CN\n"
              "name=王芳\n"
              "notes=老客户，每年春节带全家去三亚；喜欢安静的房间, 不要靠近电梯。\n护照快到期了，提醒她续办。\n"
              "other_emails=wangfang@example.com\n"
              "other_phones=+86-10-6552-9988\n"
              "party=person\n"
              "phone=+86-139-0000-1111\n"
              "province=北京市\n"
              "tags=VIP,家人\n");
  assert_row (rows, 1, 29,
              "city=上海\n"
              "email=groups@jinjiang-travel.example.cn\n"
              "name=锦江国际旅行社\n"
              "party=organisation\n"
              "phone=+86-21-6326-4000\n"
              "province=上海市\n");
  /* BDAY:--0307 has no year: nothing is kept */
  assert_row (rows, 2, 39,
              "family_name=Müller\n"
              "gender=other\n"
              "given_name=Anna\n"
              "language=de\n"
              "name=Anna Müller\n"
              "party=person\n"
              "phone=+49 30 1234567\n");
  /* no FN: the name is built from N */
  assert_row (rows, 3, 48,
              "birth_date=1985-11-02\n"
              "family_name=李\n"
              "gender=male\n"
              "given_name=雷\n"
              "name=李雷\n"
              "party=person\n"
              "phone=+86-186-0000-4444\n");
  for (guint i = 0; i < rows->len; i++)
    {
      TdCustomerRow *row = g_ptr_array_index (rows, i);

      g_assert_cmpuint (row->documents->len, ==, 0);
      g_assert_cmpuint (row->notes->len, ==, 0);
    }
}

static void
test_google (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = parse_sample ("google-3.0.vcf", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);
  /* the grouped item1.EMAIL counts; the system group myContacts does not */
  assert_row (rows, 0, 1,
              "birth_date=1988-05-21\n"
              "city=上海\n"
              "email=chenjing@example.com\n"
              "family_name=陈\n"
              "given_name=静\n"
              "name=陈静\n"
              "notes=喜欢靠窗的座位\n素食\n"
              "other_emails=jing.chen@example.org,chen.j@example.net\n"
              "other_phones=021-6234 5678\n"
              "party=person\n"
              "phone=138 0013 8000\n"
              "province=上海\n"
              "tags=Friends\n");
  /* FN the same as ORG and an empty N: a company */
  assert_row (rows, 1, 32,
              "email=bookings@acme-travel.example.com\n"
              "name=Acme Travel Ltd\n"
              "party=organisation\n"
              "phone=+1 415-555-0100\n");
}

static void
test_android (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = parse_sample ("android-2.1-qp.vcf", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 3);
  /* quoted-printable with soft line breaks; TEL;CELL;PREF; the district
   * from the extended address; the photo indented and ended by a blank line */
  assert_row (rows, 0, 1,
              "birth_date=1975-02-14\n"
              "city=北京\n"
              "district=朝阳区\n"
              "email=zhangwei@example.com\n"
              "family_name=张\n"
              "given_name=伟\n"
              "name=张伟\n"
              "notes=老客户，喜欢靠窗的房间，每次都要两瓶矿泉水。\n"
              "other_phones=13912345678,010-62345678\n"
              "party=person\n"
              "phone=13800138000\n"
              "province=北京市\n");
  /* CHARSET=GB18030 in quoted-printable */
  assert_row (rows, 1, 25,
              "family_name=李\n"
              "given_name=娜\n"
              "name=李娜\n"
              "party=person\n"
              "phone=+86 135 0000 2222\n");
  /* raw GBK bytes, one line saying GBK and the other GB2312 */
  assert_row (rows, 2, 31,
              "family_name=赵\n"
              "given_name=敏\n"
              "name=赵敏\n"
              "other_phones=0371-66668888\n"
              "party=person\n"
              "phone=136-0000-3333\n");
}

static void
test_evolution (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = parse_sample ("evolution-3.0.vcf", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  /* the NOTE is folded inside a character */
  assert_row (rows, 0, 1,
              "birth_date=1985-11-02\n"
              "city=上海\n"
              "email=li.na@example.cn\n"
              "family_name=Li\n"
              "gender=female\n"
              "given_name=Na\n"
              "name=Li Na\n"
              "notes=VIP guest, prefers a quiet room on a high floor; vegetarian. 会员卡号：JJ-2024-0088，生日当天送蛋糕。\n"
              "other_emails=lina1985@example.com\n"
              "other_phones=021-6234 5678\n"
              "party=person\n"
              "phone=+86 139 1234 5678\n"
              "province=上海\n"
              "tags=VIP,Business\n");
}

static void
test_multi (void)
{
  static const guint lines[] = { 1, 8, 15, 22, 29, 36, 42 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = parse_sample ("multi.vcf", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, G_N_ELEMENTS (lines));
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *expected =
        g_strdup_printf ("family_name=客户\ngiven_name=%u\nname=客户%u\nparty=person\nphone=1380000%04u\n",
                         i + 1, i + 1, i + 1);

      assert_row (rows, i, lines[i], expected);
    }
  assert_row (rows, 5, 36,
              "family_name=Smith\ngiven_name=John\nname=John Smith\nparty=person\nphone=+44 20 7946 0958\n");
  assert_row (rows, 6, 42, "email=zhouxun@example.com\nname=Zhou Xun\nparty=person\n");
}

/* The same contact with every kind of line end, a byte order mark, and
 * folding with a space or a tab. */
static void
test_line_ends (void)
{
  static const char *eols[] = { "\r\n", "\n", "\r" };
  static const char *lines[] = {
    "BEGIN:VCARD", "VERSION:3.0", "FN:Zhang", " Wei", "N:Zhang;Wei;;;",
    "NOTE:first line\\nsecond", "\tline; third\\, end", "TEL;TYPE=CELL:13800138000",
    "EMAIL:zw@exa", " mple.com", "END:VCARD", NULL,
  };
  const char *expected =
    "email=zw@example.com\nfamily_name=Zhang\ngiven_name=Wei\nname=ZhangWei\n"
    "notes=first line\nsecondline; third, end\nparty=person\nphone=13800138000\n";

  for (guint bom = 0; bom < 2; bom++)
    for (guint e = 0; e < G_N_ELEMENTS (eols); e++)
      {
        g_autoptr(GString) text = g_string_new (bom ? "\xEF\xBB\xBF" : "");
        g_autoptr(GError) error = NULL;
        g_autoptr(GPtrArray) rows = NULL;

        for (guint i = 0; lines[i]; i++)
          g_string_append_printf (text, "%s%s", lines[i], eols[e]);
        rows = td_vcard_parse (text->str, text->len, &error);
        g_assert_no_error (error);
        g_assert_cmpuint (rows->len, ==, 1);
        assert_row (rows, 0, 1, expected);

        /* without a final line end */
        g_string_truncate (text, text->len - strlen (eols[e]));
        g_clear_pointer (&rows, g_ptr_array_unref);
        rows = td_vcard_parse (text->str, text->len, &error);
        g_assert_no_error (error);
        assert_row (rows, 0, 1, expected);
      }
}

/* Values as the other programs write them. */
static void
test_values (void)
{
  static const struct {
    const char *lines;
    const char *expected;
  } cases[] = {
    /* birth dates */
    { "FN:a\nBDAY:1990-03-07T00:00:00Z\n", "birth_date=1990-03-07\nname=a\nparty=person\n" },
    { "FN:a\nBDAY;VALUE=date:--03-07\n", "name=a\nparty=person\n" },
    { "FN:a\nBDAY;X-APPLE-OMIT-YEAR=1604:1604-03-07\n", "name=a\nparty=person\n" },
    /* not a date: kept for td_customer_check() to say so */
    { "FN:a\nBDAY:1990-02-30\n", "birth_date=1990-02-30\nname=a\nparty=person\n" },
    { "FN:a\nBDAY:circa 1960\n", "birth_date=circa 1960\nname=a\nparty=person\n" },
    /* gender */
    { "FN:a\nGENDER:M;he/him\n", "gender=male\nname=a\nparty=person\n" },
    { "FN:a\nGENDER:U\n", "name=a\nparty=person\n" },
    { "FN:a\nX-GENDER:男\n", "gender=male\nname=a\nparty=person\n" },
    { "FN:a\nX-WAB-GENDER:1\n", "gender=female\nname=a\nparty=person\n" },
    /* organisations */
    { "ORG:黄山旅游集团;销售部\n", "name=黄山旅游集团\nparty=organisation\n" },
    { "FN:张伟\nORG:黄山旅游集团\n", "name=张伟\nparty=person\n" },
    { "KIND:org\nFN:黄山旅游集团\nN:;;;;\n", "name=黄山旅游集团\nparty=organisation\n" },
    { "X-ABShowAs:COMPANY\nFN:Acme\nN:Smith;John;;;\n",
      "family_name=Smith\ngiven_name=John\nname=Acme\nparty=organisation\n" },
    /* preferences: 3.0 TYPE=pref, 4.0 PREF=n; the same number once */
    { "FN:a\nTEL:1\nTEL;TYPE=pref,cell:2\nTEL:1\nTEL:3\n",
      "name=a\nother_phones=1,3\nparty=person\nphone=2\n" },
    { "FN:a\nEMAIL;PREF=50:a@x.cn\nEMAIL;PREF=20:b@x.cn\nEMAIL:mailto:c@x.cn\n",
      "email=b@x.cn\nname=a\nother_emails=a@x.cn,c@x.cn\nparty=person\n" },
    { "FN:a\nTEL;VALUE=uri:tel:+86-10-1234-5678\n", "name=a\nparty=person\nphone=+86-10-1234-5678\n" },
    /* escapes, and a backslash before a letter that is no escape */
    { "FN:a\\;b\\,c\\\\d\\:e\\qf\n", "name=a;b,c\\d:e\\qf\nparty=person\n" },
    { "N:O\\;Brien;Pat;;;\n",
      "family_name=O;Brien\ngiven_name=Pat\nname=Pat O;Brien\nparty=person\n" },
    /* several notes and categories */
    { "FN:a\nNOTE:one\nNOTE:two\nCATEGORIES:x, y\nCATEGORIES:z\n",
      "name=a\nnotes=one\ntwo\nparty=person\ntags=x,y,z\n" },
    /* a district only when it says so; 自治区 is a province */
    { "FN:a\nADR:;海淀区;中关村大街 1 号;北京;北京;;\n", "city=北京\ndistrict=海淀区\nname=a\nparty=person\nprovince=北京\n" },
    { "FN:a\nADR:;Suite 5;1 Main St;Boston;MA;;USA\n", "city=Boston\nname=a\nparty=person\nprovince=MA\n" },
    { "FN:a\nADR:;内蒙古自治区;;;;;\n", "name=a\nparty=person\n" },
    { "FN:a\nADR:;;;广州;广东\nADR;PREF=1:;;;深圳;广东\n", "city=深圳\nname=a\nparty=person\nprovince=广东\n" },
    /* quoted parameter values with : and ; in them */
    { "FN:a\nADR;LABEL=\"1 Main St;Boston:MA\":;;;Boston;MA;;\n", "city=Boston\nname=a\nparty=person\nprovince=MA\n" },
    /* languages */
    { "FN:a\nLANG;PREF=2:en\nLANG;PREF=1:zh-CN\nLANG:fr\n", "language=zh-CN\nname=a\nparty=person\n" },
    /* our identity documents */
    { "FN:a\nX-TOURDESK-ID;TYPE=passport;X-COUNTRY=CHN;X-EXPIRY=2030-01-01:E1234\n",
      "id_country=CHN\nid_expiry=2030-01-01\nid_number=E1234\nid_type=passport\nname=a\nparty=person\n" },
    /* no name at all: the importer says so */
    { "TEL:13800138000\n", "party=person\nphone=13800138000\n" },
    /* quoted-printable newlines become \n */
    { "FN;ENCODING=QUOTED-PRINTABLE:a\nNOTE;QUOTED-PRINTABLE:one=0D=0Atwo=0Dthree\n",
      "name=a\nnotes=one\ntwo\nthree\nparty=person\n" },
    /* base64 text (some phones) */
    { "FN;ENCODING=B;CHARSET=UTF-8:5byg5LyfIA==\n", "name=张伟\nparty=person\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf ("BEGIN:VCARD\nVERSION:3.0\n%sEND:VCARD\n", cases[i].lines);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) rows = parse_text (text, &error);

      g_test_message ("%s", cases[i].lines);
      g_assert_no_error (error);
      g_assert_cmpuint (rows->len, ==, 1);
      assert_row (rows, 0, 1, cases[i].expected);
    }
}

static void
test_documents (void)
{
  const char *text =
    "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:王芳\r\n"
    "X-TOURDESK-DOCUMENT;TYPE=passport;X-COUNTRY=CHN;X-EXPIRY=2031-05-01:E12345678\r\n"
    "X-TOURDESK-DOCUMENT;TYPE=hk-macao-permit:C87654321\r\n"
    "X-TOURDESK-DOCUMENT;TYPE=passport:\r\n"
    "END:VCARD\r\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = parse_text (text, &error);
  TdCustomerRow *row;
  JsonObject *doc;

  g_assert_no_error (error);
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpuint (row->documents->len, ==, 2);
  doc = g_ptr_array_index (row->documents, 0);
  g_assert_cmpuint (json_object_get_size (doc), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (doc, "doc_type"), ==, "passport");
  g_assert_cmpstr (json_object_get_string_member (doc, "number"), ==, "E12345678");
  g_assert_cmpstr (json_object_get_string_member (doc, "country"), ==, "CHN");
  g_assert_cmpstr (json_object_get_string_member (doc, "expiry"), ==, "2031-05-01");
  doc = g_ptr_array_index (row->documents, 1);
  g_assert_cmpuint (json_object_get_size (doc), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (doc, "doc_type"), ==, "hk-macao-permit");
  g_assert_cmpstr (json_object_get_string_member (doc, "number"), ==, "C87654321");
}

static void
assert_error (GPtrArray    *rows,
              const GError *error,
              TdVCardError  code,
              const char   *message)
{
  g_assert_null (rows);
  g_assert_error (error, TD_VCARD_ERROR, (int) code);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_errors (void)
{
  static const struct {
    const char   *text;
    TdVCardError  code;
    const char   *message;
  } cases[] = {
    { "", TD_VCARD_ERROR_EMPTY, "The file is empty" },
    { "\xEF\xBB\xBF\r\n  \r\n", TD_VCARD_ERROR_EMPTY, "The file is empty" },
    { "name,phone\n张三,13800138000\n", TD_VCARD_ERROR_EMPTY,
      "The file holds no vCard: no line says BEGIN:VCARD" },
    { "END:VCARD\n", TD_VCARD_ERROR_EMPTY, "The file holds no vCard: no line says BEGIN:VCARD" },
    { "BEGIN:VCARD\nFN:a\nEND:VCARD\nEND:VCARD\n", TD_VCARD_ERROR_SYNTAX,
      "Line 4: END:VCARD without a BEGIN:VCARD before it" },
    { "BEGIN:VCARD\r\nVERSION:3.0\r\nFN Zhang Wei\r\nEND:VCARD\r\n", TD_VCARD_ERROR_SYNTAX,
      "Line 3: “FN Zhang Wei” has no “:” between the property and its value" },
    { "FN:x\r\nBEGIN:VCARD\r\nEND:VCARD\r\n", TD_VCARD_ERROR_SYNTAX,
      "Line 1: “FN:x” is outside any vCard (not between BEGIN:VCARD and END:VCARD)" },
    { "BEGIN:VCARD\nVERSION:3.0\nFN:a\nPHOTO;ENCODING=b;TYPE=JPEG:/9j/4AA*QSkZJRg\nEND:VCARD\n",
      TD_VCARD_ERROR_SYNTAX, "Line 4: the photo is damaged: its base64 data is not valid" },
    { "BEGIN:VCARD\nVERSION:4.0\nFN:a\nPHOTO:data:image/png;base64,iVBORw0KGgo=AAA\nEND:VCARD\n",
      TD_VCARD_ERROR_SYNTAX, "Line 4: the photo is damaged: its base64 data is not valid" },
    { "BEGIN:VCARD\nVERSION:4.0\nFN:a\nPHOTO:data:image/png;base64\nEND:VCARD\n",
      TD_VCARD_ERROR_SYNTAX, "Line 4: the photo is damaged: its base64 data is not valid" },
    { "BEGIN:VCARD\nVERSION:5.0\nEND:VCARD\n", TD_VCARD_ERROR_SYNTAX,
      "Line 2: vCard version “5.0” is not supported (2.1, 3.0 and 4.0 are)" },
    { "BEGIN:VCALENDAR\nEND:VCALENDAR\nBEGIN:VCARD\nEND:VCARD\n", TD_VCARD_ERROR_SYNTAX,
      "Line 1: “BEGIN:VCALENDAR” starts something other than a vCard" },
    { "BEGIN:VCARD\nFN:a\nEND:VCALENDAR\n", TD_VCARD_ERROR_SYNTAX,
      "Line 3: “END:VCALENDAR” where END:VCARD should close the vCard that begins on line 1" },
    { "BEGIN:VCARD\nF N:a\nEND:VCARD\n", TD_VCARD_ERROR_SYNTAX,
      "Line 2: “F N:a” does not begin with a property name such as TEL or EMAIL" },
    { "BEGIN:VCARD\n;TYPE=x:a\nEND:VCARD\n", TD_VCARD_ERROR_SYNTAX,
      "Line 2: “;TYPE=x:a” does not begin with a property name such as TEL or EMAIL" },
    { "BEGIN:VCARD\nVERSION:2.1\nFN;ENCODING=QUOTED-PRINTABLE:=E5=BC\nEND:VCARD\n", TD_VCARD_ERROR_ENCODING,
      "Line 3: the text is not UTF-8 and no CHARSET parameter says what it is; save the file as UTF-8 and import it again" },
    { "BEGIN:VCARD\nVERSION:2.1\nFN;ENCODING=QUOTED-PRINTABLE:=E5=B\nEND:VCARD\n", TD_VCARD_ERROR_SYNTAX,
      "Line 3: the quoted-printable text is damaged: each “=” must be followed by two hexadecimal digits" },
    { "BEGIN:VCARD\nFN;ENCODING=b:5byg5Ly*\nEND:VCARD\n", TD_VCARD_ERROR_SYNTAX,
      "Line 2: the base64 text is damaged" },
    { "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:\xD5\xC5\xCE\xB0\r\nEND:VCARD\r\n", TD_VCARD_ERROR_ENCODING,
      "Line 3: the text is not UTF-8 and no CHARSET parameter says what it is; save the file as UTF-8 and import it again" },
    /* a property that is put aside still has to be text */
    { "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:a\r\nX-FOO:\xD5\xC5\r\nEND:VCARD\r\n", TD_VCARD_ERROR_ENCODING,
      "Line 4: the text is not UTF-8 and no CHARSET parameter says what it is; save the file as UTF-8 and import it again" },
    { "BEGIN:VCARD\nFN;CHARSET=X-NO-SUCH-SET:abc\nEND:VCARD\n", TD_VCARD_ERROR_ENCODING,
      "Line 2: the character set “X-NO-SUCH-SET” is unknown" },
    { "BEGIN:VCARD\nFN;CHARSET=GB18030:\xFF\xFF\nEND:VCARD\n", TD_VCARD_ERROR_ENCODING,
      "Line 2: the text is not valid GB18030, the character set it names" },
    /* the second contact is broken: none is returned */
    { "BEGIN:VCARD\nFN:a\nEND:VCARD\n\nBEGIN:VCARD\nFN:b\n", TD_VCARD_ERROR_SYNTAX,
      "Line 5: the vCard that begins here has no END:VCARD" },
    /* a long bad line is quoted in part */
    { "BEGIN:VCARD\nFN a very long line that goes on and on and on and on\nEND:VCARD\n", TD_VCARD_ERROR_SYNTAX,
      "Line 2: “FN a very long line that goes on and on …” has no “:” between the property and its value" },
  };
  static const struct {
    const char   *file;
    TdVCardError  code;
    const char   *message;
  } files[] = {
    { "unterminated.vcf", TD_VCARD_ERROR_SYNTAX, "Line 5: the vCard that begins here has no END:VCARD" },
    { "bad-qp.vcf", TD_VCARD_ERROR_SYNTAX,
      "Line 4: the quoted-printable text is damaged: each “=” must be followed by two hexadecimal digits" },
    { "nested.vcf", TD_VCARD_ERROR_SYNTAX,
      "Line 4: BEGIN:VCARD inside the vCard that begins on line 1, which has no END:VCARD" },
  };
  const char nul[] = "BEGIN:VCARD\r\nFN:a\0b\r\nEND:VCARD\r\n";

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) rows = parse_text (cases[i].text, &error);
      g_autofree char *shown = g_utf8_make_valid (cases[i].text, -1);

      g_test_message ("%s", shown);
      assert_error (rows, error, cases[i].code, cases[i].message);
    }
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) rows = parse_sample (files[i].file, &error);

      assert_error (rows, error, files[i].code, files[i].message);
    }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) rows = td_vcard_parse (nul, sizeof nul - 1, &error);

    assert_error (rows, error, TD_VCARD_ERROR_ENCODING,
                  "Line 2: the file holds NUL bytes, so it is not UTF-8 text (UTF-16 perhaps); save it as UTF-8 and import it again");
  }
}

/* What the programs write passes the customer check; phones come out in
 * normal form. */
static void
test_check (void)
{
  static const char *files[] = {
    "gnome-contacts-4.0.vcf", "google-3.0.vcf", "android-2.1-qp.vcf", "evolution-3.0.vcf", "multi.vcf",
  };
  guint n = 0;

  for (guint f = 0; f < G_N_ELEMENTS (files); f++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) rows = parse_sample (files[f], &error);

      g_assert_no_error (error);
      for (guint i = 0; i < rows->len; i++)
        {
          TdCustomerRow *row = g_ptr_array_index (rows, i);
          g_autoptr(GPtrArray) problems = td_customer_check (row->values);

          for (guint p = 0; p < problems->len; p++)
            {
              TdFieldProblem *problem = g_ptr_array_index (problems, p);

              g_test_message ("%s line %u: %s: %s", files[f], row->line, problem->field, problem->message);
            }
          g_assert_cmpuint (problems->len, ==, 0);
          n++;
        }
      if (f == 0)
        {
          TdCustomerRow *row = g_ptr_array_index (rows, 0);

          g_assert_cmpstr (json_object_get_string_member (row->values, "phone"), ==, "13900001111");
          g_assert_cmpstr (json_object_get_string_member (row->values, "other_phones"), ==, "+861065529988");
        }
    }
  g_assert_cmpuint (n, ==, 17);
}

/* ------------------------------------------------------------------ */
/* writing                                                            */

static JsonObject *
sample_customer (void)
{
  JsonObject *c = json_object_new ();

  json_object_set_string_member (c, "id", "3f2b8c1e-6a4d-4e8f-9b0a-1c2d3e4f5a6b");
  json_object_set_string_member (c, "org_id", "00000000-0000-0000-0000-000000000001");
  json_object_set_int_member (c, "revision", 3);
  json_object_set_string_member (c, "created_at", "2026-01-02T03:04:05.000000Z");
  json_object_set_string_member (c, "updated_at", "2026-11-22T05:43:44.123456Z");
  json_object_set_boolean_member (c, "deleted", FALSE);
  json_object_set_string_member (c, "party", "person");
  json_object_set_string_member (c, "name", "张伟");
  json_object_set_string_member (c, "family_name", "张");
  json_object_set_string_member (c, "given_name", "伟");
  json_object_set_string_member (c, "gender", "male");
  json_object_set_string_member (c, "birth_date", "1990-03-07");
  json_object_set_string_member (c, "phone", "13800138000");
  json_object_set_string_member (c, "other_phones", "+8637166668888,+442079460958");
  json_object_set_string_member (c, "email", "zhangwei@example.com");
  json_object_set_string_member (c, "other_emails", "zw@example.cn");
  json_object_set_string_member (c, "province", "河南省");
  json_object_set_string_member (c, "city", "郑州市");
  json_object_set_string_member (c, "district", "金水区");
  json_object_set_string_member (c, "language", "zh-CN");
  json_object_set_string_member (c, "notes",
                                 "老客户, 喜欢靠窗; 不吃辣\\海鲜过敏\n第二行：每年国庆去云南，"
                                 "住大理古城里安静的客栈，需要提前两个月预订。");
  json_object_set_string_member (c, "tags", "VIP,家庭,回头客");
  json_object_set_string_member (c, "id_type", "resident-id");
  json_object_set_string_member (c, "id_number", "11010519491231002X");
  json_object_set_string_member (c, "id_country", "CHN");
  json_object_set_string_member (c, "id_expiry", "2035-06-30");
  json_object_set_int_member (c, "loyalty_points", 1200);
  json_object_set_null_member (c, "nationality");
  return c;
}

static GPtrArray *
sample_documents (void)
{
  GPtrArray *docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  JsonObject *d = json_object_new ();

  json_object_set_string_member (d, "id", "9a9a9a9a-0000-4000-8000-000000000001");
  json_object_set_string_member (d, "customer_id", "3f2b8c1e-6a4d-4e8f-9b0a-1c2d3e4f5a6b");
  json_object_set_string_member (d, "doc_type", "passport");
  json_object_set_string_member (d, "number", "E12345678");
  json_object_set_string_member (d, "country", "CHN");
  json_object_set_string_member (d, "expiry", "2031-05-01");
  json_object_set_boolean_member (d, "deleted", FALSE);
  g_ptr_array_add (docs, d);
  d = json_object_new ();
  json_object_set_string_member (d, "doc_type", "hk-macao-permit");
  json_object_set_string_member (d, "number", "C87654321");
  g_ptr_array_add (docs, d);
  d = json_object_new ();
  json_object_set_string_member (d, "doc_type", "passport");
  json_object_set_string_member (d, "number", "G00000000");
  json_object_set_boolean_member (d, "deleted", TRUE);
  g_ptr_array_add (docs, d);
  return docs;
}

/* Lines of at most 75 octets, each valid UTF-8, CRLF everywhere. */
static void
assert_well_folded (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\r\n", -1);
  guint n = g_strv_length (lines);

  g_assert_cmpuint (n, >, 1);
  g_assert_cmpstr (lines[n - 1], ==, "");
  for (guint i = 0; i + 1 < n; i++)
    {
      g_assert_cmpuint (strlen (lines[i]), <=, 75);
      g_assert_true (g_utf8_validate (lines[i], -1, NULL));
      g_assert_null (strchr (lines[i], '\n'));
      g_assert_null (strchr (lines[i], '\r'));
    }
}

static void
test_write (void)
{
  g_autoptr(JsonObject) customer = sample_customer ();
  g_autoptr(GPtrArray) docs = sample_documents ();
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) unfolded = NULL;
  static const char *expected_lines[] = {
    "BEGIN:VCARD\r\nVERSION:4.0\r\nPRODID:-//Tourdesk//Tourdesk " PACKAGE_VERSION "//EN\r\n",
    "\r\nUID:urn:uuid:3f2b8c1e-6a4d-4e8f-9b0a-1c2d3e4f5a6b\r\n",
    "\r\nFN:张伟\r\nN:张;伟;;;\r\nGENDER:M\r\nBDAY:19900307\r\n",
    "\r\nTEL;TYPE=cell;PREF=1:13800138000\r\n",
    "\r\nTEL;VALUE=uri;TYPE=voice:tel:+8637166668888\r\n",
    "\r\nTEL;VALUE=uri;TYPE=voice:tel:+442079460958\r\n",
    "\r\nEMAIL;PREF=1:zhangwei@example.com\r\nEMAIL:zw@example.cn\r\n",
    "\r\nADR:;金水区;;郑州市;河南省;;\r\n",
    "\r\nLANG:zh-CN\r\n",
    "\r\nCATEGORIES:VIP,家庭,回头客\r\n",
    "\r\nX-TOURDESK-ID;TYPE=resident-id;X-COUNTRY=CHN;X-EXPIRY=2035-06-30:11010519491231002X\r\n",
    "\r\nREV:20261122T054344Z\r\nEND:VCARD\r\n",
  };

  td_vcard_write (out, customer, docs);
  g_test_message ("%s", out->str);
  assert_well_folded (out->str);
  g_assert_true (g_str_has_prefix (out->str, expected_lines[0]));
  g_assert_true (g_str_has_suffix (out->str, expected_lines[G_N_ELEMENTS (expected_lines) - 1]));
  unfolded = g_string_new (out->str);
  g_string_replace (unfolded, "\r\n ", "", 0);
  for (guint i = 0; i < G_N_ELEMENTS (expected_lines); i++)
    g_assert_nonnull (strstr (unfolded->str, expected_lines[i]));

  /* the NOTE, unfolded: escaped, and folded between characters */
  g_assert_nonnull (strstr (unfolded->str,
                            "\r\nNOTE:老客户\\, 喜欢靠窗\\; 不吃辣\\\\海鲜过敏\\n第二行：每年国庆去云南，"
                            "住大理古城里安静的客栈，需要提前两个月预订。\r\n"));
  g_assert_nonnull (strstr (out->str, "\r\nNOTE:老客户\\, 喜欢靠窗\\; 不吃辣\\\\海鲜过敏\\n第二行：每年\r\n 国庆去云南，"));
  /* documents; not the deleted one */
  g_assert_nonnull (strstr (unfolded->str,
                            "\r\nX-TOURDESK-DOCUMENT;TYPE=passport;X-COUNTRY=CHN;X-EXPIRY=2031-05-01:E12345678\r\n"
                            "X-TOURDESK-DOCUMENT;TYPE=hk-macao-permit:C87654321\r\n"));
  g_assert_null (strstr (out->str, "G00000000"));
  /* nothing that vCard has no place for */
  g_assert_null (strstr (out->str, "1200"));
}

/* The customer's values that a vCard carries, as row_dump() prints them. */
static char *
customer_dump (JsonObject *customer)
{
  static const char *fields[] = {
    "party", "name", "family_name", "given_name", "gender", "birth_date", "phone",
    "other_phones", "email", "other_emails", "province", "city", "district", "language",
    "notes", "tags", "id_type", "id_number", "id_country", "id_expiry",
  };
  g_autoptr(TdCustomerRow) row = td_customer_row_new (1);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (json_object_has_member (customer, fields[i]))
      json_object_set_string_member (row->values, fields[i],
                                     json_object_get_string_member (customer, fields[i]));
  return row_dump (row);
}

static void
assert_round_trip (JsonObject *customer,
                   GPtrArray  *docs)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *expected = customer_dump (customer);
  g_autofree char *got = NULL;
  TdCustomerRow *row;
  guint n_docs = 0;

  /* twice in one file: each comes back on its own */
  td_vcard_write (out, customer, docs);
  td_vcard_write (out, customer, docs);
  rows = td_vcard_parse (out->str, out->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);
  row = g_ptr_array_index (rows, 1);
  g_assert_cmpuint (row->line, >, 1);
  got = row_dump (row);
  g_assert_cmpstr (got, ==, expected);

  for (guint i = 0; docs && i < docs->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (docs, i);
      JsonObject *back;

      if (json_object_has_member (doc, "deleted") && json_object_get_boolean_member (doc, "deleted"))
        continue;
      g_assert_cmpuint (n_docs, <, row->documents->len);
      back = g_ptr_array_index (row->documents, n_docs++);
      for (const char **f = (const char *[]) { "doc_type", "number", "country", "expiry", NULL }; *f; f++)
        g_assert_cmpstr (json_object_get_string_member_with_default (back, *f, NULL), ==,
                         json_object_get_string_member_with_default (doc, *f, NULL));
    }
  g_assert_cmpuint (row->documents->len, ==, n_docs);
}

static void
test_round_trip (void)
{
  g_autoptr(JsonObject) person = sample_customer ();
  g_autoptr(JsonObject) organisation = json_object_new ();
  g_autoptr(JsonObject) minimal = json_object_new ();
  g_autoptr(JsonObject) awkward = json_object_new ();
  g_autoptr(GPtrArray) docs = sample_documents ();

  assert_round_trip (person, docs);

  json_object_set_string_member (organisation, "party", "organisation");
  json_object_set_string_member (organisation, "name", "黄山旅游集团有限公司");
  json_object_set_string_member (organisation, "phone", "+8655912345678");
  json_object_set_string_member (organisation, "email", "sales@hstravel.example.cn");
  json_object_set_string_member (organisation, "province", "安徽省");
  json_object_set_string_member (organisation, "city", "黄山市");
  json_object_set_string_member (organisation, "tags", "供应商,myContacts");
  assert_round_trip (organisation, NULL);

  json_object_set_string_member (minimal, "party", "person");
  json_object_set_string_member (minimal, "name", "Anna Müller");
  assert_round_trip (minimal, NULL);

  /* text that has to be escaped everywhere, a district that does not say
   * it is one, a birth date that is no date, and a long unbroken value */
  json_object_set_string_member (awkward, "party", "person");
  json_object_set_string_member (awkward, "name", "O'Brien; Pat, \"Jr.\" \\ 李");
  json_object_set_string_member (awkward, "family_name", "O'Brien;");
  json_object_set_string_member (awkward, "given_name", "Pat,\\");
  json_object_set_string_member (awkward, "district", "Haidian");
  json_object_set_string_member (awkward, "city", "Beijing; 北京");
  json_object_set_string_member (awkward, "birth_date", "1990-02-30");
  json_object_set_string_member (awkward, "notes", "line 1\nline 2\n\n::;;,,\\\\^^\"\"\tend");
  json_object_set_string_member (awkward, "id_type", "other");
  json_object_set_string_member (awkward, "id_number", "X;1,2:3");
  json_object_set_string_member (awkward, "id_country", "a\"b;c:d");
  json_object_set_string_member (awkward, "language",
                                 "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十");
  assert_round_trip (awkward, NULL);
}

/* ------------------------------------------------------------------ */
/* fuzzing                                                            */

#define FUZZ_SEED 20261122
#define FUZZ_MUTATIONS 20000

static void
mutate (GString *data,
        GRand   *rand)
{
  static const char *inserts[] = {
    ":", ";", "=", "\\", "\r\n", "\n", "\r", " ", "\t", "\"", ",", "^", "=\r\n", "=0", "=G",
    "\r\n ", "BEGIN:VCARD\r\n", "END:VCARD\r\n", ";ENCODING=QUOTED-PRINTABLE", ";CHARSET=GB18030",
    ";ENCODING=b", "\xE5\xBC", "\xFF", "VERSION:2.1\r\n",
  };
  guint pos = data->len ? (guint) g_rand_int_range (rand, 0, (gint32) data->len) : 0;

  switch (g_rand_int_range (rand, 0, 7))
    {
    case 0: /* flip a bit */
      if (data->len)
        data->str[pos] ^= (char) (1 << g_rand_int_range (rand, 0, 8));
      break;
    case 1: /* any byte, NUL included */
      if (data->len)
        data->str[pos] = (char) g_rand_int_range (rand, 0, 256);
      break;
    case 2: /* truncate */
      g_string_truncate (data, pos);
      break;
    case 3:
    case 4: /* insert a character that means something */
      g_string_insert (data, pos, inserts[g_rand_int_range (rand, 0, G_N_ELEMENTS (inserts))]);
      break;
    case 5: /* delete a few bytes */
      {
        gssize n = g_rand_int_range (rand, 1, 16);

        g_string_erase (data, pos, MIN ((gssize) (data->len - pos), n));
      }
      break;
    case 6: /* duplicate the line that holds pos */
      {
        gsize start = pos, end = pos;
        g_autofree char *copy = NULL;

        while (start > 0 && data->str[start - 1] != '\n')
          start--;
        while (end < data->len && data->str[end] != '\n')
          end++;
        if (end < data->len)
          end++;
        copy = g_strndup (data->str + start, end - start);
        g_string_insert_len (data, (gssize) end, copy, (gssize) (end - start));
      }
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
assert_row_sane (TdCustomerRow *row)
{
  g_autoptr(GList) members = json_object_get_members (row->values);

  g_assert_cmpuint (row->line, >=, 1);
  for (GList *l = members; l; l = l->next)
    {
      const char *value = json_object_get_string_member (row->values, l->data);

      g_assert_nonnull (value);
      g_assert_true (g_utf8_validate (value, -1, NULL));
      g_assert_cmpstr (value, !=, "");
    }
  g_assert_true (json_object_has_member (row->values, "party"));
}

static void
test_fuzz (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (FUZZ_SEED);
  guint per_sample = FUZZ_MUTATIONS / G_N_ELEMENTS (samples);
  guint n_rows = 0, n_errors = 0, n_rewritten = 0;
  gint64 start = g_get_monotonic_time ();

  for (guint s = 0; s < G_N_ELEMENTS (samples); s++)
    {
      g_autoptr(GBytes) bytes = load_sample (samples[s]);

      for (guint i = 0; i < per_sample; i++)
        {
          g_autoptr(GString) data = g_string_new_len (g_bytes_get_data (bytes, NULL),
                                                      (gssize) g_bytes_get_size (bytes));
          g_autoptr(GError) error = NULL;
          g_autoptr(GPtrArray) rows = NULL;
          guint n_mutations = (guint) g_rand_int_range (rand, 1, 5);
          char *copy;

          for (guint m = 0; m < n_mutations; m++)
            mutate (data, rand);

          /* an exact-size copy, so that reading past the end is seen */
          copy = g_memdup2 (data->str, data->len);
          rows = td_vcard_parse (copy, data->len, &error);
          g_free (copy);

          if (rows == NULL)
            {
              g_assert_nonnull (error);
              g_assert_true (error->domain == TD_VCARD_ERROR);
              if (!g_utf8_validate (error->message, -1, NULL))
                g_error ("not UTF-8: %s", error->message);
              if (error->code != TD_VCARD_ERROR_EMPTY)
                g_assert_true (g_str_has_prefix (error->message, "Line "));
              n_errors++;
              continue;
            }
          g_assert_no_error (error);
          g_assert_cmpuint (rows->len, >, 0);
          n_rows += rows->len;

          /* what was read is written and read back the same */
          for (guint r = 0; r < rows->len; r++)
            {
              TdCustomerRow *row = g_ptr_array_index (rows, r);
              g_autoptr(GString) out = NULL;
              g_autoptr(GPtrArray) again = NULL;
              g_autofree char *before = NULL;
              g_autofree char *after = NULL;

              assert_row_sane (row);
              out = g_string_new (NULL);
              td_vcard_write (out, row->values, row->documents);
              assert_well_folded (out->str);
              again = td_vcard_parse (out->str, out->len, &error);
              g_assert_no_error (error);
              g_assert_cmpuint (again->len, ==, 1);
              before = row_dump (row);
              after = row_dump (g_ptr_array_index (again, 0));
              if (!json_object_has_member (row->values, "name"))
                {
                  /* the writer needs an FN: the name comes back built */
                  g_assert_true (json_object_has_member (((TdCustomerRow *) g_ptr_array_index (again, 0))->values, "party"));
                }
              else
                g_assert_cmpstr (after, ==, before);
              g_assert_cmpuint (((TdCustomerRow *) g_ptr_array_index (again, 0))->documents->len, ==,
                                row->documents->len);
              n_rewritten++;
            }
        }
    }
  g_test_message ("%u mutated files: %u rows, %u errors, %u rows written back, %.1f s",
                  per_sample * (guint) G_N_ELEMENTS (samples), n_rows, n_errors, n_rewritten,
                  (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC);
  /* both outcomes were tried many times */
  g_assert_cmpuint (n_rows, >, 1000);
  g_assert_cmpuint (n_errors, >, 1000);
}

/* ------------------------------------------------------------------ */
/* a large file                                                       */

static void
test_large (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *photo = NULL;
  guchar pixels[270];
  guint n = g_test_slow () ? 100000 : 20000;
  gint64 start;
  double seconds;

  for (guint i = 0; i < sizeof pixels; i++)
    pixels[i] = (guchar) (i * 7 + 3);
  photo = g_base64_encode (pixels, sizeof pixels);

  for (guint i = 0; i < n; i++)
    {
      switch (i % 3)
        {
        case 0:
          g_string_append_printf (text,
                                  "BEGIN:VCARD\r\nVERSION:2.1\r\n"
                                  "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E5=BC=A0;=E4=BC=9F;;;\r\n"
                                  "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E5=BC=A0=E4=BC=9F %u\r\n"
                                  "TEL;CELL;PREF:138%08u\r\nTEL;HOME:010-6234%04u\r\n"
                                  "NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E8=80=81=E5=AE=A2=E6=88=B7=\r\n"
                                  "=EF=BC=8C=E5=96=9C=E6=AC=A2=E9=9D=A0=E7=AA=97\r\n",
                                  i, i, i % 10000);
          break;
        case 1:
          g_string_append_printf (text,
                                  "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:陈静 %u\r\nN:陈;静;;;\r\n"
                                  "EMAIL;TYPE=INTERNET;TYPE=HOME:chen%u@example.com\r\n"
                                  "TEL;TYPE=CELL:139 %04u %04u\r\nADR;TYPE=HOME:;;南京西路 1266 号;上海;上海;200040;中国\r\n"
                                  "CATEGORIES:myContacts,Friends\r\n",
                                  i, i, i / 10000, i % 10000);
          break;
        default:
          g_string_append_printf (text,
                                  "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Customer %u\r\nN:Customer;%u;;;\r\n"
                                  "GENDER:F\r\nBDAY:19900307\r\nTEL;VALUE=uri;TYPE=cell:tel:+86-139-%04u-%04u\r\n",
                                  i, i, i / 10000, i % 10000);
          break;
        }
      /* a folded photo in each */
      g_string_append (text, "PHOTO;ENCODING=b;TYPE=JPEG:");
      for (const char *p = photo; *p; p += MIN (strlen (p), 74))
        g_string_append_printf (text, "%.*s\r\n ", (int) MIN (strlen (p), 74), p);
      g_string_truncate (text, text->len - 1);
      g_string_append (text, "END:VCARD\r\n");
    }

  start = g_get_monotonic_time ();
  rows = td_vcard_parse (text->str, text->len, &error);
  seconds = (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, n);
  g_test_message ("%u contacts, %.1f MB: parsed in %.3f s", n, text->len / 1e6, seconds);
  g_test_minimized_result (seconds, "parsed %u contacts (%.1f MB) in %.3f s", n, text->len / 1e6, seconds);

  assert_row (rows, 0, 1,
              "family_name=张\ngiven_name=伟\nname=张伟 0\nnotes=老客户，喜欢靠窗\n"
              "other_phones=010-62340000\nparty=person\nphone=13800000000\n");
  g_assert_cmpstr (json_object_get_string_member (((TdCustomerRow *) g_ptr_array_index (rows, n - 1))->values, "name"),
                   !=, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/vcard/gnome-contacts", test_gnome_contacts);
  g_test_add_func ("/vcard/google", test_google);
  g_test_add_func ("/vcard/android", test_android);
  g_test_add_func ("/vcard/evolution", test_evolution);
  g_test_add_func ("/vcard/multi", test_multi);
  g_test_add_func ("/vcard/line-ends", test_line_ends);
  g_test_add_func ("/vcard/values", test_values);
  g_test_add_func ("/vcard/documents", test_documents);
  g_test_add_func ("/vcard/errors", test_errors);
  g_test_add_func ("/vcard/check", test_check);
  g_test_add_func ("/vcard/write", test_write);
  g_test_add_func ("/vcard/round-trip", test_round_trip);
  g_test_add_func ("/vcard/fuzz", test_fuzz);
  g_test_add_func ("/vcard/large", test_large);
  return g_test_run ();
}
